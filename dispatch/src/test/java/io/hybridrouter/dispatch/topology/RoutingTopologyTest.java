package io.hybridrouter.dispatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.claim.EcsOverrides;
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

    private static List<String> matching(String event) throws Exception {
        Machine machine = Machine.builder().build();
        for (RoutingTopology.Rule r : RoutingTopology.rules()) {
            machine.addRule(r.suffix(), r.eventPattern());
        }
        return machine.rulesForJSONEvent(event).stream().sorted().toList();
    }

    @Test
    void lambdaDecisionGoesToTheExecutorAndToAudit() throws Exception {
        assertThat(matching(event("RoutingDecision", "{\"job_id\":\"a\",\"platform\":\"lambda\"}")))
                .containsExactly("audit", "lambda-decisions");
    }

    @Test
    void ecsDecisionGoesToTheWorkerAndToAudit() throws Exception {
        assertThat(matching(event("RoutingDecision", "{\"job_id\":\"a\",\"platform\":\"ecs\"}")))
                .containsExactly("audit", "ecs-decisions");
    }

    @Test
    void rejectionsAndOutcomesGoToTheirQueuesOnly() throws Exception {
        assertThat(matching(event("JobRejected", "{\"errors\":[]}"))).containsExactly("rejected-jobs");
        assertThat(matching(event("JobCompleted", "{\"job_id\":\"a\",\"platform\":\"ecs\"}")))
                .containsExactly("outcomes");
    }

    @Test
    void eventsFromOtherSourcesMatchNothing() throws Exception {
        assertThat(matching(event("RoutingDecision", "{\"platform\":\"lambda\"}").replace("hybrid.router", "other")))
                .isEmpty();
    }

    @Test
    void everyTargetHasAUniqueIdAndTheEcsTargetPassesItsInput() {
        for (RoutingTopology.Rule r : RoutingTopology.rules()) {
            assertThat(r.targets()).extracting(RoutingTopology.Target::id).doesNotHaveDuplicates();
            assertThat(Json.read(r.eventPattern()).isObject()).isTrue();
            assertThat(r.eventPattern().length()).isLessThanOrEqualTo(2_048);
        }
        RoutingTopology.Target worker = RoutingTopology.rule("ecs-decisions").targets().get(0);
        assertThat(worker.input()).isPresent();
        assertThat(worker.input().get().template()).isEqualTo(EcsOverrides.INPUT_TEMPLATE);
        assertThat(Set.copyOf(worker.input().get().paths().values()))
                .containsExactlyInAnyOrder("$.detail.job_id", "$.detail.model_version", "$.detail.decided_at",
                        "$.detail.propensity", "$.detail.ecs_job");
    }
}
