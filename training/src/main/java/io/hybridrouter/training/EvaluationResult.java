package io.hybridrouter.training;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * What {@code router evaluate} found; written as JSON by {@code --json}.
 *
 * @param strategies     per strategy, in the order lambda-only, ecs-only, hybrid, oracle
 * @param accuracy       share of jobs where the hybrid router picked the oracle's platform
 * @param regret         hybrid cost / oracle cost − 1
 * @param jobs           jobs replayed
 * @param modelVersion   the model evaluated
 * @param reasons        hybrid decisions per reason
 * @param decideMicros   median time to decide one job (features, model, guardrails), µs
 * @param overhead       what routing itself costs per million jobs
 */
@JsonPropertyOrder({"strategies", "accuracy", "regret", "jobs", "model_version", "reasons", "decide_median_us",
    "router_overhead_per_million"})
public record EvaluationResult(
        @JsonProperty("strategies") Map<String, StrategyResult> strategies,
        @JsonProperty("accuracy") double accuracy,
        @JsonProperty("regret") double regret,
        @JsonProperty("jobs") int jobs,
        @JsonProperty("model_version") String modelVersion,
        @JsonProperty("reasons") Map<String, Integer> reasons,
        @JsonProperty("decide_median_us") double decideMicros,
        @JsonProperty("router_overhead_per_million") RouterOverhead overhead) {

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
