package io.hybridrouter.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.TimeWindow;
import io.hybridrouter.shared.WorkloadType;
import org.junit.jupiter.api.Test;

class FeatureExtractorTest {

    private final FeatureExtractor fx = new FeatureExtractor();

    private double value(double[] values, String name) {
        return values[FeatureSchema.NAMES.indexOf(name)];
    }

    @Test
    void oneHotEncodesCategoriesAndLogScalesSizes() {
        Job job = new Job("j", "pdf_render", 999, TimeWindow.EVENING, LoadPattern.BURST_LOAD, null, 100.0, 2048,
                null);
        double[] v = fx.values(job);
        assertThat(v).hasSize(FeatureSchema.NAMES.size());
        assertThat(value(v, FeatureSchema.workload(WorkloadType.OTHER))).isEqualTo(1);
        assertThat(value(v, FeatureSchema.workload(WorkloadType.DATA_ETL))).isZero();
        assertThat(value(v, FeatureSchema.window(TimeWindow.EVENING))).isEqualTo(1);
        assertThat(value(v, FeatureSchema.load(LoadPattern.BURST_LOAD))).isEqualTo(1);
        assertThat(value(v, FeatureSchema.PAYLOAD_LOG10_KB)).isCloseTo(3.0, within(1e-12));
        assertThat(value(v, FeatureSchema.HAS_DURATION_HINT)).isEqualTo(1);
        assertThat(value(v, FeatureSchema.DURATION_LOG10_S)).isCloseTo(2.0, within(1e-12));
        assertThat(value(v, FeatureSchema.MEMORY_LOG10_MB)).isCloseTo(Math.log10(2048), within(1e-12));
        assertThat(java.util.Arrays.stream(v).sum()).isCloseTo(1 + 1 + 1 + 3 + 1 + 2 + 1 + Math.log10(2048),
                within(1e-9));
    }

    @Test
    void flagsAbsentHints() {
        double[] v = fx.values(Job.of("j", WorkloadType.DATA_ETL, 0, TimeWindow.NIGHT, LoadPattern.LOW_LOAD));
        assertThat(value(v, FeatureSchema.HAS_DURATION_HINT)).isZero();
        assertThat(value(v, FeatureSchema.DURATION_LOG10_S)).isEqualTo(-1);
        assertThat(value(v, FeatureSchema.HAS_MEMORY_HINT)).isZero();
        assertThat(value(v, FeatureSchema.MEMORY_LOG10_MB)).isEqualTo(-1);
        assertThat(value(v, FeatureSchema.PAYLOAD_LOG10_KB)).isZero();
    }
}
