package io.hybridrouter.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridrouter.shared.DecisionReason;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.shared.TimeWindow;
import io.hybridrouter.shared.WorkloadType;
import io.hybridrouter.shared.config.DecisionConfig;
import io.hybridrouter.shared.cost.Prices;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class JobRouterTest {

    private static final RoutingModel MODEL = ModelArtefacts.loadBundled();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00.123456Z"), ZoneOffset.UTC);
    private final JobRouter router = new JobRouter(MODEL, 0.6, Platform.LAMBDA, CLOCK);

    private static Job api() {
        return Job.of("api-1", WorkloadType.LIGHTWEIGHT_API, 2, TimeWindow.MIDDAY, LoadPattern.BURST_LOAD);
    }

    @Test
    void decisionCarriesModelVersionScoresReasonAndJob() {
        RoutingDecision d = router.decide(api());
        assertThat(d.platform()).isEqualTo(Platform.LAMBDA);
        assertThat(d.reason()).isEqualTo(DecisionReason.MODEL);
        assertThat(d.modelVersion()).isEqualTo(MODEL.version());
        assertThat(d.scores().lambda() + d.scores().ecs()).isEqualTo(1.0);
        assertThat(d.confidence()).isEqualTo(d.scores().lambda());
        assertThat(d.decidedAt()).isEqualTo("2026-11-26T10:00:00.123Z");
        assertThat(d.job()).isEqualTo(api());
    }

    @Test
    void decidesWithTheModelItsSourceGivesAtEachDecision() {
        ModelMetadata m = MODEL.metadata();
        RoutingModel retrained = new RoutingModel(MODEL.predictors(), MODEL.calibration(), new ModelMetadata(
                "retrained-1", m.trainedAt(), m.tribuoVersion(), m.trainer(), m.trainerConfiguration(), m.seed(),
                m.dataHash(), m.dataRows(), ModelMetadata.OUTCOMES, m.platforms(), m.decisions(), m.calibration()));
        SwappableModel models = new SwappableModel(MODEL);
        JobRouter swapping = new JobRouter(models, Prices.defaults(), 0.6,
                Platform.LAMBDA, DecisionConfig.defaults(), CLOCK);

        assertThat(swapping.decide(api()).modelVersion()).isEqualTo(MODEL.version());
        assertThat(models.swap(retrained)).isSameAs(MODEL);
        assertThat(swapping.decide(api()).modelVersion()).isEqualTo("retrained-1");
        assertThat(swapping.model()).isSameAs(retrained);
    }

    @Test
    void overridesToEcsWhenMemoryIsOverLambdasCeiling() {
        RoutingDecision d = router.decide(api().withHints(null, 10_241));
        assertThat(d.platform()).isEqualTo(Platform.ECS);
        assertThat(d.reason()).isEqualTo(DecisionReason.LIMIT_MEMORY);
        assertThat(router.decide(api().withHints(null, 10_240)).reason()).isEqualTo(DecisionReason.MODEL);
    }

    @Test
    void overridesToEcsWhenExpectedDurationIsOverLambdasTimeout() {
        RoutingDecision d = router.decide(api().withHints(900.5, null));
        assertThat(d.platform()).isEqualTo(Platform.ECS);
        assertThat(d.reason()).isEqualTo(DecisionReason.LIMIT_DURATION);
        assertThat(d.confidence()).isEqualTo(1.0);
    }

    @Test
    void overridesToEcsWhenPayloadDoesNotFitLambdasStorage() {
        Job big = Job.of("big", WorkloadType.THUMBNAIL_PROCESSING, 10_240 * 1024 + 1, TimeWindow.NIGHT,
                LoadPattern.LOW_LOAD);
        assertThat(router.decide(big).reason()).isEqualTo(DecisionReason.LIMIT_PAYLOAD);
        assertThat(router.decide(big).platform()).isEqualTo(Platform.ECS);
    }

    @Test
    void refusesThresholdOutsideZeroToOne() {
        assertThatThrownBy(() -> new JobRouter(MODEL, 1.2, Platform.ECS, CLOCK))
                .hasMessageContaining("confidence threshold must be from 0 to 1");
    }
}
