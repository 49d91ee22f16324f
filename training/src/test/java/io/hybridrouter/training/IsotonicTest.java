package io.hybridrouter.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridrouter.classifier.Calibration;
import org.junit.jupiter.api.Test;

class IsotonicTest {

    /**
     * Two wrong choices at the smallest margins are no evidence that the router is always wrong there:
     * a confidence of 0 would send such a job to the fallback as if its preferred platform could not be
     * right. Each step is its share of right choices with Laplace's rule, so it stays strictly between 0 and 1.
     */
    @Test
    void aFewWrongChoicesAtTheLowEndDoNotMakeTheConfidenceZero() {
        double[] x = new double[102];
        double[] y = new double[102];
        x[0] = 0.001;
        x[1] = 0.002;
        for (int i = 2; i < x.length; i++) {
            x[i] = 0.01 * i;
            y[i] = 1;
        }
        Calibration.Step step = Isotonic.fit(x, y, 0.5);
        assertThat(step.apply(0.001)).isGreaterThan(0).isLessThan(0.5);
        assertThat(step.apply(0.5)).isGreaterThan(0.95).isLessThan(1);
    }

    @Test
    void theStepsNeverDecreaseWithTheMargin() {
        double[] x = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};
        double[] y = {0, 1, 0, 0, 1, 1, 0, 1};
        Calibration.Step step = Isotonic.fit(x, y, 0.5);
        for (int i = 1; i < step.y().length; i++) {
            assertThat(step.y()[i]).isGreaterThan(step.y()[i - 1]);
        }
    }
}
