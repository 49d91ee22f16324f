package io.hybridrouter.dispatch.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.dispatch.topology.EventEnvelope;
import io.hybridrouter.dispatch.topology.RoutingTopology;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.claim.EcsOverrides;
import io.hybridrouter.shared.claim.JobCarrier;
import io.hybridrouter.shared.events.EventTypes;
import io.hybridrouter.shared.option.RunOption;
import io.hybridrouter.shared.option.RunOptions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeclaredBusTest {

    private static final String JOB = "{\"job_id\":\"j-1\",\"workload_type\":\"data_etl\",\"payload_size_kb\":64,"
            + "\"time_window\":\"night\",\"load_pattern\":\"low_load\"}";

    private static ObjectNode event(String source, String detailType, String detail) {
        return EventEnvelope.of(source, detailType, detail, "123456789012", "us-east-1",
                Instant.parse("2026-11-26T10:00:00Z"));
    }

    private static ObjectNode decision(String platform, String ecsJob) {
        return event(EventTypes.SOURCE, EventTypes.ROUTING_DECISION, "{\"job_id\":\"j-1\",\"platform\":\"" + platform
                + "\",\"model_version\":\"cart-1\",\"decided_at\":\"2026-11-26T10:00:00Z\",\"propensity\":0.98,\"job\":" + JOB + (ecsJob == null ? "" : ",\"ecs_job\":\"" + ecsJob
                + "\"") + "}");
    }

    private static List<String> targets(List<DeclaredBus.Route> routes) {
        return routes.stream().map(r -> r.rule().suffix() + "/" + r.target().id()).toList();
    }

    @Test
    void aLambdaDecisionGoesToTheExecutorWithTheWholeEventAndToTheAudit() {
        ObjectNode event = decision("lambda", null);
        List<DeclaredBus.Route> routes = DeclaredBus.route(event);
        assertThat(targets(routes)).containsExactly("lambda-decisions/executor", "audit/audit-queue");
        assertThat(routes).allSatisfy(r -> assertThat(Json.read(r.input())).isEqualTo(event));
    }

    @Test
    void anEcsDecisionWithoutAnOptionRunsAsTheLegacyOptionsTask() {
        String carrier = JobCarrier.inline(JOB);
        List<DeclaredBus.Route> routes = DeclaredBus.route(decision("ecs", carrier));
        assertThat(targets(routes)).containsExactly("ecs-decisions/worker", "audit/audit-queue");
        DeclaredBus.Route worker = routes.get(0);
        assertThat(worker.target().kind()).isEqualTo(RoutingTopology.Kind.ECS);
        assertThat(EcsOverrides.parse(worker.input())).containsEntry(EcsOverrides.ENV_JOB, carrier)
                .containsEntry(EcsOverrides.ENV_OPTION, RoutingTopology.LEGACY_ECS.id());
        // no attempt in the decision: the worker reads it as the first
        assertThat(EcsOverrides.attempt(EcsOverrides.parse(worker.input()))).isEqualTo(1);
        assertThat(Json.read(worker.input()).get("memory").asText())
                .isEqualTo(Integer.toString(RoutingTopology.LEGACY_ECS.memoryMb()));
    }

    @Test
    void anEcsSpotDecisionGivesItsOptionsWorkerTheOverridesWithTheTaskSize() {
        String carrier = JobCarrier.inline(JOB);
        RunOption spot = RunOptions.declared().byId("ecs-arm64-2vcpu-4gb-spot").orElseThrow();
        ObjectNode event = decision("ecs", carrier);
        ((ObjectNode) event.get("detail")).put("option", spot.id()).put("attempt", 2);
        List<DeclaredBus.Route> routes = DeclaredBus.route(event);
        assertThat(targets(routes)).containsExactly("option-" + spot.id() + "/worker", "audit/audit-queue");
        assertThat(routes.get(0).input()).isEqualTo(EcsOverrides.render("j-1", "cart-1", "2026-11-26T10:00:00Z", 0.98,
                carrier, spot, 2));
        assertThat(Json.read(routes.get(0).input()).get("cpu").asText()).isEqualTo("2048");
        assertThat(Json.read(routes.get(0).input()).get("memory").asText()).isEqualTo("4096");
    }

    @Test
    void aRejectionGoesToTheRejectedJobsQueueAndAnOutcomeToTheOutcomesQueue() {
        assertThat(targets(DeclaredBus.route(event(EventTypes.SOURCE, EventTypes.JOB_REJECTED,
                "{\"job_id\":\"bad-1\",\"errors\":[\"payload_size_kb: is required\"]}"))))
                .containsExactly("rejected-jobs/rejected-queue");
        assertThat(targets(DeclaredBus.route(event(EventTypes.SOURCE, EventTypes.JOB_COMPLETED,
                "{\"job_id\":\"j-1\",\"status\":\"succeeded\"}")))).containsExactly("outcomes/outcomes-queue");
    }

    @Test
    void anEventNoRuleMatchesGoesNowhere() {
        assertThat(DeclaredBus.route(event("someone.else", EventTypes.ROUTING_DECISION,
                "{\"platform\":\"lambda\"}"))).isEmpty();
        assertThat(DeclaredBus.route(decision("quantum", null))).extracting(r -> r.target().id())
                .containsExactly("audit-queue");
    }

    @Test
    void rulesAreNamedForTheStackAndAnEventThatIsNotJsonIsRefused() {
        assertThat(Matcher.offline("prod", Json.write(decision("lambda", null))))
                .containsExactly("prod-lambda-decisions", "prod-audit");
        assertThatThrownBy(() -> DeclaredBus.matching("{not json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the event cannot be matched: ");
    }
}
