package io.hybridrouter.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.events.EventTypes;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutorHandlerTest {

    private final ExecutorTestSupport support = new ExecutorTestSupport();
    private final ExecutorHandler handler = new ExecutorHandler(support.executor);

    private static ScheduledEvent fixture() throws IOException {
        try (InputStream in = ExecutorHandlerTest.class.getResourceAsStream("/events/routing-decision-lambda.json")) {
            return LambdaEventSerializers.serializerFor(ScheduledEvent.class,
                    ExecutorHandlerTest.class.getClassLoader()).fromJson(in);
        }
    }

    @Test
    void runsTheJobAndEmitsItsOutcome() throws IOException {
        assertThat(handler.handleRequest(fixture(), null)).isEqualTo("ran");
        JsonNode outcome = Json.read(support.bus.accepted(EventTypes.JOB_COMPLETED).get(0).detail());
        assertThat(outcome.get("job_id").asText()).isEqualTo("etl-42");
        assertThat(outcome.get("platform").asText()).isEqualTo("lambda");
        assertThat(outcome.get("status").asText()).isEqualTo("succeeded");
        assertThat(outcome.get("model_version").asText()).isEqualTo("cart-f92f59d4-s42");
        assertThat(outcome.get("duration_ms").asLong()).isNotNegative();
        assertThat(outcome.get("started_at").asText()).endsWith("Z");
        assertThat(outcome.get("result").get("rows").asInt()).isEqualTo(640);
    }

    @Test
    void runsADecisionDeliveredTwiceOnce() throws IOException {
        assertThat(handler.handleRequest(fixture(), null)).isEqualTo("ran");
        assertThat(handler.handleRequest(fixture(), null)).isEqualTo("duplicate");
        assertThat(support.bus.accepted(EventTypes.JOB_COMPLETED)).hasSize(1);
    }

    @Test
    void releasesTheClaimAndThrowsWhenTheOutcomeCannotBePublished() throws IOException {
        // a call that fails as a whole (past the SDK's own retries) is not sent again whole
        support.bus.throttleNextCalls(1);
        assertThatThrownBy(() -> handler.handleRequest(fixture(), null))
                .isInstanceOf(JobExecutor.ReportException.class).hasMessageContaining("released for retry");
        // the redelivery runs it
        assertThat(handler.handleRequest(fixture(), null)).isEqualTo("ran");
        assertThat(support.bus.accepted(EventTypes.JOB_COMPLETED)).hasSize(1);
    }

    @Test
    void fetchesAClaimCheckedJob() throws IOException {
        ScheduledEvent event = fixture();
        String ref = support.claims.put("etl-42", "{\"job_id\":\"etl-42\",\"workload_type\":\"batch_report\","
                + "\"payload_size_kb\":1,\"time_window\":\"night\",\"load_pattern\":\"low_load\",\"payload\":\"big\"}");
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = (Map<String, Object>) (Map<?, ?>) new java.util.HashMap<>(event.getDetail());
        detail.put("job_ref", ref);
        event.setDetail(detail);
        assertThat(handler.handleRequest(event, null)).isEqualTo("ran");
        JsonNode outcome = Json.read(support.bus.accepted(EventTypes.JOB_COMPLETED).get(0).detail());
        assertThat(outcome.get("workload_type").asText()).isEqualTo("batch_report");
    }

    @Test
    void refusesEventsThatAreNotLambdaDecisions() throws IOException {
        ScheduledEvent wrongType = fixture();
        wrongType.setDetailType("JobCompleted");
        assertThatThrownBy(() -> handler.handleRequest(wrongType, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected a hybrid.router RoutingDecision");

        ScheduledEvent ecs = fixture();
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = (Map<String, Object>) (Map<?, ?>) new java.util.HashMap<>(ecs.getDetail());
        detail.put("platform", "ecs");
        ecs.setDetail(detail);
        assertThatThrownBy(() -> handler.handleRequest(ecs, null)).hasMessageContaining("is for ecs, not lambda");
        assertThat(support.bus.accepted()).isEmpty();
    }
}
