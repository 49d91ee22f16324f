package io.hybridrouter.cli.command;

import io.hybridrouter.localstack.stack.Emulator;
import io.hybridrouter.localstack.stack.StackClients;
import io.hybridrouter.localstack.stack.StackNames;
import io.hybridrouter.localstack.stack.StackOutputs;
import io.hybridrouter.localstack.stack.StackProvisioner;
import io.hybridrouter.localstack.stack.StackSpec;
import io.hybridrouter.shared.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkClientException;

/** {@code router stack deploy|destroy}: the whole topology in an AWS emulator. */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = "Deploy or destroy the whole stack in LocalStack or moto (`stack deploy`, `stack destroy`).",
        subcommands = {StackCommand.Deploy.class, StackCommand.Destroy.class})
public final class StackCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** No subcommand is a usage error: the usage goes to stderr and the exit code is 2. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** {@code router stack deploy}. */
    @Command(name = "deploy", mixinStandardHelpOptions = true,
            description = "Create or update every queue, the bus, a rule and target per option (taps on moto), bucket, table, cluster with both capacity providers, task definitions, roles and functions.")
    public static final class Deploy implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        TargetMixin target;

        @Option(names = "--emulator", paramLabel = "localstack|moto", defaultValue = "localstack",
                description = "What runs at the endpoint; moto gets SQS taps in place of Lambda and ECS targets (default: ${DEFAULT-VALUE}).")
        String emulator;

        @Option(names = "--json", description = "Print the stack's outputs as one JSON object.")
        boolean json;

        @Option(names = "--max-receive-count", defaultValue = "5", paramLabel = "N",
                description = "Receives before a job moves to the DLQ, at least 5 (default: ${DEFAULT-VALUE}).")
        int maxReceiveCount;

        @Option(names = "--visibility-timeout", defaultValue = "180", paramLabel = "SECONDS",
                description = "The jobs queue's visibility timeout (default: ${DEFAULT-VALUE}, six times the classifier's 30 s).")
        int visibilityTimeout;

        @Option(names = "--subnets", split = ",", paramLabel = "ID", description = "Subnets for the Fargate tasks.")
        List<String> subnets;

        @Option(names = "--security-groups", split = ",", paramLabel = "ID", description = "Security groups for the Fargate tasks.")
        List<String> securityGroups;

        @Option(names = "--worker-image", paramLabel = "IMAGE", defaultValue = "hybrid-router-worker:latest",
                description = "The worker container image (default: ${DEFAULT-VALUE}).")
        String workerImage;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String endpoint = target.emulatorEndpoint(spec);
            StackSpec base = StackSpec.forEmulator(stackNames(target.stack.name()).stack(), Emulator.parse(emulator));
            StackSpec stackSpec = new StackSpec(base.names(), base.emulator(), maxReceiveCount, visibilityTimeout,
                    subnets == null ? base.subnets() : subnets,
                    securityGroups == null ? base.securityGroups() : securityGroups, workerImage,
                    Path.of(System.getProperty("router.repo.root", ".")));
            try (StackClients aws = new StackClients(target.aws.target())) {
                StackOutputs o = new StackProvisioner(aws, step -> {
                    if (!json) {
                        err.println("deploying " + step + "...");
                        err.flush();
                    }
                }).deploy(stackSpec);
                if (json) {
                    out.println(Json.write(o));
                } else {
                    print(o, out, endpoint);
                }
                return 0;
            } catch (SdkClientException e) {
                throw new IllegalStateException("cannot reach " + endpoint + ": " + e.getMessage()
                        + " (is the emulator running?)", e);
            }
        }

        private static void print(StackOutputs o, PrintWriter out, String endpoint) {
            out.println("stack " + o.stack() + " deployed at " + endpoint + " (" + o.emulator() + ")");
            out.println("  jobs queue      " + o.jobsQueueUrl());
            out.println("  dead letters    " + o.dlqUrl());
            out.println("  rejected jobs   " + o.rejectedQueueUrl());
            out.println("  audit           " + o.auditQueueUrl());
            out.println("  outcomes        " + o.outcomesQueueUrl());
            out.println("  bus             " + o.busName());
            out.println("  rules           " + o.rules().size() + ": one per option (" + o.rules().get(0) + ", ...) and "
                    + String.join(", ", o.rules().stream().filter(r -> !r.startsWith(o.stack() + "-option-")).toList()));
            if (o.clusterArn() != null) {
                out.println("  cluster         " + o.clusterArn() + (o.capacityProviders() == null ? ""
                        : " (capacity providers " + String.join(", ", o.capacityProviders()) + ")"));
                if (o.taskDefinitionArns() != null) {
                    o.taskDefinitionArns().forEach((arch, arn) -> out.println(String.format("  %-15s %s",
                            "task def " + arch, arn)));
                }
            }
            out.println("  claim bucket    " + o.claimBucket() + ", idempotency table " + o.idempotencyTable());
            if (o.taps() != null) {
                String first = o.taps().values().iterator().next();
                out.println("  taps            " + o.taps().size() + " SQS queues, one per option, standing in for its "
                        + "target (" + first.substring(0, first.lastIndexOf("-tap-") + 5) + "<option>; --json lists them)");
            }
            if (o.functions() != null) {
                out.println("  functions       " + String.join(", ", o.functions().keySet()));
            }
            o.notes().forEach(n -> out.println("note: " + n));
            out.println("next: ./router submit --endpoint-url " + endpoint + " --queue-url " + o.jobsQueueUrl()
                    + " jobs.jsonl");
        }
    }

    /** {@code router stack destroy}. */
    @Command(name = "destroy", mixinStandardHelpOptions = true, description = "Remove everything `stack deploy` created.")
    public static final class Destroy implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        TargetMixin target;

        @Override
        public Integer call() {
            String endpoint = target.emulatorEndpoint(spec);
            String name = target.stack.name();
            try (StackClients aws = new StackClients(target.aws.target())) {
                List<String> removed = new StackProvisioner(aws, s -> { }).destroy(stackNames(name));
                removed.forEach(r -> spec.commandLine().getOut().println("removed " + r));
                spec.commandLine().getOut().println(removed.isEmpty() ? "nothing to remove for stack " + name
                        : "stack " + name + " destroyed");
                return 0;
            } catch (SdkClientException e) {
                throw new IllegalStateException("cannot reach " + endpoint + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The emulator and the stack, shared by both subcommands. The endpoint comes from
     * {@code --endpoint-url} or, as for any AWS tool, {@code AWS_ENDPOINT_URL} (or the profile's
     * {@code endpoint_url}); one of them is required, as these commands provision emulators only.
     */
    public static final class TargetMixin {
        @Mixin
        AwsOptions aws;

        @Mixin
        StackOptions stack;

        /** The emulator's endpoint, for messages; a usage error (exit 2) when none is configured. */
        String emulatorEndpoint(CommandSpec spec) {
            if (!aws.emulator()) {
                throw new ParameterException(spec.commandLine(), "no emulator endpoint: pass --endpoint-url URL "
                        + "(like http://localhost:4566) or set AWS_ENDPOINT_URL; for an AWS account, deploy "
                        + "template.yaml with SAM");
            }
            return aws.where();
        }
    }

    /** The stack's resource names; a name that breaks the naming rule is a usage error (exit 2), said before any call. */
    static StackNames stackNames(String name) {
        try {
            return new StackNames(name);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--stack: " + e.getMessage());
        }
    }
}
