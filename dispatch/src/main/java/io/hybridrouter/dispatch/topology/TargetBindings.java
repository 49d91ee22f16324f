package io.hybridrouter.dispatch.topology;

import io.hybridrouter.shared.option.Arch;
import io.hybridrouter.shared.option.RunOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.eventbridge.model.AssignPublicIp;
import software.amazon.awssdk.services.eventbridge.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.eventbridge.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.eventbridge.model.DeadLetterConfig;
import software.amazon.awssdk.services.eventbridge.model.EcsParameters;
import software.amazon.awssdk.services.eventbridge.model.InputTransformer;
import software.amazon.awssdk.services.eventbridge.model.NetworkConfiguration;
import software.amazon.awssdk.services.eventbridge.model.RetryPolicy;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * Where each declared {@link RoutingTopology} resource is in one deployment, and so the EventBridge
 * target a declared target becomes there: what {@code stack deploy} puts on the bus and what
 * {@code rules diff} expects to find. A Lambda option's target is its own executor function; an ECS
 * option's target is a RunTask of the worker task definition for the option's architecture on the
 * option's capacity provider (no launch type then), the task size in its input. Where the backend
 * cannot run an option's function or task, that option's own SQS tap (a queue that receives exactly
 * the input the real target would) stands in, so each option's deliveries can be told apart.
 * Immutable and thread-safe.
 *
 * @param queueArns     SQS resources → queue ARN
 * @param executorArns  option id → its executor function's ARN; an option without one gets its tap
 * @param worker        the ECS target settings, or empty to use the ECS options' taps
 * @param tapArns       option id → the ARN of the queue standing in for its target
 * @param targetsDlqArn every target's dead-letter queue
 */
public record TargetBindings(Map<RoutingTopology.Resource, String> queueArns, Map<String, String> executorArns,
        Optional<EcsBinding> worker, Map<String, String> tapArns, String targetsDlqArn) {

    public TargetBindings {
        queueArns = Map.copyOf(queueArns);
        executorArns = Map.copyOf(executorArns);
        tapArns = Map.copyOf(tapArns);
    }

    /**
     * An ECS RunTask target's settings.
     *
     * @param clusterArn         the cluster, with the FARGATE and FARGATE_SPOT capacity providers
     * @param taskDefinitionArns the worker task definition per architecture
     * @param roleArn            the role the rule runs tasks with
     * @param subnets            the tasks' subnets
     * @param securityGroups     the tasks' security groups
     */
    public record EcsBinding(String clusterArn, Map<Arch, String> taskDefinitionArns, String roleArn,
            List<String> subnets, List<String> securityGroups) {

        public EcsBinding {
            taskDefinitionArns = Map.copyOf(taskDefinitionArns);
            subnets = List.copyOf(subnets);
            securityGroups = List.copyOf(securityGroups);
        }
    }

    /** The capacity provider strategy an ECS option's RunTask names: its capacity provider only. */
    public static CapacityProviderStrategyItem capacityProvider(RunOption option) {
        return CapacityProviderStrategyItem.builder().capacityProvider(option.capacity().wireName()).weight(1)
                .build();
    }

    /** The target as deployed with these bindings: taps in place of what the backend cannot run. */
    public Target target(RoutingTopology.Target t) {
        Target.Builder b = Target.builder().id(t.id())
                .retryPolicy(RetryPolicy.builder().maximumRetryAttempts(RoutingTopology.MAX_RETRY_ATTEMPTS)
                        .maximumEventAgeInSeconds(RoutingTopology.MAX_EVENT_AGE_S).build())
                .deadLetterConfig(DeadLetterConfig.builder().arn(targetsDlqArn).build());
        t.input().ifPresent(in -> b.inputTransformer(InputTransformer.builder().inputPathsMap(in.paths())
                .inputTemplate(in.template()).build()));
        switch (t.kind()) {
            case LAMBDA -> {
                RunOption o = option(t);
                b.arn(executorArns.containsKey(o.id()) ? executorArns.get(o.id()) : tap(o));
            }
            case ECS -> {
                RunOption o = option(t);
                if (worker.isPresent()) {
                    EcsBinding w = worker.get();
                    b.arn(w.clusterArn()).roleArn(w.roleArn()).ecsParameters(EcsParameters.builder()
                            .taskDefinitionArn(w.taskDefinitionArns().get(o.arch())).taskCount(1)
                            .capacityProviderStrategy(capacityProvider(o))
                            .networkConfiguration(NetworkConfiguration.builder().awsvpcConfiguration(
                                    AwsVpcConfiguration.builder().subnets(w.subnets())
                                            .securityGroups(w.securityGroups())
                                            .assignPublicIp(AssignPublicIp.DISABLED).build()).build())
                            .build());
                } else {
                    b.arn(tap(o));
                }
            }
            case SQS -> b.arn(queueArns.get(t.resource()));
            default -> throw new IllegalStateException("unknown target kind " + t.kind());
        }
        return b.build();
    }

    private static RunOption option(RoutingTopology.Target t) {
        return t.option().orElseThrow(() -> new IllegalStateException("target " + t.id() + " runs no option"));
    }

    private String tap(RunOption o) {
        String arn = tapArns.get(o.id());
        if (arn == null) {
            throw new IllegalStateException("option " + o.id() + " has neither a target nor a tap in this deployment");
        }
        return arn;
    }
}
