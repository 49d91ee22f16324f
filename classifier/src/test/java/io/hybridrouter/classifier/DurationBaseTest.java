package io.hybridrouter.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.TimeWindow;
import io.hybridrouter.shared.WorkloadType;
import org.junit.jupiter.api.Test;

class DurationBaseTest {

    private static final RoutingModel BUNDLED = ModelArtefacts.loadBundled();
    private final FeatureExtractor features = new FeatureExtractor();

    private static Job etl(Double expectedDurationS) {
        return Job.of("etl", WorkloadType.DATA_ETL, 150_000, TimeWindow.NIGHT, LoadPattern.LOW_LOAD)
                .withHints(expectedDurationS, null);
    }

    @Test
    void theBaseIsTheEstimateInMillisecondsOnALogScaleAndNothingWithoutOne() {
        assertThat(DurationBase.EXPECTED_DURATION.of(features.values(etl(12.5)))).isCloseTo(Math.log(12_500),
                within(1e-9));
        assertThat(DurationBase.EXPECTED_DURATION.of(features.values(etl(null)))).isZero();
        assertThat(DurationBase.NONE.of(features.values(etl(12.5)))).isZero();
    }

    @Test
    void theBundledModelPredictsWorkRelativeToTheProducersEstimate() {
        for (Platform p : Platform.values()) {
            assertThat(BUNDLED.predictor(p).durationBase()).as(p.wireName()).isEqualTo(DurationBase.EXPECTED_DURATION);
        }
    }

    /**
     * The same trees read without the base predict the ratio to the estimate; with it, every quantile is that
     * ratio times the estimate, and the residual spread is the tree leaf's (the base moves, it does not widen).
     */
    @Test
    void theBaseScalesEveryWorkQuantileByTheEstimateAndLeavesJobsWithoutOneAlone() {
        for (Platform p : Platform.values()) {
            PlatformPredictor based = BUNDLED.predictor(p);
            PlatformPredictor bare = new PlatformPredictor(based.duration(), based.durationResiduals(), based.startup(),
                    based.startupResiduals(), DurationBase.NONE);
            double[] withEstimate = features.values(etl(40.0));
            double[] q = based.durationQuantilesMs(withEstimate);
            double[] ratio = bare.durationQuantilesMs(withEstimate);
            for (int i = 0; i < q.length; i++) {
                assertThat(q[i]).as(p + " quantile " + i).isCloseTo(ratio[i] * 40_000, within(q[i] * 1e-9));
            }
            assertThat(based.durationPoint(withEstimate)).isCloseTo(bare.durationPoint(withEstimate)
                    + Math.log(40_000), within(1e-9));
            double[] without = features.values(etl(null));
            assertThat(based.durationQuantilesMs(without)).containsExactly(bare.durationQuantilesMs(without));
            assertThat(based.startupQuantilesMs(withEstimate)).containsExactly(bare.startupQuantilesMs(withEstimate));
        }
    }

    /** A job whose producer says it runs twice as long is predicted to, give or take what the trees learned of it. */
    @Test
    void aLongerEstimateMeansALongerPrediction() {
        for (Platform p : Platform.values()) {
            double shorter = BUNDLED.predictor(p).durationPoint(features.values(etl(300.0)));
            double longer = BUNDLED.predictor(p).durationPoint(features.values(etl(600.0)));
            assertThat(longer - shorter).as(p.wireName()).isCloseTo(Math.log(2), within(0.25));
        }
    }

    @Test
    void wireNamesRoundTripAndAnUnknownOneIsNamed() {
        for (DurationBase b : DurationBase.values()) {
            assertThat(DurationBase.fromWireName(b.wireName())).isEqualTo(b);
        }
        assertThat(DurationBase.fromWireName(null)).isNull();
        assertThatThrownBy(() -> DurationBase.fromWireName("hint"))
                .hasMessage("unknown duration_base \"hint\" (this router knows none, expected_duration)");
    }
}
