package io.hybridrouter.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * What {@code router evaluate} found; written as JSON by {@code --json}. Immutable.
 *
 * @param strategies     per strategy, in the order of {@link Evaluator#STRATEGIES} (table only when fitted;
 *                       {@code hybrid-2} and {@code oracle-2} only when the router itself was evaluated)
 * @param accuracy       share of jobs where the hybrid router picked the platform of the oracle's option
 * @param optionAccuracy share of jobs where the hybrid router picked the oracle's option; null when the
 *                       decisions came from elsewhere
 * @param regret         hybrid cost / oracle cost − 1 (the oracle over all options)
 * @param hybridVsHybrid2 hybrid cost / {@code hybrid-2} cost (the router before options); null without hybrid-2
 * @param jobs           jobs replayed
 * @param modelVersion   the model evaluated
 * @param reasons        hybrid decisions per reason
 * @param decideMicros   median time to decide one job with every option on the menu (features, model,
 *                       guardrails), µs
 * @param overhead       what routing itself costs per million jobs
 * @param hybridVsBestBaseline hybrid cost / the cost of {@code bestBaseline}; null when every baseline has
 *                       more SLO violations than hybrid (hybrid then beats them all on the objective)
 * @param bestBaseline   the cheapest baseline ({@link Evaluator#BASELINES}) with no more SLO violations than hybrid
 * @param tableThresholdsKb the {@code table} baseline: per workload type, Lambda below this payload (null: no
 *                       threshold); null when the table was not evaluated
 * @param calibration    the router's confidence against the oracle between the two platforms; null when the
 *                       decisions came from elsewhere
 * @param spotOffered    whether the price table (the router's and the simulator's) offers Fargate Spot; null
 *                       when not known
 * @param spotInterruptionsPerHour the simulated Fargate Spot interruption rate per task-hour; null when not known
 * @param scoredOnOptions whether every job had a simulated run on each option; false for a data set read
 *                       from a file (the sized pair only), where options are scored on the sized run of their
 *                       platform
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"strategies", "accuracy", "option_accuracy", "regret", "hybrid_vs_hybrid_2",
    "hybrid_vs_best_baseline", "best_baseline", "jobs", "model_version", "reasons", "decide_median_us",
    "router_overhead_per_million", "table_thresholds_kb", "calibration", "spot_offered",
    "spot_interruptions_per_hour", "scored_on_options"})
public record EvaluationResult(
        @JsonProperty("strategies") Map<String, StrategyResult> strategies,
        @JsonProperty("accuracy") double accuracy,
        @JsonProperty("option_accuracy") Double optionAccuracy,
        @JsonProperty("regret") double regret,
        @JsonProperty("hybrid_vs_hybrid_2") Double hybridVsHybrid2,
        @JsonProperty("jobs") int jobs,
        @JsonProperty("model_version") String modelVersion,
        @JsonProperty("reasons") Map<String, Integer> reasons,
        @JsonProperty("decide_median_us") double decideMicros,
        @JsonProperty("router_overhead_per_million") RouterOverhead overhead,
        @JsonProperty("hybrid_vs_best_baseline") Double hybridVsBestBaseline,
        @JsonProperty("best_baseline") String bestBaseline,
        @JsonProperty("table_thresholds_kb") Map<String, Double> tableThresholdsKb,
        @JsonProperty("calibration") Calibration calibration,
        @JsonProperty("spot_offered") Boolean spotOffered,
        @JsonProperty("spot_interruptions_per_hour") Double spotInterruptionsPerHour,
        @JsonProperty("scored_on_options") Boolean scoredOnOptions) {

    /** The same result, saying which Spot world the jobs were simulated in. */
    public EvaluationResult withSpot(boolean offered, double interruptionsPerHour) {
        return new EvaluationResult(strategies, accuracy, optionAccuracy, regret, hybridVsHybrid2, jobs, modelVersion,
                reasons, decideMicros, overhead, hybridVsBestBaseline, bestBaseline, tableThresholdsKb, calibration,
                offered, interruptionsPerHour, scoredOnOptions);
    }

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
     * @param interruptions     Fargate Spot interruptions of its runs (each one re-ran the job)
     * @param options           per option chosen, jobs and cost, most jobs first; null for a strategy that chooses
     *                          between the sized pair only
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"cost_usd", "cost_per_million_usd", "p50_latency_ms", "p95_latency_ms", "slo_violations",
        "infeasible", "platforms", "interruptions", "options"})
    public record StrategyResult(
            @JsonProperty("cost_usd") double costUsd,
            @JsonProperty("cost_per_million_usd") double costPerMillionUsd,
            @JsonProperty("p50_latency_ms") double p50LatencyMs,
            @JsonProperty("p95_latency_ms") double p95LatencyMs,
            @JsonProperty("slo_violations") int sloViolations,
            @JsonProperty("infeasible") int infeasible,
            @JsonProperty("platforms") Map<String, Integer> platforms,
            @JsonProperty("interruptions") int interruptions,
            @JsonProperty("options") Map<String, OptionShare> options) {

        /** A strategy on the sized pair, without Spot. */
        public StrategyResult(double costUsd, double costPerMillionUsd, double p50LatencyMs, double p95LatencyMs,
                int sloViolations, int infeasible, Map<String, Integer> platforms) {
            this(costUsd, costPerMillionUsd, p50LatencyMs, p95LatencyMs, sloViolations, infeasible, platforms, 0,
                    null);
        }
    }

    /**
     * The jobs a strategy sent to one option.
     *
     * @param jobs    how many
     * @param costUsd what they cost, failed attempts and their fallback runs included
     */
    @JsonPropertyOrder({"jobs", "cost_usd"})
    public record OptionShare(@JsonProperty("jobs") int jobs, @JsonProperty("cost_usd") double costUsd) {
    }
}
