package io.hybridrouter.dispatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.claim.EcsOverrides;
import io.hybridrouter.shared.cost.AwsPricing;
import io.hybridrouter.shared.option.RunOption;
import io.hybridrouter.shared.option.RunOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.Machine;

/** The declared patterns, checked with event-ruler (EventBridge's matching engine), no emulator needed. */
class RoutingTopologyTest {

    private static String event(String detailType, String detail) {
        return "{\"version\":\"0\",\"id\":\"e1\",\"detail-type\":\"" + detailType + "\",\"source\":\"hybrid.router\","
                + "\"account\":\"123456789012\",\"time\":\"2026-11-26T00:00:00Z\",\"region\":\"us-east-1\","
                + "\"resources\":[],\"detail\":" + detail + "}";
    }

    private static String decision(RunOption o) {
        return event("RoutingDecision", "{\"job_id\":\"a\",\"platform\":\"" + o.platform().wireName()
                + "\",\"option\":\"" + o.id() + "\",\"attempt\":1}");
    }

    private static List<String> matching(String event) throws Exception {
        Machine machine = Machine.builder().build();
        for (RoutingTopology.Rule r : RoutingTopology.rules()) {
            machine.addRule(r.suffix(), r.eventPattern());
        }
        return machine.rulesForJSONEvent(event).stream().sorted().toList();
    }

    @Test
    void everyDeclaredOptionHasOneRuleWithOneTargetThatRunsIt() {
        List<RunOption> options = RunOptions.declared().all();
        assertThat(options).hasSize(92);
        for (RunOption o : options) {
            RoutingTopology.Rule rule = RoutingTopology.rule(o);
            assertThat(rule.suffix()).isEqualTo("option-" + o.id());
            assertThat(rule.targets()).singleElement().satisfies(t -> {
                assertThat(t.option()).contains(o);
                assertThat(t.kind()).isEqualTo(o.platform() == Platform.LAMBDA ? RoutingTopology.Kind.LAMBDA
                        : RoutingTopology.Kind.ECS);
                if (o.platform() == Platform.ECS) {
                    assertThat(t.input().orElseThrow().template()).isEqualTo(EcsOverrides.inputTemplate(o));
                    assertThat(Json.read(t.input().orElseThrow().template().replaceAll("<[A-Za-z]+>", "x"))
                            .get("memory").asText()).isEqualTo(Integer.toString(o.memoryMb()));
                } else {
                    assertThat(t.input()).isEmpty();
                }
            });
        }
        assertThat(RoutingTopology.rules()).hasSize(options.size() + 5);
    }

    @Test
    void ruleNamesAreUniqueAndFitEventBridgesLimitForTheLongestStackName() {
        String longest = "s".repeat(RoutingTopology.MAX_STACK_NAME_CHARS);
        Set<String> names = new HashSet<>();
        for (RoutingTopology.Rule r : RoutingTopology.rules()) {
            String name = r.name(longest);
            assertThat(names.add(name)).as(name).isTrue();
            assertThat(name).hasSizeLessThanOrEqualTo(AwsPricing.EVENTBRIDGE_RULE_NAME_MAX_CHARS)
                    .matches("[.\\-_A-Za-z0-9]+");
        }
        assertThat(RoutingTopology.MAX_STACK_NAME_CHARS).isGreaterThanOrEqualTo("hybrid-router".length());
        assertThat(RoutingTopology.rules().stream().mapToInt(r -> r.name(longest + "x").length()).max().orElseThrow())
                .isGreaterThan(AwsPricing.EVENTBRIDGE_RULE_NAME_MAX_CHARS);
    }

    @Test
    void aDecisionWithAnOptionMatchesThatOptionsRuleAndAuditOnly() throws Exception {
        for (RunOption o : RunOptions.declared().all()) {
            assertThat(matching(decision(o))).as(o.id()).containsExactlyInAnyOrder("audit", "option-" + o.id());
        }
    }

    @Test
    void aDecisionWithAnUndeclaredOptionIsOnlyAudited() throws Exception {
        assertThat(matching(event("RoutingDecision", "{\"platform\":\"lambda\",\"option\":\"lambda-x86_64-999mb\"}")))
                .containsExactly("audit");
    }

    @Test
    void lambdaDecisionWithoutAnOptionGoesToTheLegacyExecutorAndToAudit() throws Exception {
        assertThat(matching(event("RoutingDecision", "{\"job_id\":\"a\",\"platform\":\"lambda\"}")))
                .containsExactly("audit", "lambda-decisions");
        assertThat(RoutingTopology.rule("lambda-decisions").targets().get(0).option())
                .contains(RoutingTopology.LEGACY_LAMBDA);
    }

    @Test
    void ecsDecisionWithoutAnOptionGoesToTheLegacyTaskAndToAudit() throws Exception {
        assertThat(matching(event("RoutingDecision", "{\"job_id\":\"a\",\"platform\":\"ecs\"}")))
                .containsExactly("audit", "ecs-decisions");
        RoutingTopology.Target worker = RoutingTopology.rule("ecs-decisions").targets().get(0);
        assertThat(worker.option()).contains(RoutingTopology.LEGACY_ECS);
        assertThat(worker.input().orElseThrow().template()).isEqualTo(EcsOverrides.inputTemplate(
                RoutingTopology.LEGACY_ECS));
    }

    @Test
    void rejectionsAndOutcomesGoToTheirQueuesOnly() throws Exception {
        assertThat(matching(event("JobRejected", "{\"errors\":[]}"))).containsExactly("rejected-jobs");
        assertThat(matching(event("JobCompleted", "{\"job_id\":\"a\",\"platform\":\"ecs\",\"option\":\""
                + RoutingTopology.LEGACY_ECS.id() + "\"}"))).containsExactly("outcomes");
    }

    @Test
    void eventsFromOtherSourcesMatchNothing() throws Exception {
        assertThat(matching(event("RoutingDecision", "{\"platform\":\"lambda\"}").replace("hybrid.router", "other")))
                .isEmpty();
        assertThat(matching(decision(RoutingTopology.LEGACY_LAMBDA).replace("hybrid.router", "other"))).isEmpty();
    }

    @Test
    void everyTargetHasAUniqueIdAndEveryEcsTargetPassesTheDecisionsAttempt() {
        for (RoutingTopology.Rule r : RoutingTopology.rules()) {
            assertThat(r.targets()).extracting(RoutingTopology.Target::id).doesNotHaveDuplicates();
            assertThat(Json.read(r.eventPattern()).isObject()).isTrue();
            assertThat(r.eventPattern().length()).isLessThanOrEqualTo(2_048);
            for (RoutingTopology.Target t : r.targets()) {
                if (t.kind() == RoutingTopology.Kind.ECS) {
                    assertThat(Set.copyOf(t.input().orElseThrow().paths().values())).as(r.suffix())
                            .containsExactlyInAnyOrder("$.detail.job_id", "$.detail.model_version",
                                    "$.detail.decided_at", "$.detail.propensity", "$.detail.ecs_job",
                                    "$.detail.attempt");
                }
            }
        }
    }
}
