package io.hybridrouter.training;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * What {@code router evaluate} found; written as JSON by {@code --json}.
 *
 * @param strategies     per strategy, in the order of {@link Evaluator#STRATEGIES} (table only when fitted)
 * @param accuracy       share of jobs where the hybrid router picked the oracle's platform
 * @param regret         hybrid cost / oracle cost − 1
 * @param jobs           jobs replayed
 * @param modelVersion   the model evaluated
 * @param reasons        hybrid decisions per reason
 * @param decideMicros   median time to decide one job (features, model, guardrails), µs
 * @param overhead       what routing itself costs per million jobs
 * @param hybridVsBestBaseline hybrid cost / the cost of {@code bestBaseline}; null when every baseline has
 *                       more SLO violations than hybrid (hybrid then beats them all on the objective)
 * @param bestBaseline   the cheapest baseline ({@link Evaluator#BASELINES}) with no more SLO violations than hybrid
 * @param tableThresholdsKb the {@code table} baseline: per workload type, Lambda below this payload (null: no
 *                       threshold); null when the table was not evaluated
 * @param calibration    the router's confidence against the oracle; null when the decisions came from elsewhere
 */
@JsonPropertyOrder({"strategies", "accuracy", "regret", "hybrid_vs_best_baseline", "best_baseline", "jobs",
    "model_version", "reasons", "decide_median_us", "router_overhead_per_million", "table_thresholds_kb",
    "calibration"})
public record EvaluationResult(
        @JsonProperty("strategies") Map<String, StrategyResult> strategies,
        @JsonProperty("accuracy") double accuracy,
        @JsonProperty("regret") double regret,
        @JsonProperty("jobs") int jobs,
        @JsonProperty("model_version") String modelVersion,
        @JsonProperty("reasons") Map<String, Integer> reasons,
        @JsonProperty("decide_median_us") double decideMicros,
        @JsonProperty("router_overhead_per_million") RouterOverhead overhead,
        @JsonProperty("hybrid_vs_best_baseline") Double hybridVsBestBaseline,
        @JsonProperty("best_baseline") String bestBaseline,
        @JsonProperty("table_thresholds_kb") Map<String, Double> tableThresholdsKb,
        @JsonProperty("calibration") Calibration calibration) {

    /**
     * One strategy on all jobs.
     *
     * @param costUsd           total
     * @param costPerMillionUsd total per million jobs
     * @param p50LatencyMs      median submission-to-completion latency
     * @param p95LatencyMs      95th percentile
     * @param sloViolations     jobs over their type's latency objective, or sent where they could not run
     * @param infeasible        jobs sent where they could not run
     * @param platforms         jobs sent to each platform
     */
    @JsonPropertyOrder({"cost_usd", "cost_per_million_usd", "p50_latency_ms", "p95_latency_ms", "slo_violations",
        "infeasible", "platforms"})
    public record StrategyResult(
            @JsonProperty("cost_usd") double costUsd,
            @JsonProperty("cost_per_million_usd") double costPerMillionUsd,
            @JsonProperty("p50_latency_ms") double p50LatencyMs,
            @JsonProperty("p95_latency_ms") double p95LatencyMs,
            @JsonProperty("slo_violations") int sloViolations,
            @JsonProperty("infeasible") int infeasible,
            @JsonProperty("platforms") Map<String, Integer> platforms) {
    }
}
