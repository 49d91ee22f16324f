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
                "cart-1", "2026-11-26T00:00:00Z", job);
    }

    /** A payload whose overrides land exactly on (or one past) the 8,192-character limit. */
    private static String payloadForOverrides(int targetLength) {
        String base = EcsOverrides.render("job-1", "cart-1", Json.write(decision(Platform.ECS, "").job()));
        // each payload character adds one to the job JSON and one to the overrides (no escaping needed)
        return "p".repeat(targetLength - base.length());
    }

    @Test
    void ecsJobTravelsInlineWhenOverridesFitExactly() {
        RoutingDecision d = dispatch.prepare(decision(Platform.ECS, payloadForOverrides(8_192)));
        assertThat(EcsOverrides.render("job-1", "cart-1", d.ecsJob())).hasSize(8_192);
        assertThat(d.jobRef()).isNull();
        assertThat(Json.read(d.ecsJob()).get("job_id").asText()).isEqualTo("job-1");
        assertThat(store.size()).isZero();
    }

    @Test
    void ecsJobTravelsByReferenceOneCharacterPastTheLimit() {
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
