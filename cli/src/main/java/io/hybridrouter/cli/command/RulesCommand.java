package io.hybridrouter.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.classifier.DecisionDispatch;
import io.hybridrouter.dispatch.inspect.DeployedRules;
import io.hybridrouter.dispatch.inspect.Explanation;
import io.hybridrouter.dispatch.inspect.Matcher;
import io.hybridrouter.dispatch.inspect.PreviewClaims;
import io.hybridrouter.dispatch.inspect.RuleDiff;
import io.hybridrouter.dispatch.topology.RoutingTopology;
import io.hybridrouter.localstack.stack.Emulator;
import io.hybridrouter.localstack.stack.ExpectedTargets;
import io.hybridrouter.localstack.stack.StackClients;
import io.hybridrouter.localstack.stack.StackNames;
import io.hybridrouter.shared.JobParseResult;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.RoutingDecision;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;

/** {@code router rules}: see, test and explain where a job goes, and catch drift. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Inspect the EventBridge rules: `rules list|test|explain|diff`.",
        subcommands = {RulesCommand.ListRules.class, RulesCommand.Test.class, RulesCommand.Explain.class,
            RulesCommand.Diff.class})
public final class RulesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** No subcommand is a usage error: the usage goes to stderr and the exit code is 2. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** Where the bus is: the stack's bus, in the AWS the options name. */
    public static final class BusOptions {
        @Mixin
        StackOptions stack;

        @Mixin
        AwsOptions aws;

        /** The bus: the stack's name. */
        String bus() {
            return stack.name();
        }

        StackClients clients() {
            return new StackClients(aws.target());
        }

        String where() {
            return aws.where();
        }

        /** Runs a live call, turning service errors into messages a person can act on. */
        <T> T live(Function<StackClients, T> call) {
            try (StackClients aws = clients()) {
                return call.apply(aws);
            } catch (ResourceNotFoundException e) {
                throw new IllegalArgumentException("event bus " + bus() + " does not exist at " + where()
                        + " (deploy it with `router stack deploy`, or pass --stack)", e);
            } catch (SdkClientException e) {
                throw new IllegalStateException("cannot reach " + where() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Reads an event or job given as a file or as inline JSON. */
    static String jsonArgument(String value, String what) {
        String trimmed = value.strip();
        String json = trimmed;
        if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
            try {
                json = Files.readString(Path.of(value), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException(what + " " + value + " is neither JSON nor a readable file");
            }
        }
        try {
            Json.read(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed " + what + " JSON: " + e.getMessage().replace(
                    "invalid JSON: ", ""));
        }
        return json;
    }

    /** {@code rules list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every rule on the bus with its state, pattern and targets.")
    public static final class ListRules implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BusOptions bus;

        @Option(names = "--json", description = "Print {\"rules\": [...]} as one JSON object.")
        boolean json;

        @Override
        public Integer call() {
            List<DeployedRules.Deployed> rules = bus.live(aws -> {
                aws.events.describeEventBus(b -> b.name(bus.bus()));
                return new DeployedRules(aws.events).read(bus.bus(), null);
            });
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = Json.object();
                ArrayNode list = root.putArray("rules");
                rules.forEach(r -> list.add(DeployedRules.json(r)));
                out.println(Json.write(root));
                return 0;
            }
            out.println(rules.size() + " rules on bus " + bus.bus() + " at " + bus.where());
            DeployedRules.text(rules).forEach(out::println);
            return 0;
        }
    }

    /** {@code rules test}. */
    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Which rules an event matches: live (TestEventPattern) or --offline (event-ruler on the declared rules).")
    public static final class Test implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BusOptions bus;

        @Option(names = "--event", required = true, paramLabel = "FILE|JSON", description = "The event, as a file or inline JSON.")
        String event;

        @Option(names = "--offline", description = "Match the declared rules with event-ruler; no AWS call.")
        boolean offline;

        @Option(names = "--json", description = "Print {\"matched\": [...], \"mode\": ...}.")
        boolean json;

        @Override
        public Integer call() {
            String e = Matcher.complete(jsonArgument(event, "event"));
            List<String> matched;
            String mode;
            if (offline) {
                matched = Matcher.offline(bus.bus(), e);
                mode = "offline";
            } else {
                Matcher.Live live = bus.live(aws -> {
                    aws.events.describeEventBus(b -> b.name(bus.bus()));
                    return Matcher.live(aws.events, new DeployedRules(aws.events).read(bus.bus(), null), e);
                });
                matched = live.matched();
                mode = live.mode();
                if (live.fallback()) {
                    spec.commandLine().getErr().println("note: " + bus.where() + " gave no TestEventPattern answer "
                            + "(moto does not implement it): matched the deployed patterns with event-ruler instead");
                }
            }
            matched = matched.stream().sorted().toList();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode o = Json.object().put("mode", mode);
                ArrayNode m = o.putArray("matched");
                matched.forEach(m::add);
                out.println(Json.write(o));
            } else {
                out.println(matched.isEmpty() ? "matches no rule" : "matches " + String.join(", ", matched));
            }
            return 0;
        }
    }

    /** {@code rules explain}. */
    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = "Classify a job, build the event the classifier would publish, show the rules it matches and what each target gets.")
    public static final class Explain implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BusOptions bus;

        @Mixin
        ModelOptions modelOptions;

        @Parameters(index = "0", paramLabel = "JOB_JSON", description = "The job, inline JSON or a file.")
        String job;

        @Option(names = "--offline", description = "Use the declared rules and targets; no AWS call.")
        boolean offline;

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Override
        public Integer call() {
            JobParseResult parsed = new JobValidator().parse(jsonArgument(job, "job"));
            if (parsed instanceof JobParseResult.Invalid invalid) {
                throw new IllegalArgumentException(ClassifyCommand.invalidJob(invalid));
            }
            RoutingDecision raw = modelOptions.component().router().decide(((JobParseResult.Valid) parsed).job());
            RoutingDecision decision = new DecisionDispatch(Optional.of(new PreviewClaims(
                    new StackNames(bus.bus()).bucket()))).prepare(raw);
            ObjectNode result = offline ? Explanation.offline(bus.bus(), decision, Instant.now())
                    : bus.live(aws -> Explanation.live(aws.events, bus.bus(), decision, Instant.now()));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(result));
            } else {
                out.print(Explanation.text(result));
                out.flush();
            }
            return 0;
        }
    }

    /** {@code rules diff}. */
    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "Declared vs deployed rules and targets; exit 0 in sync, 1 drifted.")
    public static final class Diff implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BusOptions bus;

        @Option(names = "--emulator", paramLabel = "localstack|moto",
                description = "The stack was deployed with this --emulator (moto: SQS taps stand in for Lambda and ECS).")
        String emulator;

        @Override
        public Integer call() {
            Emulator e = emulator == null ? Emulator.LOCALSTACK : Emulator.parse(emulator);
            StackNames names = new StackNames(bus.bus());
            List<String> drift = bus.live(aws -> {
                aws.events.describeEventBus(b -> b.name(bus.bus()));
                return RuleDiff.diff(bus.bus(), new DeployedRules(aws.events).read(bus.bus(), null),
                        new ExpectedTargets(aws).bindings(names, e));
            });
            PrintWriter out = spec.commandLine().getOut();
            if (drift.isEmpty()) {
                out.println("in sync: bus " + bus.bus() + " has the " + RoutingTopology.rules().size()
                        + " declared rules and their targets");
                return 0;
            }
            drift.forEach(d -> out.println("drift: " + d));
            out.println(drift.size() + " difference" + (drift.size() == 1 ? "" : "s") + " on bus " + bus.bus());
            return 1;
        }
    }
}
