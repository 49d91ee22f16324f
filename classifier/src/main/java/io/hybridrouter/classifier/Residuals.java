package io.hybridrouter.classifier;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Arrays;

/**
 * The spread of one regression tree's errors, kept so that a prediction becomes a distribution: for
 * each leaf with enough training rows, the {@link #LEVELS} quantiles of (actual − predicted) in that
 * leaf, and the same over all rows for the other leaves. A leaf is known by its predicted value (a
 * tree predicts one value per leaf; two leaves with the same value share their rows, which changes
 * nothing). Immutable and thread-safe.
 *
 * @param leaves    the leaves' predicted values, ascending
 * @param residuals for each leaf, its residual quantiles at {@link #LEVELS}
 * @param global    the residual quantiles over all rows
 */
@JsonPropertyOrder({"leaves", "residuals", "global"})
public record Residuals(double[] leaves, double[][] residuals, double[] global) {

    /** Quantile levels 0.05, 0.10, ..., 0.95. */
    public static final int QUANTILES = 19;

    @JsonCreator
    public Residuals(@JsonProperty("leaves") double[] leaves, @JsonProperty("residuals") double[][] residuals,
            @JsonProperty("global") double[] global) {
        if (leaves.length != residuals.length || global.length != QUANTILES) {
            throw new IllegalArgumentException("residual table: " + leaves.length + " leaves with "
                    + residuals.length + " quantile rows, " + global.length + " global quantiles (need "
                    + QUANTILES + ")");
        }
        for (int i = 0; i < leaves.length; i++) {
            if (residuals[i].length != QUANTILES || (i > 0 && !(leaves[i] > leaves[i - 1]))) {
                throw new IllegalArgumentException("residual table: leaf " + i + " is out of order or has "
                        + residuals[i].length + " quantiles");
            }
        }
        this.leaves = leaves;
        this.residuals = residuals;
        this.global = global;
    }

    /** The level of quantile {@code i}. */
    public static double level(int i) {
        return (i + 1) / 20.0;
    }

    /** The residual quantiles for a prediction (its leaf's, else the global ones). */
    public double[] forPrediction(double predicted) {
        int i = Arrays.binarySearch(leaves, predicted);
        return i >= 0 ? residuals[i] : global;
    }

    /** The {@link #QUANTILES} quantiles of sorted values, by linear interpolation. */
    public static double[] quantiles(double[] sorted) {
        double[] q = new double[QUANTILES];
        for (int i = 0; i < QUANTILES; i++) {
            double pos = level(i) * (sorted.length - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(sorted.length - 1, lo + 1);
            q[i] = sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
        }
        return q;
    }

    /**
     * P(X ≤ x) for a distribution given by its quantiles at {@link #level}: linear between them, and
     * continued linearly for one more step beyond each end to 0 and 1.
     */
    public static double cdf(double[] q, double x) {
        int n = q.length;
        if (x < q[0]) {
            double step = q[1] - q[0];
            return step <= 0 ? 0 : Math.max(0, level(0) * (1 - (q[0] - x) / step));
        }
        if (x >= q[n - 1]) {
            double step = q[n - 1] - q[n - 2];
            return step <= 0 ? 1 : Math.min(1, level(n - 1) + (1 - level(n - 1)) * (x - q[n - 1]) / step);
        }
        int lo = 0;
        int hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (q[mid] <= x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double span = q[hi] - q[lo];
        double f = span <= 0 ? 1 : (x - q[lo]) / span;
        return level(lo) + f * (level(hi) - level(lo));
    }
}
