package io.hybridrouter.localstack.stack;

import io.hybridrouter.dispatch.topology.RoutingTopology;
import io.hybridrouter.dispatch.topology.TargetBindings;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.option.Arch;
import io.hybridrouter.shared.option.RunOption;
import io.hybridrouter.shared.option.RunOptions;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The targets a stack's rules should have on this backend, worked out from the resources that
 * exist, exactly as {@link StackProvisioner#deploy} would bind them: an option's tap where the backend
 * cannot run its executor function or task, as {@link TargetPolicy} decides (always on moto; where no
 * function or cluster exists on LocalStack).
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
        Map<String, String> executors = new LinkedHashMap<>();
        for (RunOption o : RunOptions.declared().of(Platform.LAMBDA)) {
            TargetPolicy.real(emulator, () -> executor(n, o)).ifPresent(arn -> executors.put(o.id(), arn));
        }
        Optional<TargetBindings.EcsBinding> worker = TargetPolicy.real(emulator, () -> worker(n));
        Map<String, String> taps = new LinkedHashMap<>();
        for (RunOption o : RunOptions.declared().all()) {
            if (o.platform() == Platform.LAMBDA ? !executors.containsKey(o.id()) : worker.isEmpty()) {
                taps.put(o.id(), queueArn(n.tap(o)));
            }
        }
        return new TargetBindings(queues, executors, worker, taps, queueArn(n.targetsDlq()));
    }

    private Optional<String> executor(StackNames n, RunOption o) {
        try {
            return Optional.of(aws.lambda.getFunction(b -> b.functionName(n.executor(o))).configuration()
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
            Map<Arch, String> taskDefs = new EnumMap<>(Arch.class);
            for (Arch arch : Arch.values()) {
                taskDefs.put(arch, aws.ecs.describeTaskDefinition(b -> b.taskDefinition(n.taskFamily(arch)))
                        .taskDefinition().taskDefinitionArn());
            }
            String role = aws.iam.getRole(b -> b.roleName(n.role("events-ecs"))).role().arn();
            return Optional.of(new TargetBindings.EcsBinding(clusters.get(0).clusterArn(), taskDefs, role, List.of(),
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
