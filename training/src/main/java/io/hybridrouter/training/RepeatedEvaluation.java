package io.hybridrouter.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.hybridrouter.training.offpolicy.OffPolicyEvaluator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One evaluation repeated on several held-out sets (the same router, price table and baselines, one seed
 * per set), pooled: what {@code router evaluate --repeat K} prints and writes as JSON. A single set is a
 * sample, so a claim against a bar needs the spread: the pooled ratios (ratios of costs summed over the
 * sets) come with a percentile bootstrap interval over the sets (sets resampled with replacement, the
 * ratio of the resampled sums) and the per-set median, minimum and maximum. Below {@link #MIN_SETS_FOR_INTERVAL}
 * sets there is no interval (null): two values do not make a distribution. Immutable and thread-safe.
 *
 * @param sets             how many held-out sets
 * @param jobs             jobs over all sets
 * @param modelVersion     the model evaluated (the first set's)
 * @param strategies       per strategy, costs and counts summed over the sets, in the first set's order
 * @param hybridVsHybrid2  hybrid cost / {@code hybrid-2} cost
 * @param regret           hybrid cost / oracle cost − 1 (the oracle over all options)
 * @param sloViolations    hybrid's and {@code hybrid-2}'s SLO violations, pooled and set by set
 * @param hybridVsCheaperSinglePlatform hybrid cost / the cheaper of {@code lambda-only} and {@code ecs-only}, pooled
 * @param bootstrap        how the intervals were drawn
 * @param perSet           each set's own figures, in seed order
 * @param spotOffered      whether the price table offered Fargate Spot (the first set's); null when not known
 * @param spotInterruptionsPerHour the simulated Fargate Spot interruption rate; null when not known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"sets", "jobs", "model_version", "strategies", "hybrid_vs_hybrid_2", "regret", "slo_violations",
    "hybrid_vs_cheaper_single_platform", "bootstrap", "per_set", "spot_offered", "spot_interruptions_per_hour"})
public record RepeatedEvaluation(
        @JsonProperty("sets") int sets,
        @JsonProperty("jobs") int jobs,
        @JsonProperty("model_version") String modelVersion,
        @JsonProperty("strategies") Map<String, PooledStrategy> strategies,
        @JsonProperty("hybrid_vs_hybrid_2") Ratio hybridVsHybrid2,
        @JsonProperty("regret") Ratio regret,
        @JsonProperty("slo_violations") Violations sloViolations,
        @JsonProperty("hybrid_vs_cheaper_single_platform") double hybridVsCheaperSinglePlatform,
        @JsonProperty("bootstrap") Bootstrap bootstrap,
        @JsonProperty("per_set") List<PerSet> perSet,
        @JsonProperty("spot_offered") Boolean spotOffered,
        @JsonProperty("spot_interruptions_per_hour") Double spotInterruptionsPerHour) {

    /** Bootstrap resamples of the sets. */
    public static final int DEFAULT_RESAMPLES = 2_000;
    /** Fewer sets than this get no interval. */
    public static final int MIN_SETS_FOR_INTERVAL = 3;

    public RepeatedEvaluation {
        strategies = Collections.unmodifiableMap(new LinkedHashMap<>(strategies));
        perSet = List.copyOf(perSet);
    }

    /**
     * Pools the evaluations of {@code seeds.get(i)}'s set, {@code results.get(i)}, each with {@code hybrid},
     * {@code hybrid-2}, {@code oracle}, {@code lambda-only} and {@code ecs-only}.
     *
     * @throws IllegalArgumentException without sets, with seeds and results of different lengths, a set
     *     missing one of those strategies, or fewer than 100 resamples
     */
    public static RepeatedEvaluation of(List<Long> seeds, List<EvaluationResult> results, int resamples,
            long bootstrapSeed) {
        if (results.isEmpty() || seeds.size() != results.size()) {
            throw new IllegalArgumentException("need one seed per evaluated set and at least one set, got "
                    + seeds.size() + " seeds and " + results.size() + " sets");
        }
        if (resamples < 100) {
            throw new IllegalArgumentException("at least 100 bootstrap resamples are needed, got " + resamples);
        }
        for (EvaluationResult r : results) {
            for (String name : List.of(Evaluator.HYBRID, Evaluator.HYBRID_2, Evaluator.ORACLE, "lambda-only",
                    "ecs-only")) {
                if (!r.strategies().containsKey(name)) {
                    throw new IllegalArgumentException("every set needs strategy " + name + " to be pooled");
                }
            }
        }
        int k = results.size();
        int jobs = results.stream().mapToInt(EvaluationResult::jobs).sum();
        Map<String, PooledStrategy> pooled = new LinkedHashMap<>();
        for (String name : results.get(0).strategies().keySet()) {
            if (results.stream().allMatch(r -> r.strategies().containsKey(name))) {
                pooled.put(name, PooledStrategy.of(results.stream().map(r -> r.strategies().get(name)).toList(),
                        jobs));
            }
        }
        double[] hybrid = costs(results, Evaluator.HYBRID);
        double[] hybrid2 = costs(results, Evaluator.HYBRID_2);
        double[] oracle = costs(results, Evaluator.ORACLE);
        List<PerSet> perSet = new ArrayList<>(k);
        int hybridViolations = 0;
        int hybrid2Violations = 0;
        int setsNoWorse = 0;
        for (int i = 0; i < k; i++) {
            EvaluationResult r = results.get(i);
            int hv = r.strategies().get(Evaluator.HYBRID).sloViolations();
            int h2v = r.strategies().get(Evaluator.HYBRID_2).sloViolations();
            hybridViolations += hv;
            hybrid2Violations += h2v;
            setsNoWorse += hv <= h2v ? 1 : 0;
            perSet.add(new PerSet(seeds.get(i), r.jobs(), hybrid[i] / hybrid2[i], hybrid[i] / oracle[i] - 1,
                    hv, h2v, hybrid[i], hybrid2[i], oracle[i]));
        }
        Ratio vsHybrid2 = Ratio.of(hybrid, hybrid2, 0, resamples, bootstrapSeed);
        Ratio regret = Ratio.of(hybrid, oracle, -1, resamples, bootstrapSeed);
        double cheaperSingle = Math.min(pooled.get("lambda-only").costUsd(), pooled.get("ecs-only").costUsd());
        EvaluationResult first = results.get(0);
        return new RepeatedEvaluation(k, jobs, first.modelVersion(), pooled, vsHybrid2, regret,
                new Violations(hybridViolations, hybrid2Violations, setsNoWorse),
                pooled.get(Evaluator.HYBRID).costUsd() / cheaperSingle,
                new Bootstrap(resamples, bootstrapSeed, "percentile, 2.5% to 97.5%; the sets resampled with "
                        + "replacement, the ratio of their summed costs; none below " + MIN_SETS_FOR_INTERVAL
                        + " sets"),
                perSet, first.spotOffered(), first.spotInterruptionsPerHour());
    }

    /** Pools with {@link #DEFAULT_RESAMPLES} resamples. */
    public static RepeatedEvaluation of(List<Long> seeds, List<EvaluationResult> results, long bootstrapSeed) {
        return of(seeds, results, DEFAULT_RESAMPLES, bootstrapSeed);
    }

    private static double[] costs(List<EvaluationResult> results, String strategy) {
        return results.stream().mapToDouble(r -> r.strategies().get(strategy).costUsd()).toArray();
    }

    /**
     * A strategy over all sets.
     *
     * @param costUsd           summed
     * @param costPerMillionUsd summed cost per million jobs of all sets
     * @param sloViolations     summed
     * @param infeasible        summed
     * @param interruptions     summed Fargate Spot interruptions
     */
    @JsonPropertyOrder({"cost_usd", "cost_per_million_usd", "slo_violations", "infeasible", "interruptions"})
    public record PooledStrategy(
            @JsonProperty("cost_usd") double costUsd,
            @JsonProperty("cost_per_million_usd") double costPerMillionUsd,
            @JsonProperty("slo_violations") int sloViolations,
            @JsonProperty("infeasible") int infeasible,
            @JsonProperty("interruptions") int interruptions) {

        static PooledStrategy of(List<EvaluationResult.StrategyResult> sets, int jobs) {
            double cost = sets.stream().mapToDouble(EvaluationResult.StrategyResult::costUsd).sum();
            return new PooledStrategy(cost, cost / jobs * 1_000_000,
                    sets.stream().mapToInt(EvaluationResult.StrategyResult::sloViolations).sum(),
                    sets.stream().mapToInt(EvaluationResult.StrategyResult::infeasible).sum(),
                    sets.stream().mapToInt(EvaluationResult.StrategyResult::interruptions).sum());
        }
    }

    /**
     * A ratio of summed costs (plus an offset: −1 for regret), with its spread.
     *
     * @param pooled the ratio of the costs summed over all sets, plus the offset
     * @param ci95   bootstrap percentile interval over the sets, [2.5%, 97.5%]; null below
     *               {@link #MIN_SETS_FOR_INTERVAL} sets
     * @param median the per-set ratios' median (the mean of the middle two for an even count)
     * @param min    the smallest per-set ratio
     * @param max    the largest
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"pooled", "ci95", "per_set_median", "per_set_min", "per_set_max"})
    public record Ratio(
            @JsonProperty("pooled") double pooled,
            @JsonProperty("ci95") List<Double> ci95,
            @JsonProperty("per_set_median") double median,
            @JsonProperty("per_set_min") double min,
            @JsonProperty("per_set_max") double max) {

        static Ratio of(double[] numerator, double[] denominator, double offset, int resamples, long seed) {
            int k = numerator.length;
            double[] perSet = new double[k];
            for (int i = 0; i < k; i++) {
                perSet[i] = numerator[i] / denominator[i] + offset;
            }
            double[] ones = new double[k];
            Arrays.fill(ones, 1);
            double pooled = weighted(numerator, denominator, ones) + offset;
            List<Double> ci = null;
            if (k >= MIN_SETS_FOR_INTERVAL) {
                // the same stream of draws for every ratio: resample r picks the same sets for each of them
                SplittableRandom rnd = new SplittableRandom(seed);
                double[] counts = new double[k];
                double[] boot = new double[resamples];
                for (int r = 0; r < resamples; r++) {
                    Arrays.fill(counts, 0);
                    for (int j = 0; j < k; j++) {
                        counts[rnd.nextInt(k)]++;
                    }
                    boot[r] = weighted(numerator, denominator, counts) + offset;
                }
                ci = OffPolicyEvaluator.interval(boot);
            }
            double[] sorted = perSet.clone();
            Arrays.sort(sorted);
            double median = k % 2 == 1 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
            return new Ratio(pooled, ci, median, sorted[0], sorted[k - 1]);
        }

        private static double weighted(double[] numerator, double[] denominator, double[] weight) {
            double num = 0;
            double den = 0;
            for (int i = 0; i < numerator.length; i++) {
                num += weight[i] * numerator[i];
                den += weight[i] * denominator[i];
            }
            return num / den;
        }
    }

    /**
     * SLO violations of hybrid and {@code hybrid-2}.
     *
     * @param hybrid        hybrid's, summed over the sets
     * @param hybrid2       {@code hybrid-2}'s, summed
     * @param setsNoWorse   sets where hybrid had no more than {@code hybrid-2}
     */
    @JsonPropertyOrder({"hybrid", "hybrid_2", "sets_hybrid_no_worse"})
    public record Violations(
            @JsonProperty("hybrid") int hybrid,
            @JsonProperty("hybrid_2") int hybrid2,
            @JsonProperty("sets_hybrid_no_worse") int setsNoWorse) {
    }

    /**
     * How the intervals were drawn.
     *
     * @param resamples how many bootstrap resamples of the sets
     * @param seed      their seed ({@code --bootstrap-seed})
     * @param interval  the method, in words
     */
    @JsonPropertyOrder({"resamples", "seed", "interval"})
    public record Bootstrap(
            @JsonProperty("resamples") int resamples,
            @JsonProperty("seed") long seed,
            @JsonProperty("interval") String interval) {
    }

    /**
     * One held-out set.
     *
     * @param seed            its generator and simulation seed
     * @param jobs            its jobs
     * @param hybridVsHybrid2 hybrid cost / {@code hybrid-2} cost on it
     * @param regret          hybrid cost / oracle cost − 1 on it
     * @param hybridViolations  hybrid's SLO violations on it
     * @param hybrid2Violations {@code hybrid-2}'s
     * @param hybridCostUsd   hybrid's cost on it
     * @param hybrid2CostUsd  {@code hybrid-2}'s
     * @param oracleCostUsd   the oracle's
     */
    @JsonPropertyOrder({"seed", "jobs", "hybrid_vs_hybrid_2", "regret", "slo_violations_hybrid",
        "slo_violations_hybrid_2", "hybrid_cost_usd", "hybrid_2_cost_usd", "oracle_cost_usd"})
    public record PerSet(
            @JsonProperty("seed") long seed,
            @JsonProperty("jobs") int jobs,
            @JsonProperty("hybrid_vs_hybrid_2") double hybridVsHybrid2,
            @JsonProperty("regret") double regret,
            @JsonProperty("slo_violations_hybrid") int hybridViolations,
            @JsonProperty("slo_violations_hybrid_2") int hybrid2Violations,
            @JsonProperty("hybrid_cost_usd") double hybridCostUsd,
            @JsonProperty("hybrid_2_cost_usd") double hybrid2CostUsd,
            @JsonProperty("oracle_cost_usd") double oracleCostUsd) {
    }
}
