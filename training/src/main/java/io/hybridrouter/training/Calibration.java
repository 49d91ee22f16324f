package io.hybridrouter.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * How well the router's {@code confidence} states the probability that its choice is right (the
 * cheaper platform among those that meet the objective: the oracle's). Immutable.
 *
 * @param outcome what "right" was measured against
 * @param decisions decisions scored
 * @param brier   mean squared difference between confidence and outcome (0 is perfect; always
 *               answering 0.5 scores 0.25)
 * @param ece     expected calibration error: the bins' |mean confidence − observed frequency|,
 *               weighted by their share of decisions
 * @param bins    ten equal-width bins of confidence, [0, 0.1) ... [0.9, 1.0]
 */
@JsonPropertyOrder({"outcome", "decisions", "brier", "ece", "bins"})
public record Calibration(
        @JsonProperty("outcome") String outcome,
        @JsonProperty("decisions") int decisions,
        @JsonProperty("brier") double brier,
        @JsonProperty("ece") double ece,
        @JsonProperty("bins") List<Bin> bins) {

    public static final int BINS = 10;

    /**
     * One bin of the reliability table.
     *
     * @param from            lower edge (inclusive)
     * @param to              upper edge (exclusive; the last bin includes 1.0)
     * @param count           decisions in the bin
     * @param meanConfidence  their mean confidence, null when empty
     * @param observed        how often the choice was right, null when empty
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"from", "to", "count", "mean_confidence", "observed"})
    public record Bin(
            @JsonProperty("from") double from,
            @JsonProperty("to") double to,
            @JsonProperty("count") int count,
            @JsonProperty("mean_confidence") Double meanConfidence,
            @JsonProperty("observed") Double observed) {
    }

    /**
     * Scores confidences against outcomes, 1 where the choice was right and 0 where not (a value in
     * between when the outcome is itself an estimate).
     */
    public static Calibration of(String outcome, double[] confidence, double[] right) {
        if (confidence.length != right.length || confidence.length == 0) {
            throw new IllegalArgumentException("need one outcome per confidence, and at least one");
        }
        int[] count = new int[BINS];
        double[] sumP = new double[BINS];
        double[] sumY = new double[BINS];
        double brier = 0;
        for (int i = 0; i < confidence.length; i++) {
            double p = confidence[i];
            int b = Math.min(BINS - 1, Math.max(0, (int) Math.floor(p * BINS)));
            count[b]++;
            sumP[b] += p;
            sumY[b] += right[i];
            brier += (p - right[i]) * (p - right[i]);
        }
        List<Bin> bins = new ArrayList<>(BINS);
        double ece = 0;
        for (int b = 0; b < BINS; b++) {
            Double meanP = count[b] == 0 ? null : sumP[b] / count[b];
            Double observed = count[b] == 0 ? null : sumY[b] / count[b];
            if (count[b] > 0) {
                ece += count[b] / (double) confidence.length * Math.abs(meanP - observed);
            }
            bins.add(new Bin(b / (double) BINS, (b + 1) / (double) BINS, count[b], meanP, observed));
        }
        return new Calibration(outcome, confidence.length, brier / confidence.length, ece, List.copyOf(bins));
    }
}
