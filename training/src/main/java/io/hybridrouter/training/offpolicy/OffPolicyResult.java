package io.hybridrouter.training.offpolicy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.hybridrouter.training.Calibration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code router evaluate --outcomes} estimated; written as JSON by {@code --json}. Immutable.
 *
 * @param policies     per policy ({@code logged} first), its estimate or why it cannot be estimated
 * @param outcomes     logged outcomes used, one per job (the attempts of an interrupted job summed)
 * @param attempts     logged lines used (one per attempt)
 * @param byOption     whether the log names options (policies are then compared option by option)
 * @param modelVersion the model evaluated as policy {@code model}
 * @param propensities what the log says about how it was collected
 * @param estimators   how each figure was made
 * @param tableThresholdsKb the {@code table} baseline's thresholds (null: none for that type)
 * @param calibration  the model's confidence, scored on the logged jobs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"policies", "outcomes", "attempts", "by_option", "model_version", "propensities", "estimators", "table_thresholds_kb",
    "calibration"})
public record OffPolicyResult(
        @JsonProperty("policies") Map<String, PolicyEstimate> policies,
        @JsonProperty("outcomes") int outcomes,
        @JsonProperty("attempts") int attempts,
        @JsonProperty("by_option") boolean byOption,
        @JsonProperty("model_version") String modelVersion,
        @JsonProperty("propensities") Propensities propensities,
        @JsonProperty("estimators") Map<String, Object> estimators,
        @JsonProperty("table_thresholds_kb") Map<String, Double> tableThresholdsKb,
        @JsonProperty("calibration") Calibration calibration) {

    /**
     * One figure and its interval.
     *
     * @param costPerMillionUsd estimated cost per million jobs
     * @param ci95              bootstrap percentile 95% interval of it
     * @param sloViolationRate  estimated share of jobs that miss their objective
     * @param sloCi95           its interval
     */
    @JsonPropertyOrder({"cost_per_million_usd", "ci95", "slo_violation_rate", "slo_ci95"})
    public record Estimate(
            @JsonProperty("cost_per_million_usd") double costPerMillionUsd,
            @JsonProperty("ci95") List<Double> ci95,
            @JsonProperty("slo_violation_rate") double sloViolationRate,
            @JsonProperty("slo_ci95") List<Double> sloCi95) {
    }

    /**
     * One policy: the doubly robust estimate (the headline) with the IPS estimate beside it, or the
     * reason it cannot be estimated from this log.
     *
     * @param costPerMillionUsd DR estimate (for {@code logged}: the plain mean)
     * @param ci95              its interval
     * @param sloViolationRate  DR estimate
     * @param sloCi95           its interval
     * @param estimator         {@code dr}; {@code dm} (direct method) where IPS has no support for the options
     *                          it picks; {@code mean} for the logged policy
     * @param ips               self-normalised inverse propensity scoring; null for {@code dm}
     * @param note              why the estimator is not {@code dr}, or null
     * @param refused           why this policy is not identifiable from the log; the figures are then absent
     * @param trueCostPerMillionUsd  for a simulated log only: the simulator's true value on the same jobs
     * @param trueSloViolationRate   for a simulated log only
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"cost_per_million_usd", "ci95", "slo_violation_rate", "slo_ci95", "estimator", "ips",
        "note", "refused", "true_cost_per_million_usd", "true_slo_violation_rate"})
    public record PolicyEstimate(
            @JsonProperty("cost_per_million_usd") Double costPerMillionUsd,
            @JsonProperty("ci95") List<Double> ci95,
            @JsonProperty("slo_violation_rate") Double sloViolationRate,
            @JsonProperty("slo_ci95") List<Double> sloCi95,
            @JsonProperty("estimator") String estimator,
            @JsonProperty("ips") Estimate ips,
            @JsonProperty("note") String note,
            @JsonProperty("refused") String refused,
            @JsonProperty("true_cost_per_million_usd") Double trueCostPerMillionUsd,
            @JsonProperty("true_slo_violation_rate") Double trueSloViolationRate) {

        static PolicyEstimate of(String estimator, Estimate main, Estimate ips) {
            return new PolicyEstimate(main.costPerMillionUsd(), main.ci95(), main.sloViolationRate(), main.sloCi95(),
                    estimator, ips, null, null, null, null);
        }

        static PolicyEstimate refused(String why) {
            return new PolicyEstimate(null, null, null, null, null, null, null, why, null, null);
        }

        PolicyEstimate withNote(String why) {
            return new PolicyEstimate(costPerMillionUsd, ci95, sloViolationRate, sloCi95, estimator, ips, why, refused,
                    trueCostPerMillionUsd, trueSloViolationRate);
        }

        public boolean isRefused() {
            return refused != null;
        }

        /** The same estimate with the simulator's true values beside it. */
        public PolicyEstimate withTruth(double costPerMillion, double sloViolationRate) {
            return new PolicyEstimate(costPerMillionUsd, ci95, this.sloViolationRate, sloCi95, estimator, ips, note,
                    refused, costPerMillion, sloViolationRate);
        }
    }

    /**
     * How the log was collected, as far as it says.
     *
     * @param logged    outcomes that carried a propensity
     * @param defaulted outcomes without one, taken as 1 (the router did not explore)
     * @param below1    outcomes whose propensity is below 1 (the other platform had a chance)
     * @param min       the smallest propensity
     */
    @JsonPropertyOrder({"logged", "defaulted_to_1", "below_1", "min"})
    public record Propensities(
            @JsonProperty("logged") int logged,
            @JsonProperty("defaulted_to_1") int defaulted,
            @JsonProperty("below_1") int below1,
            @JsonProperty("min") double min) {
    }

    /** The same result with the simulator's true values for the named policies (a simulated log). */
    public OffPolicyResult withTruth(Map<String, double[]> truth) {
        Map<String, PolicyEstimate> out = new LinkedHashMap<>();
        policies.forEach((name, e) -> {
            double[] t = truth.get(name);
            out.put(name, t == null ? e : e.withTruth(t[0], t[1]));
        });
        return new OffPolicyResult(out, outcomes, attempts, byOption, modelVersion, propensities, estimators,
                tableThresholdsKb, calibration);
    }

    /** The policies that could not be estimated, each with its reason. */
    public Map<String, String> refusals() {
        Map<String, String> out = new LinkedHashMap<>();
        policies.forEach((name, e) -> {
            if (e.isRefused()) {
                out.put(name, e.refused());
            }
        });
        return out;
    }
}
