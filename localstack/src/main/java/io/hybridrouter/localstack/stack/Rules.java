package io.hybridrouter.localstack.stack;

import io.hybridrouter.dispatch.topology.RoutingTopology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.AssignPublicIp;
import software.amazon.awssdk.services.eventbridge.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.eventbridge.model.DeadLetterConfig;
import software.amazon.awssdk.services.eventbridge.model.EcsParameters;
import software.amazon.awssdk.services.eventbridge.model.InputTransformer;
import software.amazon.awssdk.services.eventbridge.model.LaunchType;
import software.amazon.awssdk.services.eventbridge.model.NetworkConfiguration;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RetryPolicy;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * Puts the declared {@link RoutingTopology} on a bus: every rule and target, nothing else. Rules
 * of the stack that are no longer declared and targets no longer declared are removed, so a deploy
 * converges on the declaration.
 */
public final class Rules {

    /**
     * Where each declared resource is on this backend.
     *
     * @param queueArns     SQS resources → queue ARN
     * @param executorArn   the executor function, or empty to use {@code lambdaTapArn}
     * @param lambdaTapArn  the queue standing in for the executor
     * @param worker        the ECS target settings, or empty to use {@code ecsTapArn}
     * @param ecsTapArn     the queue standing in for the ECS target
     * @param targetsDlqArn every target's dead-letter queue
     */
    public record Bindings(Map<RoutingTopology.Resource, String> queueArns, Optional<String> executorArn,
            String lambdaTapArn, Optional<EcsBinding> worker, String ecsTapArn, String targetsDlqArn) {
    }

    /** An ECS RunTask target's settings. */
    public record EcsBinding(String clusterArn, String taskDefinitionArn, String roleArn, List<String> subnets,
            List<String> securityGroups) {
    }

    private final EventBridgeClient events;

    Rules(EventBridgeClient events) {
        this.events = events;
    }

    /** Deploys every rule with its targets; returns the rule names. */
    List<String> deploy(StackNames names, Bindings bindings) {
        List<String> deployed = new ArrayList<>();
        for (RoutingTopology.Rule rule : RoutingTopology.rules()) {
            String name = rule.name(names.stack());
            events.putRule(b -> b.name(name).eventBusName(names.bus()).eventPattern(rule.eventPattern())
                    .description(rule.description()).state(RuleState.ENABLED));
            List<Target> targets = rule.targets().stream().map(t -> target(t, bindings)).toList();
            Set<String> wanted = targets.stream().map(Target::id).collect(Collectors.toSet());
            List<String> stale = events.listTargetsByRule(b -> b.rule(name).eventBusName(names.bus())).targets()
                    .stream().map(Target::id).filter(id -> !wanted.contains(id)).toList();
            if (!stale.isEmpty()) {
                events.removeTargets(b -> b.rule(name).eventBusName(names.bus()).ids(stale));
            }
            events.putTargets(b -> b.rule(name).eventBusName(names.bus()).targets(targets));
            deployed.add(name);
        }
        Set<String> declared = Set.copyOf(deployed);
        for (Rule existing : stackRules(names)) {
            if (!declared.contains(existing.name())) {
                delete(names, existing.name());
            }
        }
        return deployed;
    }

    /** The target as deployed on this backend: taps in place of what it cannot run. */
    public static Target target(RoutingTopology.Target t, Bindings bindings) {
        Target.Builder b = Target.builder().id(t.id())
                .retryPolicy(RetryPolicy.builder().maximumRetryAttempts(RoutingTopology.MAX_RETRY_ATTEMPTS)
                        .maximumEventAgeInSeconds(RoutingTopology.MAX_EVENT_AGE_S).build())
                .deadLetterConfig(DeadLetterConfig.builder().arn(bindings.targetsDlqArn()).build());
        t.input().ifPresent(in -> b.inputTransformer(InputTransformer.builder().inputPathsMap(in.paths())
                .inputTemplate(in.template()).build()));
        switch (t.kind()) {
            case LAMBDA -> b.arn(bindings.executorArn().orElse(bindings.lambdaTapArn()));
            case ECS -> {
                if (bindings.worker().isPresent()) {
                    EcsBinding w = bindings.worker().get();
                    b.arn(w.clusterArn()).roleArn(w.roleArn()).ecsParameters(EcsParameters.builder()
                            .taskDefinitionArn(w.taskDefinitionArn()).taskCount(1).launchType(LaunchType.FARGATE)
                            .networkConfiguration(NetworkConfiguration.builder().awsvpcConfiguration(
                                    AwsVpcConfiguration.builder().subnets(w.subnets())
                                            .securityGroups(w.securityGroups())
                                            .assignPublicIp(AssignPublicIp.DISABLED).build()).build())
                            .build());
                } else {
                    b.arn(bindings.ecsTapArn());
                }
            }
            case SQS -> b.arn(bindings.queueArns().get(t.resource()));
            default -> throw new IllegalStateException("unknown target kind " + t.kind());
        }
        return b.build();
    }

    /** The rules on the stack's bus that belong to the stack (by name prefix). */
    List<Rule> stackRules(StackNames names) {
        List<Rule> rules = new ArrayList<>();
        String token = null;
        do {
            final String next = token;
            var page = events.listRules(b -> b.eventBusName(names.bus()).namePrefix(names.stack() + "-")
                    .nextToken(next));
            rules.addAll(page.rules());
            token = page.nextToken();
        } while (token != null);
        return rules;
    }

    /** Removes a rule's targets, then the rule. */
    void delete(StackNames names, String rule) {
        try {
            List<String> ids = events.listTargetsByRule(b -> b.rule(rule).eventBusName(names.bus())).targets().stream()
                    .map(Target::id).toList();
            if (!ids.isEmpty()) {
                events.removeTargets(b -> b.rule(rule).eventBusName(names.bus()).ids(ids));
            }
            events.deleteRule(b -> b.name(rule).eventBusName(names.bus()));
        } catch (ResourceNotFoundException e) {
            // already gone
        }
    }
}
