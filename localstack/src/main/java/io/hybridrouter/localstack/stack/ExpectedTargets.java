package io.hybridrouter.localstack.stack;

import io.hybridrouter.dispatch.topology.RoutingTopology;
import io.hybridrouter.dispatch.topology.TargetBindings;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The targets a stack's rules should have on this backend, worked out from the resources that
 * exist, exactly as {@link StackProvisioner#deploy} would bind them: taps where the backend cannot
 * run Lambda or ECS, as {@link TargetPolicy} decides for both (always on moto; where no function or
 * cluster exists on LocalStack).
 */
public final class ExpectedTargets {

    private final StackClients aws;

    public ExpectedTargets(StackClients aws) {
        this.aws = aws;
    }

    public TargetBindings bindings(StackNames n, Emulator emulator) {
        Map<RoutingTopology.Resource, String> queues = new EnumMap<>(RoutingTopology.Resource.class);
        queues.put(RoutingTopology.Resource.REJECTED_QUEUE, queueArn(n.rejectedQueue()));
        queues.put(RoutingTopology.Resource.AUDIT_QUEUE, queueArn(n.auditQueue()));
        queues.put(RoutingTopology.Resource.OUTCOMES_QUEUE, queueArn(n.outcomesQueue()));
        Optional<String> executor = TargetPolicy.real(emulator, () -> executor(n));
        Optional<TargetBindings.EcsBinding> worker = TargetPolicy.real(emulator, () -> worker(n));
        return new TargetBindings(queues, executor, queueArn(n.lambdaTap()), worker, queueArn(n.ecsTap()),
                queueArn(n.targetsDlq()));
    }

    private Optional<String> executor(StackNames n) {
        try {
            return Optional.of(aws.lambda.getFunction(b -> b.functionName(n.function("executor"))).configuration()
                    .functionArn());
        } catch (SdkException e) {
            return Optional.empty(); // no function: the deploy put a tap in its place
        }
    }

    private Optional<TargetBindings.EcsBinding> worker(StackNames n) {
        try {
            var clusters = aws.ecs.describeClusters(b -> b.clusters(n.cluster())).clusters();
            if (clusters.isEmpty() || !"ACTIVE".equals(clusters.get(0).status())) {
                return Optional.empty();
            }
            String taskDef = aws.ecs.describeTaskDefinition(b -> b.taskDefinition(n.taskFamily())).taskDefinition()
                    .taskDefinitionArn();
            String role = aws.iam.getRole(b -> b.roleName(n.role("events-ecs"))).role().arn();
            return Optional.of(new TargetBindings.EcsBinding(clusters.get(0).clusterArn(), taskDef, role, List.of(),
                    List.of()));
        } catch (SdkException e) {
            return Optional.empty(); // no ECS here: the deploy put a tap in its place
        }
    }

    private String queueArn(String name) {
        try {
            String url = aws.sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
            return aws.sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
        } catch (SdkException e) {
            return "(queue " + name + " does not exist)";
        }
    }
}
