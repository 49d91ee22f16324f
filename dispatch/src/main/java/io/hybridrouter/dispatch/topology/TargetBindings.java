package io.hybridrouter.dispatch.topology;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.eventbridge.model.AssignPublicIp;
import software.amazon.awssdk.services.eventbridge.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.eventbridge.model.DeadLetterConfig;
import software.amazon.awssdk.services.eventbridge.model.EcsParameters;
import software.amazon.awssdk.services.eventbridge.model.InputTransformer;
import software.amazon.awssdk.services.eventbridge.model.LaunchType;
import software.amazon.awssdk.services.eventbridge.model.NetworkConfiguration;
import software.amazon.awssdk.services.eventbridge.model.RetryPolicy;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * Where each declared {@link RoutingTopology} resource is in one deployment, and so the EventBridge
 * target a declared target becomes there: what {@code stack deploy} puts on the bus and what
 * {@code rules diff} expects to find. Where the backend cannot run the executor or the ECS task,
 * an SQS tap (a queue that receives exactly the input the real target would) stands in. Immutable
 * and thread-safe.
 *
 * @param queueArns     SQS resources → queue ARN
 * @param executorArn   the executor function, or empty to use {@code lambdaTapArn}
 * @param lambdaTapArn  the queue standing in for the executor
 * @param worker        the ECS target settings, or empty to use {@code ecsTapArn}
 * @param ecsTapArn     the queue standing in for the ECS target
 * @param targetsDlqArn every target's dead-letter queue
 */
public record TargetBindings(Map<RoutingTopology.Resource, String> queueArns, Optional<String> executorArn,
        String lambdaTapArn, Optional<EcsBinding> worker, String ecsTapArn, String targetsDlqArn) {

    /** An ECS RunTask target's settings. */
    public record EcsBinding(String clusterArn, String taskDefinitionArn, String roleArn, List<String> subnets,
            List<String> securityGroups) {
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
            case LAMBDA -> b.arn(executorArn.orElse(lambdaTapArn));
            case ECS -> {
                if (worker.isPresent()) {
                    EcsBinding w = worker.get();
                    b.arn(w.clusterArn()).roleArn(w.roleArn()).ecsParameters(EcsParameters.builder()
                            .taskDefinitionArn(w.taskDefinitionArn()).taskCount(1).launchType(LaunchType.FARGATE)
                            .networkConfiguration(NetworkConfiguration.builder().awsvpcConfiguration(
                                    AwsVpcConfiguration.builder().subnets(w.subnets())
                                            .securityGroups(w.securityGroups())
                                            .assignPublicIp(AssignPublicIp.DISABLED).build()).build())
                            .build());
                } else {
                    b.arn(ecsTapArn);
                }
            }
            case SQS -> b.arn(queueArns.get(t.resource()));
            default -> throw new IllegalStateException("unknown target kind " + t.kind());
        }
        return b.build();
    }
}
