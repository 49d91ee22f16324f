package io.hybridrouter.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.events.EventTypes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EcsTaskMainTest {

    private final ExecutorTestSupport support = new ExecutorTestSupport();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env) {
        return EcsTaskMain.run(env, support.executor, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static final String JOB = "{\"job_id\":\"v-1\",\"workload_type\":\"video_transcoding\","
            + "\"payload_size_kb\":1024,\"time_window\":\"night\",\"load_pattern\":\"low_load\"}";

    @Test
    void runsTheJobFromTheContainerOverridesAndExitsZero() {
        int code = run(Map.of("ROUTER_JOB", JOB, "ROUTER_JOB_ID", "v-1", "ROUTER_MODEL_VERSION", "cart-1"));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("job v-1 succeeded");
        JsonNode outcome = Json.read(support.bus.accepted(EventTypes.JOB_COMPLETED).get(0).detail());
        assertThat(outcome.get("platform").asText()).isEqualTo("ecs");
        assertThat(outcome.get("model_version").asText()).isEqualTo("cart-1");
        assertThat(outcome.get("result").get("frames").asInt()).isEqualTo(4);
    }

    @Test
    void theDecisionTimeInTheOverridesGivesTheTaskItsMeasuredStartup() {
        String decidedAt = java.time.Instant.now().minusSeconds(45).toString();
        int code = run(Map.of("ROUTER_JOB", JOB, "ROUTER_JOB_ID", "v-1", "ROUTER_MODEL_VERSION", "cart-1",
                "ROUTER_DECIDED_AT", decidedAt));

        assertThat(code).isZero();
        JsonNode measured = Json.read(support.bus.accepted(EventTypes.JOB_COMPLETED).get(0).detail()).get("measured");
        assertThat(measured.get("startup_source").asText()).isEqualTo("measured");
        // the system clock: the start is at least the 45 s since the decision
        assertThat(measured.get("startup_ms").asLong()).isGreaterThanOrEqualTo(45_000);
        assertThat(measured.get("source").asText()).isEqualTo("ecs");
        // no metadata endpoint in this environment: sized as the router sizes the job, and said so
        assertThat(measured.get("sizing_source").asText()).isEqualTo("router-sizing");
        assertThat(measured.get("billing_source").asText()).contains("no ECS_CONTAINER_METADATA_URI_V4");
    }

    @Test
    void thePropensityInTheOverridesIsCarriedIntoTheOutcome() {
        int code = run(Map.of("ROUTER_JOB", JOB, "ROUTER_JOB_ID", "v-1", "ROUTER_MODEL_VERSION", "cart-1",
                "ROUTER_PROPENSITY", "0.02"));

        assertThat(code).isZero();
        JsonNode outcome = Json.read(support.bus.accepted(EventTypes.JOB_COMPLETED).get(0).detail());
        assertThat(outcome.get("propensity").asDouble()).isEqualTo(0.02);
    }

    @Test
    void aMissingOrUnreadablePropensityLeavesTheOutcomeWithoutOne() {
        assertThat(run(Map.of("ROUTER_JOB", JOB, "ROUTER_JOB_ID", "v-1", "ROUTER_PROPENSITY", ""))).isZero();
        JsonNode outcome = Json.read(support.bus.accepted(EventTypes.JOB_COMPLETED).get(0).detail());
        assertThat(outcome.path("propensity").isMissingNode() || outcome.get("propensity").isNull()).isTrue();
    }

    @Test
    void acceptsTheJobBase64EncodedAsTheEcsTargetPassesIt() {
        String encoded = io.hybridrouter.shared.claim.JobCarrier.inline(JOB);
        assertThat(run(Map.of("ROUTER_JOB", encoded, "ROUTER_JOB_ID", "v-1"))).isZero();
        err.reset();
        assertThat(run(Map.of("ROUTER_JOB", "%%%not-base64"))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("neither JSON, base64 JSON nor an s3:// reference");
    }

    @Test
    void fetchesAJobSentByClaimCheck() {
        String ref = support.claims.put("v-1", JOB);
        assertThat(run(Map.of("ROUTER_JOB", ref, "ROUTER_JOB_ID", "v-1"))).isZero();
    }

    @Test
    void secondTaskForTheSameJobDoesNothingAndExitsZero() {
        assertThat(run(Map.of("ROUTER_JOB", JOB))).isZero();
        assertThat(run(Map.of("ROUTER_JOB", JOB))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("already ran");
        assertThat(support.bus.accepted(EventTypes.JOB_COMPLETED)).hasSize(1);
    }

    @Test
    void exitsOneWithAClearMessageWhenTheJobIsMissingOrBroken() {
        assertThat(run(Map.of())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ROUTER_JOB is not set");
        err.reset();
        assertThat(run(Map.of("ROUTER_JOB", "{\"job_id\":\"x\"}"))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("routed job is invalid: workload_type: is required");
        err.reset();
        String missing = "s3://in-memory/jobs/missing." + "0".repeat(64) + ".json";
        assertThat(run(Map.of("ROUTER_JOB", missing))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("claim check " + missing + " not found");
        assertThat(support.bus.accepted()).isEmpty();
    }

    @Test
    void jobWhoseIdIsNotTheDecisionsIsRejectedOnTheBus() {
        assertThat(run(Map.of("ROUTER_JOB", JOB, "ROUTER_JOB_ID", "other"))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("job other rejected: job_id:");
        assertThat(support.bus.accepted(EventTypes.JOB_COMPLETED)).isEmpty();
        JsonNode rejection = Json.read(support.bus.accepted(EventTypes.JOB_REJECTED).get(0).detail());
        assertThat(rejection.get("job_id").asText()).isEqualTo("other");
        assertThat(rejection.get("errors").get(0).asText()).contains("v-1");
    }

    @Test
    void claimCheckOutsideTheClaimBucketIsNotReadAndTheJobIsRejected() {
        String ref = support.claims.put("v-1", JOB);
        String forged = ref.replace("s3://in-memory/", "s3://attacker-bucket/");
        assertThat(run(Map.of("ROUTER_JOB", forged, "ROUTER_JOB_ID", "v-1"))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("job v-1 rejected: job_ref: ");
        assertThat(support.bus.accepted(EventTypes.JOB_COMPLETED)).isEmpty();
        assertThat(support.bus.accepted(EventTypes.JOB_REJECTED)).hasSize(1);
    }

    @Test
    void secondTaskWithTheSameIdButAnotherJobIsRejectedNotSkipped() {
        assertThat(run(Map.of("ROUTER_JOB", JOB, "ROUTER_JOB_ID", "v-1"))).isZero();
        String other = JOB.replace("1024", "2048");
        assertThat(run(Map.of("ROUTER_JOB", other, "ROUTER_JOB_ID", "v-1"))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("job v-1 rejected: job_id: already used by a different job");
        assertThat(support.bus.accepted(EventTypes.JOB_COMPLETED)).hasSize(1);
        assertThat(support.bus.accepted(EventTypes.JOB_REJECTED)).hasSize(1);
    }

    @Test
    void failedRunnerGivesAFailedOutcomeAndExitOne() {
        String failing = "{\"job_id\":\"p-1\",\"workload_type\":\"pdf_render\",\"payload_size_kb\":1,"
                + "\"time_window\":\"night\",\"load_pattern\":\"low_load\",\"payload\":{\"fail\":true}}";
        assertThat(run(Map.of("ROUTER_JOB", failing))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("job p-1 failed: IllegalStateException: asked to fail");
        JsonNode outcome = Json.read(support.bus.accepted(EventTypes.JOB_COMPLETED).get(0).detail());
        assertThat(outcome.get("status").asText()).isEqualTo("failed");
        assertThat(outcome.get("error").asText()).contains("asked to fail");
    }
}
