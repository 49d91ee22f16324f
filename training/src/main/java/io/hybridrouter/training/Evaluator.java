package io.hybridrouter.training;

import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.ModelMetadata;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.training.data.OutcomeRecord;
import io.hybridrouter.training.sim.Simulation;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Replays labelled jobs through every strategy on the same jobs: the baselines {@code lambda-only},
 * {@code ecs-only}, {@code lambda-unless-limit} and (when a fitted table is given) {@code table},
 * then {@code hybrid} (the router with its guardrails) and {@code oracle}. A job sent where it cannot
 * run costs the failed attempt plus the run on the other platform, its latency is the sum of both,
 * and it counts as infeasible and as an SLO violation ({@link RunOutcome}). The hybrid router is
 * compared with the cheapest baseline that has no more SLO violations than it
 * ({@code hybrid_vs_best_baseline}), and its confidence is scored against the oracle
 * ({@link Calibration}). Thread-safe if the router is.
 */
public final class Evaluator {

    public static final List<String> STRATEGIES = List.of("lambda-only", "ecs-only", "lambda-unless-limit",
            PayloadThresholdTable.NAME, "hybrid", "oracle");
    /** The strategies that need no model; {@code hybrid} is measured against the best of them. */
    public static final List<String> BASELINES = List.of("lambda-only", "ecs-only", "lambda-unless-limit",
            PayloadThresholdTable.NAME);
    /** What the router's confidence is scored against in simulator mode. */
    public static final String CALIBRATION_OUTCOME = "the decided platform is the oracle's (simulated truth)";

    private final JobRouter router;
    private final PayloadThresholdTable table;

    /** Without the {@code table} baseline (it needs training data). */
    public Evaluator(JobRouter router) {
        this(router, null);
    }

    /** With the {@code table} baseline fitted on the model's training data; null leaves it out. */
    public Evaluator(JobRouter router, PayloadThresholdTable table) {
        this.router = router;
        this.table = table;
    }

    public EvaluationResult evaluate(List<Simulation> jobs) {
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("nothing to evaluate: no jobs");
        }
        Map<String, Platform> hybrid = new LinkedHashMap<>();
        long[] nanos = new long[jobs.size()];
        Map<String, Integer> reasons = new LinkedHashMap<>();
        double[] confidence = new double[jobs.size()];
        double[] right = new double[jobs.size()];
        for (int i = 0; i < jobs.size(); i++) {
            Simulation s = jobs.get(i);
            long start = System.nanoTime();
            RoutingDecision d = router.decide(s.job());
            nanos[i] = System.nanoTime() - start;
            hybrid.put(s.job().jobId(), d.platform());
            reasons.merge(d.reason().wireName(), 1, Integer::sum);
            confidence[i] = d.confidence();
            right[i] = d.platform() == s.label() ? 1 : 0;
        }
        Arrays.sort(nanos);
        double decideMicros = nanos[nanos.length / 2] / 1000.0;
        return compare(jobs, hybrid, router.model().version(), reasons, decideMicros, table,
                Calibration.of(CALIBRATION_OUTCOME, confidence, right));
    }

    /**
     * Compares the strategies when the hybrid decisions are already made (by a running pipeline, for
     * instance): {@code hybrid} maps each job id to the platform it was sent to. No {@code table}
     * baseline and no calibration.
     */
    public static EvaluationResult compare(List<Simulation> jobs, Map<String, Platform> hybrid, String modelVersion,
            Map<String, Integer> reasons, double decideMicros) {
        return compare(jobs, hybrid, modelVersion, reasons, decideMicros, null, null);
    }

    /** As {@link #compare(List, Map, String, Map, double)}, with the {@code table} baseline and calibration when not null. */
    public static EvaluationResult compare(List<Simulation> jobs, Map<String, Platform> hybrid, String modelVersion,
            Map<String, Integer> reasons, double decideMicros, PayloadThresholdTable table, Calibration calibration) {
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("nothing to evaluate: no jobs");
        }
        int correct = 0;
        for (Simulation s : jobs) {
            Platform p = hybrid.get(s.job().jobId());
            if (p == null) {
                throw new IllegalArgumentException("no hybrid decision for job " + s.job().jobId());
            }
            if (p == s.label()) {
                correct++;
            }
        }
        Map<String, EvaluationResult.StrategyResult> results = new LinkedHashMap<>();
        results.put("lambda-only", run(jobs, s -> Platform.LAMBDA));
        results.put("ecs-only", run(jobs, s -> Platform.ECS));
        Policy lambdaUnlessLimit = Policy.lambdaUnlessLimit();
        results.put(lambdaUnlessLimit.name(), run(jobs, s -> lambdaUnlessLimit.choose(s.job())));
        if (table != null) {
            results.put(table.name(), run(jobs, s -> table.choose(s.job())));
        }
        results.put("hybrid", run(jobs, s -> hybrid.get(s.job().jobId())));
        results.put("oracle", run(jobs, Simulation::label));
        double oracleCost = results.get("oracle").costUsd();
        EvaluationResult.StrategyResult hybridResult = results.get("hybrid");
        double regret = oracleCost > 0 ? hybridResult.costUsd() / oracleCost - 1 : 0;
        String best = bestBaseline(results, hybridResult.sloViolations());
        Double vsBest = best == null ? null : hybridResult.costUsd() / results.get(best).costUsd();
        return new EvaluationResult(results, correct / (double) jobs.size(), regret, jobs.size(), modelVersion,
                reasons, decideMicros, RouterOverhead.perMillionJobs(decideMicros), vsBest, best,
                table == null ? null : table.thresholdsKb(), calibration);
    }

    /** The cheapest baseline with no more SLO violations than {@code maxViolations}, or null when none has so few. */
    static String bestBaseline(Map<String, EvaluationResult.StrategyResult> results, int maxViolations) {
        String best = null;
        for (String name : BASELINES) {
            EvaluationResult.StrategyResult r = results.get(name);
            if (r != null && r.sloViolations() <= maxViolations
                    && (best == null || r.costUsd() < results.get(best).costUsd())) {
                best = name;
            }
        }
        return best;
    }

    private static EvaluationResult.StrategyResult run(List<Simulation> jobs, Function<Simulation, Platform> pick) {
        double cost = 0;
        int violations = 0;
        int infeasible = 0;
        double[] latencies = new double[jobs.size()];
        Map<Platform, Integer> platforms = new EnumMap<>(Platform.class);
        for (int i = 0; i < jobs.size(); i++) {
            Simulation s = jobs.get(i);
            Platform p = pick.apply(s);
            platforms.merge(p, 1, Integer::sum);
            RunOutcome o = RunOutcome.of(s, p);
            if (o.infeasible()) {
                infeasible++;
            }
            if (!o.sloMet()) {
                violations++;
            }
            cost += o.costUsd();
            latencies[i] = o.latencyMs();
        }
        Arrays.sort(latencies);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Platform p : Platform.values()) {
            counts.put(p.wireName(), platforms.getOrDefault(p, 0));
        }
        return new EvaluationResult.StrategyResult(cost, cost / jobs.size() * 1_000_000,
                percentile(latencies, 0.50), percentile(latencies, 0.95), violations, infeasible, counts);
    }

    /**
     * How many simulated jobs a model was trained on, for regenerating them (the {@code table} baseline
     * is fitted on the same jobs): {@code data_rows} counts outcome records, and the simulator writes one
     * per platform for every job. For a model trained on measured outcomes, the record count.
     */
    public static int trainingJobs(ModelMetadata metadata) {
        return ModelMetadata.SIMULATOR.equals(metadata.trainedOn())
                ? metadata.dataRows() / Platform.values().length : metadata.dataRows();
    }

    /** Whether {@code rows} are exactly the data a model whose metadata has this {@code data_hash} was trained on. */
    public static boolean isTrainingData(List<Simulation> rows, String dataHash) {
        return Trainer.dataHash(rows.stream().flatMap(s -> OutcomeRecord.fromSimulation(s).stream()).toList())
                .equals(dataHash);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
