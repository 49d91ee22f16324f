package io.hybridrouter.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void brierScoreAndReliabilityBinsFollowTheirDefinitions() {
        double[] confidence = {1.0, 1.0, 0.95, 0.55, 0.05};
        double[] right = {1, 0, 1, 1, 0};

        Calibration c = Calibration.of("oracle", confidence, right);

        // (0 + 1 + 0.0025 + 0.2025 + 0.0025) / 5
        assertThat(c.brier()).isCloseTo(1.2075 / 5, within(1e-12));
        assertThat(c.bins()).hasSize(10);
        Calibration.Bin top = c.bins().get(9);
        assertThat(top.count()).isEqualTo(3);
        assertThat(top.meanConfidence()).isCloseTo(2.95 / 3, within(1e-12));
        assertThat(top.observed()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(c.bins().get(5).count()).isEqualTo(1);
        assertThat(c.bins().get(0).observed()).isZero();
        assertThat(c.bins().get(3).meanConfidence()).isNull();
        assertThat(c.ece()).isCloseTo((3 * Math.abs(2.95 / 3 - 2 / 3.0) + 0.45 + 0.05) / 5, within(1e-12));
    }
}
