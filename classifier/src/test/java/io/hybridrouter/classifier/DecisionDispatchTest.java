package io.hybridrouter.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridrouter.shared.DecisionReason;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.shared.TimeWindow;
import io.hybridrouter.shared.WorkloadType;
import io.hybridrouter.shared.claim.EcsOverrides;
import io.hybridrouter.shared.claim.JobCarrier;
import io.hybridrouter.shared.claim.InMemoryClaimCheckStore;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Both sides of the claim-check rule. */
class DecisionDispatchTest {

    private final InMemoryClaimCheckStore store = new InMemoryClaimCheckStore();
    private final DecisionDispatch dispatch = new DecisionDispatch(Optional.of(store));

    private static RoutingDecision decision(Platform platform, String payload) {
        Job job = Job.of("job-1", WorkloadType.DATA_ETL, 100, TimeWindow.NIGHT, LoadPattern.LOW_LOAD)
                .withPayload(payload == null ? null : Json.MAPPER.valueToTree(payload));
        return new RoutingDecision("job-1", platform, 0.9, new RoutingDecision.Scores(0.1, 0.9), DecisionReason.MODEL,
                "cart-1", "2026-11-26T00:00:00Z", job, null, 1.0);
    }

    private static int overridesLength(int payloadChars) {
        String jobJson = Json.write(decision(Platform.ECS, "p".repeat(payloadChars)).job());
        return EcsOverrides.render("job-1", "cart-1", "2026-11-26T00:00:00Z", 1.0, JobCarrier.inline(jobJson)).length();
    }

    /** The longest payload whose inline overrides still fit 8,192 characters. */
    private static final int LONGEST_FITTING;

    static {
        int n = 0;
        while (overridesLength(n + 1) <= 8_192) {
            n++;
        }
        LONGEST_FITTING = n;
    }

    private static String payloadForOverrides(int limit) {
        return "p".repeat(limit == 8_192 ? LONGEST_FITTING : LONGEST_FITTING + (limit - 8_192));
    }

    @Test
    void ecsJobTravelsInlineAsBase64WhenOverridesFit() {
        RoutingDecision d = dispatch.prepare(decision(Platform.ECS, payloadForOverrides(8_192)));
        assertThat(EcsOverrides.render("job-1", "cart-1", "2026-11-26T00:00:00Z", 1.0, d.ecsJob()).length()).isBetween(8_189, 8_192);
        assertThat(d.jobRef()).isNull();
        assertThat(Json.read(new String(java.util.Base64.getDecoder().decode(d.ecsJob()),
                java.nio.charset.StandardCharsets.UTF_8)).get("job_id").asText()).isEqualTo("job-1");
        assertThat(Json.read(EcsOverrides.render("job-1", "cart-1", "2026-11-26T00:00:00Z", 1.0, d.ecsJob())).get("containerOverrides").get(0)
                .get("environment").get(4).get("value").asText()).isEqualTo(d.ecsJob());
        assertThat(store.size()).isZero();
    }

    @Test
    void ecsJobTravelsByReferenceOnePayloadCharacterPastTheLimit() {
        RoutingDecision d = dispatch.prepare(decision(Platform.ECS, payloadForOverrides(8_193)));
        assertThat(d.jobRef()).startsWith("s3://");
        assertThat(d.ecsJob()).isEqualTo(d.jobRef());
        assertThat(store.get(d.jobRef())).isPresent();
        // the event keeps the whole job: it is well under EventBridge's limit
        assertThat(d.job().payload()).isNotNull();
    }

    @Test
    void lambdaJobNeverGetsAnEcsField() {
        RoutingDecision d = dispatch.prepare(decision(Platform.LAMBDA, payloadForOverrides(9_000)));
        assertThat(d.ecsJob()).isNull();
        assertThat(d.jobRef()).isNull();
    }

    @Test
    void jobOverTheEventSizeLimitLeavesItsPayloadInS3() {
        RoutingDecision d = dispatch.prepare(decision(Platform.LAMBDA, "q".repeat(1_100_000)));
        assertThat(d.jobRef()).startsWith("s3://");
        assertThat(d.job().payload()).isNull();
        assertThat(d.job().workloadType()).isEqualTo("data_etl");
        assertThat(Json.read(store.get(d.jobRef()).orElseThrow()).get("payload").asText()).hasSize(1_100_000);
    }

    @Test
    void refusesWhenAClaimCheckIsNeededAndNoneIsConfigured() {
        DecisionDispatch without = new DecisionDispatch(Optional.empty());
        assertThatThrownBy(() -> without.prepare(decision(Platform.ECS, payloadForOverrides(8_193))))
                .isInstanceOf(DecisionDispatch.TooLargeException.class)
                .hasMessageContaining("8192 characters").hasMessageContaining("ROUTER_CLAIM_BUCKET");
        assertThat(without.prepare(decision(Platform.ECS, payloadForOverrides(8_192))).ecsJob()).isNotNull();
    }
}
