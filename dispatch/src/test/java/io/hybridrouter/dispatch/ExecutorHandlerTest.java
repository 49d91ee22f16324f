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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutorHandlerTest {

    private final ExecutorTestSupport support = new ExecutorTestSupport();
    private final ExecutorHandler handler = new ExecutorHandler(support.executor);

    static ScheduledEvent fixture() throws IOException {
        try (InputStream in = ExecutorHandlerTest.class.getResourceAsStream("/events/routing-decision-lambda.json")) {
            return LambdaEventSerializers.serializerFor(ScheduledEvent.class,
                    ExecutorHandlerTest.class.getClassLoader()).fromJson(in);
        }
    }

    /** An event as the Lambda runtime parses it. */
    static ScheduledEvent event(String json) {
        return LambdaEventSerializers.serializerFor(ScheduledEvent.class, ExecutorHandlerTest.class.getClassLoader())
                .fromJson(json);
    }

    private static ScheduledEvent withDetail(ScheduledEvent event, String field, Object value) {
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = (Map<String, Object>) (Map<?, ?>) new java.util.HashMap<>(event.getDetail());
        detail.put(field, value);
        event.setDetail(detail);
        return event;
    }

    private static String etl42(double payloadSizeKb) {
        return "{\"job_id\":\"etl-42\",\"workload_type\":\"data_etl\",\"payload_size_kb\":" + payloadSizeKb
                + ",\"time_window\":\"night\",\"load_pattern\":\"low_load\"}";
    }

    private List<JsonNode> rejections() {
        return support.bus.accepted(EventTypes.JOB_REJECTED).stream().map(e -> Json.read(e.detail())).toList();
    }

    @Test
    void secondJobReusingAJobIdWithOtherContentIsRejectedVisiblyAndTheFirstKeepsItsOutcome() throws IOException {
        assertThat(handler.handleRequest(fixture(), null)).isEqualTo("ran");
        ScheduledEvent other = withDetail(fixture(), "job", Json.MAPPER.convertValue(Json.read(etl42(640)), Map.class));
        assertThat(handler.handleRequest(other, null)).isEqualTo("rejected");

        List<JsonNode> outcomes = support.bus.accepted(EventTypes.JOB_COMPLETED).stream()
                .map(e -> Json.read(e.detail())).toList();
        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.get("result").get("rows").asInt())
                .as("the first job's own payload ran").isEqualTo(640));
        assertThat(rejections()).singleElement().satisfies(r -> {
            assertThat(r.get("job_id").asText()).isEqualTo("etl-42");
            assertThat(r.get("errors").get(0).asText()).startsWith("job_id: already used by a different job");
            assertThat(Json.read(r.get("body").asText()).get("payload_size_kb").asDouble()).isEqualTo(640);
        });
        // and the first job delivered again is still a duplicate, not a conflict
        assertThat(handler.handleRequest(fixture(), null)).isEqualTo("duplicate");
        assertThat(rejections()).hasSize(1);
    }

    @Test
    void claimChecksForTwoJobsWithTheSameIdEachRunTheirOwnPayload() throws IOException {
        String refA = support.claims.put("etl-42", etl42(64));
        String refB = support.claims.put("etl-42", etl42(640));
        assertThat(refA).isNotEqualTo(refB);
        assertThat(handler.handleRequest(withDetail(fixture(), "job_ref", refB), null)).isEqualTo("ran");
        assertThat(handler.handleRequest(withDetail(fixture(), "job_ref", refA), null)).isEqualTo("rejected");
        JsonNode outcome = Json.read(support.bus.accepted(EventTypes.JOB_COMPLETED).get(0).detail());
        assertThat(outcome.get("result").get("rows").asInt()).isEqualTo(6_400);
        assertThat(rejections()).singleElement().satisfies(r -> assertThat(r.get("errors").get(0).asText())
                .startsWith("job_id: already used by a different job"));
    }

    @Test
    void claimCheckReferencesOutsideTheClaimBucketAndPrefixAreRejectedUnread() throws IOException {
        String good = support.claims.put("etl-42", etl42(64));
        String key = good.substring(good.indexOf("/jobs/") + 1);
        List<String> forged = List.of(
                "s3://other-bucket/" + key,
                "s3://in-memory/secrets/" + key.substring("jobs/".length()),
                "s3://in-memory/jobs/../secrets/x.json",
                "s3://in-memory/jobs/%2e%2e/secrets/x.json",
                "s3://in-memory/jobs/etl-42.json",
                "s3://in-memory//" + key,
                "s3://in-memory/" + key + "?versionId=1");
        for (String ref : forged) {
            assertThat(handler.handleRequest(withDetail(fixture(), "job_ref", ref), null)).as(ref).isEqualTo("rejected");
        }
        assertThat(support.bus.accepted(EventTypes.JOB_COMPLETED)).isEmpty();
        assertThat(rejections()).hasSize(forged.size()).allSatisfy(r -> {
            assertThat(r.get("job_id").asText()).isEqualTo("etl-42");
            assertThat(r.get("errors").get(0).asText()).startsWith("job_ref: ");
        });
    }

    @Test
    void claimCheckedJobWhoseIdIsNotTheDecisionsIsRejected() throws IOException {
        String ref = support.claims.put("etl-43", etl42(64).replace("etl-42", "etl-43"));
        assertThat(handler.handleRequest(withDetail(fixture(), "job_ref", ref), null)).isEqualTo("rejected");
        assertThat(support.bus.accepted(EventTypes.JOB_COMPLETED)).isEmpty();
        assertThat(rejections()).singleElement().satisfies(r -> assertThat(r.get("errors").get(0).asText())
                .contains("etl-43").contains("etl-42"));
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
