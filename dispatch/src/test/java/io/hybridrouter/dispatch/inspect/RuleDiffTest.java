package io.hybridrouter.dispatch.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridrouter.dispatch.topology.RoutingTopology;
import io.hybridrouter.dispatch.topology.TargetBindings;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.option.Arch;
import io.hybridrouter.shared.option.Capacity;
import io.hybridrouter.shared.option.RunOption;
import io.hybridrouter.shared.option.RunOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.eventbridge.model.LaunchType;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;

/** {@code rules diff} per option target, on a deployment built from the declaration, no AWS needed. */
class RuleDiffTest {

    private static final String STACK = "hr";
    private static final TargetBindings REAL = bindings();

    private static TargetBindings bindings() {
        Map<String, String> executors = new HashMap<>();
        RunOptions.declared().of(Platform.LAMBDA).forEach(o -> executors.put(o.id(),
                "arn:aws:lambda:us-east-1:1:function:hr-" + o.id()));
        Map<RoutingTopology.Resource, String> queues = Map.of(
                RoutingTopology.Resource.REJECTED_QUEUE, "arn:aws:sqs:us-east-1:1:hr-rejected",
                RoutingTopology.Resource.AUDIT_QUEUE, "arn:aws:sqs:us-east-1:1:hr-audit",
                RoutingTopology.Resource.OUTCOMES_QUEUE, "arn:aws:sqs:us-east-1:1:hr-outcomes");
        return new TargetBindings(queues, executors, Optional.of(new TargetBindings.EcsBinding(
                "arn:aws:ecs:us-east-1:1:cluster/hr", Map.of(
                        Arch.X86_64, "arn:aws:ecs:us-east-1:1:task-definition/hr-worker:3",
                        Arch.ARM64, "arn:aws:ecs:us-east-1:1:task-definition/hr-worker-arm64:3"),
                "arn:aws:iam::1:role/hr-events-ecs", List.of("subnet-1"), List.of("sg-1"))), Map.of(),
                "arn:aws:sqs:us-east-1:1:hr-targets-dlq");
    }

    /** The deployment as stack deploy makes it with {@code bindings}. */
    private static List<DeployedRules.Deployed> deployed(TargetBindings bindings) {
        List<DeployedRules.Deployed> out = new ArrayList<>();
        for (RoutingTopology.Rule r : RoutingTopology.rules()) {
            out.add(new DeployedRules.Deployed(Rule.builder().name(r.name(STACK)).eventPattern(r.eventPattern())
                    .state(RuleState.ENABLED).build(), r.targets().stream().map(bindings::target).toList()));
        }
        return out;
    }

    private static List<DeployedRules.Deployed> replaceTarget(List<DeployedRules.Deployed> all, RunOption o,
            Target changed) {
        String name = RoutingTopology.rule(o).name(STACK);
        return all.stream().map(d -> d.rule().name().equals(name) ? new DeployedRules.Deployed(d.rule(),
                List.of(changed)) : d).toList();
    }

    private static Target deployedTarget(RunOption o) {
        return REAL.target(RoutingTopology.rule(o).targets().get(0));
    }

    private static final RunOption SPOT_ARM = RunOptions.declared().all().stream()
            .filter(o -> o.spot() && o.arch() == Arch.ARM64).findFirst().orElseThrow();

    @Test
    void aDeploymentOfEveryOptionsRuleAndTargetIsInSync() {
        assertThat(RuleDiff.diff(STACK, deployed(REAL), REAL)).isEmpty();
    }

    @Test
    void anEcsOptionTargetsCapacityProviderAndItsRunTaskShapeArePerOption() {
        Target t = deployedTarget(SPOT_ARM);
        assertThat(t.ecsParameters().launchType()).isNull();
        assertThat(t.ecsParameters().capacityProviderStrategy()).extracting(CapacityProviderStrategyItem::capacityProvider)
                .containsExactly(Capacity.SPOT.wireName());
        assertThat(t.ecsParameters().taskDefinitionArn()).endsWith("hr-worker-arm64:3");
        RunOption lambdaArm = RunOptions.declared().byId("lambda-arm64-1769mb").orElseThrow();
        assertThat(deployedTarget(lambdaArm).arn()).endsWith(":function:hr-lambda-arm64-1769mb");
    }

    @Test
    void anOptionTargetOnTheWrongCapacityProviderIsDrift() {
        Target drifted = deployedTarget(SPOT_ARM).toBuilder().ecsParameters(deployedTarget(SPOT_ARM).ecsParameters()
                .toBuilder().capacityProviderStrategy(CapacityProviderStrategyItem.builder()
                        .capacityProvider(Capacity.ON_DEMAND.wireName()).weight(1).build()).build()).build();
        assertThat(RuleDiff.diff(STACK, replaceTarget(deployed(REAL), SPOT_ARM, drifted), REAL)).singleElement()
                .asString().startsWith("hr-option-" + SPOT_ARM.id() + ": target worker: ECS capacity provider strategy "
                        + "is [FARGATE weight 1 base 0], declared [FARGATE_SPOT weight 1 base 0]");
    }

    @Test
    void anOptionTargetWithALaunchTypeTheWrongArchitectureOrTaskSizeIsDrift() {
        Target t = deployedTarget(SPOT_ARM);
        Target drifted = t.toBuilder().ecsParameters(t.ecsParameters().toBuilder().launchType(LaunchType.FARGATE)
                .taskDefinitionArn("arn:aws:ecs:us-east-1:1:task-definition/hr-worker:3").build())
                .inputTransformer(t.inputTransformer().toBuilder().inputTemplate(t.inputTransformer().inputTemplate()
                        .replace("\"memory\":\"" + SPOT_ARM.memoryMb() + "\"", "\"memory\":\"999\"")).build()).build();
        assertThat(RuleDiff.diff(STACK, replaceTarget(deployed(REAL), SPOT_ARM, drifted), REAL))
                .anySatisfy(d -> assertThat(d).contains("ECS task definition family is hr-worker, declared "
                        + "hr-worker-arm64"))
                .anySatisfy(d -> assertThat(d).contains("ECS launch type is FARGATE, declared not set"))
                .anySatisfy(d -> assertThat(d).contains("input template is ").contains("\"memory\":\"999\""))
                .allSatisfy(d -> assertThat(d).startsWith("hr-option-" + SPOT_ARM.id() + ": target worker: "));
    }

    @Test
    void aMissingOrExtraOptionRuleIsDrift() {
        RunOption gone = RunOptions.declared().all().get(3);
        List<DeployedRules.Deployed> all = new ArrayList<>(deployed(REAL).stream()
                .filter(d -> !d.rule().name().equals(RoutingTopology.rule(gone).name(STACK))).toList());
        all.add(new DeployedRules.Deployed(Rule.builder().name("hr-option-lambda-x86_64-999mb")
                .eventPattern("{\"detail\":{\"option\":[\"lambda-x86_64-999mb\"]}}").state(RuleState.ENABLED).build(),
                List.of()));
        assertThat(RuleDiff.diff(STACK, all, REAL)).containsExactlyInAnyOrder(
                "hr-option-" + gone.id() + ": missing (declared, not deployed)",
                "hr-option-lambda-x86_64-999mb: extra rule (not declared)");
    }
}
