package io.hybridrouter.localstack.stack;

import io.hybridrouter.shared.claim.EcsOverrides;
import io.hybridrouter.shared.option.Arch;
import io.hybridrouter.shared.option.Capacity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.CPUArchitecture;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.OSFamily;
import software.amazon.awssdk.services.ecs.model.RuntimePlatform;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * The ECS cluster (with the FARGATE and FARGATE_SPOT capacity providers) and the worker task definitions
 * (x86_64 and arm64), the IAM roles, and (where the backend runs them) the Lambdas.
 */
final class Compute {

    /** The worker task's default size: 1 vCPU, 2 GB; each ECS option's target sizes the task in its overrides. */
    static final String TASK_CPU = "1024";
    static final String TASK_MEMORY = "2048";
    /** The container's soft memory reservation: no hard limit, so the task-level memory override sizes it. */
    static final int CONTAINER_MEMORY_RESERVATION_MB = 512;
    /** Fargate Spot warns two minutes before it stops a task (SIGTERM); ECS's default stop timeout is 30 s. */
    static final int STOP_TIMEOUT_S = 120;
    /** A RunTask that names no capacity provider runs on-demand. */
    private static final CapacityProviderStrategyItem DEFAULT_STRATEGY = CapacityProviderStrategyItem.builder()
            .capacityProvider(Capacity.ON_DEMAND.wireName()).weight(1).build();
    /** The capacity providers every ECS option's RunTask names one of. */
    static final List<String> CAPACITY_PROVIDERS = List.of(Capacity.ON_DEMAND.wireName(), Capacity.SPOT.wireName());

    private final StackClients aws;
    private final String account;

    Compute(StackClients aws, String account) {
        this.aws = aws;
        this.account = account;
    }

    /**
     * The cluster ARN, with both capacity providers where the backend supports them (a note otherwise), or
     * empty when the backend has no ECS API (LocalStack's free tier).
     */
    Optional<String> cluster(StackNames names, List<String> notes) {
        String arn;
        try {
            arn = aws.ecs.createCluster(b -> b.clusterName(names.cluster()).capacityProviders(CAPACITY_PROVIDERS)
                    .defaultCapacityProviderStrategy(DEFAULT_STRATEGY))
                    .cluster().clusterArn();
        } catch (SdkException e) {
            return Optional.empty();
        }
        try {
            // an existing cluster keeps its providers on CreateCluster: converge them
            aws.ecs.putClusterCapacityProviders(b -> b.cluster(names.cluster()).capacityProviders(CAPACITY_PROVIDERS)
                    .defaultCapacityProviderStrategy(DEFAULT_STRATEGY));
        } catch (SdkException e) {
            notes.add("the cluster's capacity providers could not be set here (" + e.getMessage() + ")");
        }
        return Optional.of(arn);
    }

    /** The worker task definition's ARN for {@code arch}: the latest revision when it matches, else a new one. */
    String taskDefinition(StackSpec spec, Arch arch, String executionRoleArn, String taskRoleArn) {
        StackNames n = spec.names();
        String family = n.taskFamily(arch);
        List<KeyValuePair> env = List.of(
                KeyValuePair.builder().name("ROUTER_EVENT_BUS").value(n.bus()).build(),
                KeyValuePair.builder().name("ROUTER_IDEMPOTENCY_TABLE").value(n.table()).build(),
                KeyValuePair.builder().name("ROUTER_CLAIM_BUCKET").value(n.bucket()).build());
        ContainerDefinition container = ContainerDefinition.builder().name(EcsOverrides.CONTAINER)
                .image(spec.workerImage()).essential(true).memoryReservation(CONTAINER_MEMORY_RESERVATION_MB)
                .stopTimeout(STOP_TIMEOUT_S).environment(env).build();
        RuntimePlatform platform = RuntimePlatform.builder().operatingSystemFamily(OSFamily.LINUX)
                .cpuArchitecture(arch == Arch.ARM64 ? CPUArchitecture.ARM64 : CPUArchitecture.X86_64).build();
        try {
            TaskDefinition latest = aws.ecs.describeTaskDefinition(b -> b.taskDefinition(family)).taskDefinition();
            ContainerDefinition deployed = latest.containerDefinitions().get(0);
            if (spec.workerImage().equals(deployed.image()) && env.equals(deployed.environment())
                    && container.memoryReservation().equals(deployed.memoryReservation()) && deployed.memory() == null
                    && container.stopTimeout().equals(deployed.stopTimeout()) && platform.equals(latest.runtimePlatform())) {
                return latest.taskDefinitionArn();
            }
        } catch (SdkException e) {
            // no revision yet
        }
        return aws.ecs.registerTaskDefinition(b -> b.family(family)
                .requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC)
                .cpu(TASK_CPU).memory(TASK_MEMORY).runtimePlatform(platform).executionRoleArn(executionRoleArn)
                .taskRoleArn(taskRoleArn).containerDefinitions(container)).taskDefinition().taskDefinitionArn();
    }

    /** A role with an inline policy; ARN of the role. Falls back to a made-up ARN where IAM is absent. */
    String role(String name, String service, String policyJson) {
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"Service\":\"" + service + "\"},\"Action\":\"sts:AssumeRole\"}]}";
        try {
            String arn;
            try {
                arn = aws.iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(trust)).role().arn();
            } catch (EntityAlreadyExistsException e) {
                aws.iam.updateAssumeRolePolicy(b -> b.roleName(name).policyDocument(trust));
                arn = aws.iam.getRole(b -> b.roleName(name)).role().arn();
            }
            aws.iam.putRolePolicy(b -> b.roleName(name).policyName(name + "-policy").policyDocument(policyJson));
            return arn;
        } catch (SdkException e) {
            return "arn:aws:iam::" + account + ":role/" + name;
        }
    }

    void deleteRole(String name) {
        try {
            aws.iam.deleteRolePolicy(b -> b.roleName(name).policyName(name + "-policy"));
        } catch (SdkException e) {
            // no inline policy
        }
        try {
            aws.iam.deleteRole(b -> b.roleName(name));
        } catch (NoSuchEntityException e) {
            // already gone
        } catch (SdkException e) {
            // IAM not available on this backend
        }
    }

    /** Creates or updates a Java 21 function of {@code memoryMb} on {@code arch} from a jar; returns its ARN. */
    String function(String name, Path jar, String handler, String roleArn, Map<String, String> env, int timeoutS,
            int memoryMb, Arch arch) throws IOException {
        SdkBytes code = SdkBytes.fromByteArray(Files.readAllBytes(jar));
        Architecture architecture = arch == Arch.ARM64 ? Architecture.ARM64 : Architecture.X86_64;
        try {
            return aws.lambda.createFunction(b -> b.functionName(name).runtime(Runtime.JAVA21).handler(handler)
                    .role(roleArn).memorySize(memoryMb).architectures(architecture).timeout(timeoutS)
                    .code(c -> c.zipFile(code)).environment(e -> e.variables(env))).functionArn();
        } catch (ResourceConflictException e) {
            aws.lambda.updateFunctionCode(b -> b.functionName(name).zipFile(code).architectures(architecture));
            return aws.lambda.updateFunctionConfiguration(b -> b.functionName(name).handler(handler)
                    .environment(x -> x.variables(env)).timeout(timeoutS).memorySize(memoryMb)).functionArn();
        }
    }

    /** Feeds the jobs queue to the classifier, reporting batch item failures. */
    void eventSource(String function, String queueArn) {
        boolean exists = aws.lambda.listEventSourceMappings(b -> b.functionName(function).eventSourceArn(queueArn))
                .hasEventSourceMappings()
                && !aws.lambda.listEventSourceMappings(b -> b.functionName(function).eventSourceArn(queueArn))
                .eventSourceMappings().isEmpty();
        if (!exists) {
            aws.lambda.createEventSourceMapping(b -> b.functionName(function).eventSourceArn(queueArn).batchSize(10)
                    .maximumBatchingWindowInSeconds(1).functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES));
        }
    }

    /** Lets EventBridge rules of the stack invoke the executor. */
    void allowEvents(String function, String ruleArnPrefix) {
        try {
            aws.lambda.addPermission(b -> b.functionName(function).statementId("events-invoke")
                    .action("lambda:InvokeFunction").principal("events.amazonaws.com").sourceArn(ruleArnPrefix + "*"));
        } catch (ResourceConflictException e) {
            // already allowed
        }
    }

    void deleteFunction(String name) {
        try {
            aws.lambda.listEventSourceMappings(b -> b.functionName(name)).eventSourceMappings()
                    .forEach(m -> aws.lambda.deleteEventSourceMapping(b -> b.uuid(m.uuid())));
            aws.lambda.deleteFunction(b -> b.functionName(name));
        } catch (SdkException e) {
            // not there, or no Lambda on this backend
        }
    }
}
