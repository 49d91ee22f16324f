package io.hybridrouter.classifier;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Turns a decision's margin into the probability that the chosen platform is the cheaper one that
 * meets the job's objective: one isotonic (non-decreasing, step) map per kind of decision, fitted on
 * held-out jobs whose outcome on both platforms is known. Immutable and thread-safe.
 *
 * <ul>
 *   <li>{@code both}: both platforms predicted to meet the objective; margin = ln(dearer cost / cheaper cost).</li>
 *   <li>{@code one}: only the chosen one is; margin = its P(SLO) − the other's.</li>
 *   <li>{@code none}: neither is (best effort); margin = the chosen P(SLO) − the other's.</li>
 * </ul>
 *
 * @param both for decisions between two platforms that meet the objective
 * @param one  for decisions where one platform does
 * @param none for best-effort decisions
 */
@JsonPropertyOrder({"method", "both", "one", "none"})
public record Calibration(Step both, Step one, Step none) {

    @JsonCreator
    public Calibration(@JsonProperty("both") Step both, @JsonProperty("one") Step one,
            @JsonProperty("none") Step none) {
        this.both = both;
        this.one = one;
        this.none = none;
    }

    @JsonProperty("method")
    public String method() {
        return "isotonic (pool adjacent violators) on the decision margin, held-out simulator or measured jobs";
    }

    /**
     * A non-decreasing step function: {@code y[i]} for margins from {@code x[i]} up to the next
     * threshold; {@code y[0]} below {@code x[0]}.
     *
     * @param x thresholds, ascending
     * @param y values, non-decreasing, 0–1
     * @param n held-out jobs it was fitted on
     */
    @JsonPropertyOrder({"x", "y", "n"})
    public record Step(@JsonProperty("x") double[] x, @JsonProperty("y") double[] y, @JsonProperty("n") int n) {

        public Step {
            if (x.length != y.length || x.length == 0) {
                throw new IllegalArgumentException("calibration step: " + x.length + " thresholds, " + y.length
                        + " values");
            }
        }

        /** A constant: nothing to fit on. */
        public static Step constant(double p) {
            return new Step(new double[] {0}, new double[] {p}, 0);
        }

        public double apply(double margin) {
            int lo = 0;
            int hi = x.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (x[mid] <= margin) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return y[Math.max(0, lo - 1)];
        }
    }
}
