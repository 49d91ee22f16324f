package io.hybridrouter.training;

import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.ModelMetadata;
import io.hybridrouter.classifier.OptionMenu;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.shared.option.RunOption;
import io.hybridrouter.shared.option.RunOptions;
import io.hybridrouter.training.data.OutcomeRecord;
import io.hybridrouter.training.sim.Simulation;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Replays labelled jobs through every strategy on the same jobs: the baselines {@code lambda-only},
 * {@code ecs-only}, {@code lambda-unless-limit} and (when a fitted table is given) {@code table}, all
 * on the sized pair (each platform at the size the job had before options); {@code hybrid-2} (the router
 * choosing from the sized pair only, {@link OptionMenu#sizedPair()}: this router before options);
 * {@code hybrid} (the router as configured, scored on the option it named); {@code oracle-2} (the
 * oracle between the sized pair) and {@code oracle} (the oracle over every simulated option). A job
 * sent where it cannot run costs the failed attempt plus a run where it can, its latency is the sum of
 * both, and it counts as infeasible and as an SLO violation ({@link RunOutcome}); Fargate Spot
 * interruptions are counted. The hybrid router is compared with {@code hybrid-2}, with the
 * all-options oracle (regret) and with the cheapest baseline that has no more SLO violations than it
 * ({@code hybrid_vs_best_baseline}); its confidence, a statement about the platform, is scored against
 * the oracle between the sized pair ({@link Calibration}). Thread-safe if the router is.
 */
public final class Evaluator {

    public static final String HYBRID = "hybrid";
    public static final String HYBRID_2 = "hybrid-2";
    public static final String ORACLE = "oracle";
    public static final String ORACLE_2 = "oracle-2";
    public static final List<String> STRATEGIES = List.of("lambda-only", "ecs-only", "lambda-unless-limit",
            PayloadThresholdTable.NAME, HYBRID_2, HYBRID, ORACLE_2, ORACLE);
    /** The strategies that need no model; {@code hybrid} is measured against the best of them. */
    public static final List<String> BASELINES = List.of("lambda-only", "ecs-only", "lambda-unless-limit",
            PayloadThresholdTable.NAME);
    /** What the router's confidence is scored against in simulator mode. */
    public static final String CALIBRATION_OUTCOME = "the decided platform is the oracle's between the sized pair "
            + "(simulated truth)";

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

    /** Where a strategy sent a job: the platform and the option (null: the sized run on that platform). */
    record Choice(Platform platform, String option) {
    }

    public EvaluationResult evaluate(List<Simulation> jobs) {
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("nothing to evaluate: no jobs");
        }
        JobRouter pair = router.withMenu(OptionMenu.sizedPair());
        Map<String, Choice> hybrid = new LinkedHashMap<>();
        Map<String, Platform> hybrid2 = new LinkedHashMap<>();
        long[] nanos = new long[jobs.size()];
        Map<String, Integer> reasons = new LinkedHashMap<>();
        double[] confidence = new double[jobs.size()];
        double[] right = new double[jobs.size()];
        for (int i = 0; i < jobs.size(); i++) {
            Simulation s = jobs.get(i);
            long start = System.nanoTime();
            RoutingDecision d = router.decide(s.job());
            nanos[i] = System.nanoTime() - start;
            hybrid.put(s.job().jobId(), new Choice(d.platform(), d.option()));
            hybrid2.put(s.job().jobId(), pair.decide(s.job()).platform());
            reasons.merge(d.reason().wireName(), 1, Integer::sum);
            confidence[i] = d.confidence();
            right[i] = d.platform() == s.label() ? 1 : 0;
        }
        Arrays.sort(nanos);
        double decideMicros = nanos[nanos.length / 2] / 1000.0;

        Map<String, EvaluationResult.StrategyResult> results = baselines(jobs, table);
        results.put(HYBRID_2, run(jobs, s -> hybrid2.get(s.job().jobId())));
        return scored(jobs, hybrid, results, router.model().version(), reasons, decideMicros,
                RouterOverhead.perMillionJobs(decideMicros, router.prices()), table,
                Calibration.of(CALIBRATION_OUTCOME, confidence, right));
    }

    /**
     * Adds {@code hybrid} (on the options it chose), {@code oracle-2} and {@code oracle} to {@code results} (the
     * baselines, and {@code hybrid-2} when it was run) and the figures that compare them.
     */
    private static EvaluationResult scored(List<Simulation> jobs, Map<String, Choice> hybrid,
            Map<String, EvaluationResult.StrategyResult> results, String modelVersion, Map<String, Integer> reasons,
            double decideMicros, RouterOverhead overhead, PayloadThresholdTable table,
            Calibration calibration) {
        results.put(HYBRID, runOptions(jobs, s -> hybrid.get(s.job().jobId())));
        results.put(ORACLE_2, run(jobs, Simulation::label));
        results.put(ORACLE, runOptions(jobs, Evaluator::oracle));
        int platformRight = 0;
        int optionRight = 0;
        boolean scoredOnOptions = true;
        for (Simulation s : jobs) {
            Choice h = hybrid.get(s.job().jobId());
            Choice o = oracle(s);
            platformRight += h.platform() == o.platform() ? 1 : 0;
            optionRight += Objects.equals(h.option(), o.option()) ? 1 : 0;
            scoredOnOptions &= !s.options().isEmpty();
        }
        EvaluationResult.StrategyResult h = results.get(HYBRID);
        double oracleCost = results.get(ORACLE).costUsd();
        double regret = oracleCost > 0 ? h.costUsd() / oracleCost - 1 : 0;
        String best = bestBaseline(results, h.sloViolations());
        Double vsBest = best == null ? null : h.costUsd() / results.get(best).costUsd();
        EvaluationResult.StrategyResult h2 = results.get(HYBRID_2);
        return new EvaluationResult(results, platformRight / (double) jobs.size(),
                optionRight / (double) jobs.size(), regret, h2 == null ? null : h.costUsd() / h2.costUsd(), jobs.size(),
                modelVersion, reasons, decideMicros, overhead, vsBest, best,
                table == null ? null : table.thresholdsKb(), calibration, null, null, scoredOnOptions);
    }

    /**
     * The all-options oracle's choice ({@link Simulation#optionLabel()}); for a job simulated without options,
     * the sized pair's oracle.
     */
    static Choice oracle(Simulation s) {
        Optional<String> best = s.optionLabel();
        if (best.isEmpty()) {
            return new Choice(s.label(), RunOptions.sized(s.job(), s.label()).id());
        }
        return new Choice(s.options().get(best.get()).platform(), best.get());
    }

    /**
     * Compares the strategies when the hybrid decisions are already made (by a running pipeline, for
     * instance): {@code hybrid} maps each job id to the platform it was sent to, scored on the sized pair
     * against the sized pair's {@code oracle}. No {@code table} baseline and no calibration.
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
        Map<String, EvaluationResult.StrategyResult> results = baselines(jobs, table);
        results.put(HYBRID, run(jobs, s -> hybrid.get(s.job().jobId())));
        results.put(ORACLE, run(jobs, Simulation::label));
        double oracleCost = results.get(ORACLE).costUsd();
        EvaluationResult.StrategyResult hybridResult = results.get(HYBRID);
        double regret = oracleCost > 0 ? hybridResult.costUsd() / oracleCost - 1 : 0;
        String best = bestBaseline(results, hybridResult.sloViolations());
        Double vsBest = best == null ? null : hybridResult.costUsd() / results.get(best).costUsd();
        return new EvaluationResult(results, correct / (double) jobs.size(), null, regret, null, jobs.size(),
                modelVersion, reasons, decideMicros, RouterOverhead.perMillionJobs(decideMicros), vsBest, best,
                table == null ? null : table.thresholdsKb(), calibration, null, null, false);
    }

    /**
     * Compares the strategies when the hybrid decisions are already made, each naming its option (a running
     * pipeline's decisions, as the demo has them): {@code options} maps each job id to its decision's option,
     * scored on that option's run against the all-options {@code oracle}, with {@code oracle-2} beside it. No
     * {@code hybrid-2} (nobody decided the jobs between the sized pair) and no calibration.
     */
    public static EvaluationResult compareOptions(List<Simulation> jobs, Map<String, String> options,
            String modelVersion, Map<String, Integer> reasons, double decideMicros, PayloadThresholdTable table) {
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("nothing to evaluate: no jobs");
        }
        Map<String, Choice> hybrid = new LinkedHashMap<>();
        for (Simulation s : jobs) {
            String id = options.get(s.job().jobId());
            if (id == null) {
                throw new IllegalArgumentException("no hybrid decision for job " + s.job().jobId());
            }
            RunOption o = RunOptions.declared().byId(id).orElseThrow(() -> new IllegalArgumentException("job "
                    + s.job().jobId() + ": its decision names option " + id + ", which is not declared"));
            hybrid.put(s.job().jobId(), new Choice(o.platform(), id));
        }
        return scored(jobs, hybrid, baselines(jobs, table), modelVersion, reasons, decideMicros,
                RouterOverhead.perMillionJobs(decideMicros), table, null);
    }

    private static Map<String, EvaluationResult.StrategyResult> baselines(List<Simulation> jobs,
            PayloadThresholdTable table) {
        Map<String, EvaluationResult.StrategyResult> results = new LinkedHashMap<>();
        results.put("lambda-only", run(jobs, s -> Platform.LAMBDA));
        results.put("ecs-only", run(jobs, s -> Platform.ECS));
        Policy lambdaUnlessLimit = Policy.lambdaUnlessLimit();
        results.put(lambdaUnlessLimit.name(), run(jobs, s -> lambdaUnlessLimit.choose(s.job())));
        if (table != null) {
            results.put(table.name(), run(jobs, s -> table.choose(s.job())));
        }
        return results;
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

    /** A strategy on the sized pair. */
    private static EvaluationResult.StrategyResult run(List<Simulation> jobs, Function<Simulation, Platform> pick) {
        EvaluationResult.StrategyResult r = runOptions(jobs, s -> new Choice(pick.apply(s), null));
        return new EvaluationResult.StrategyResult(r.costUsd(), r.costPerMillionUsd(), r.p50LatencyMs(),
                r.p95LatencyMs(), r.sloViolations(), r.infeasible(), r.platforms());
    }

    /** A strategy that names an option per job, with its split by option (most jobs first). */
    private static EvaluationResult.StrategyResult runOptions(List<Simulation> jobs, Function<Simulation, Choice> pick) {
        double cost = 0;
        int violations = 0;
        int infeasible = 0;
        int interruptions = 0;
        double[] latencies = new double[jobs.size()];
        Map<Platform, Integer> platforms = new EnumMap<>(Platform.class);
        Map<String, int[]> optionJobs = new HashMap<>();
        Map<String, double[]> optionCost = new HashMap<>();
        for (int i = 0; i < jobs.size(); i++) {
            Simulation s = jobs.get(i);
            Choice c = pick.apply(s);
            platforms.merge(c.platform(), 1, Integer::sum);
            RunOutcome o = RunOutcome.of(s, c.platform(), c.option());
            if (o.infeasible()) {
                infeasible++;
            }
            if (!o.sloMet()) {
                violations++;
            }
            interruptions += o.interruptions();
            cost += o.costUsd();
            latencies[i] = o.latencyMs();
            String option = c.option() != null ? c.option() : RunOptions.sized(s.job(), c.platform()).id();
            optionJobs.computeIfAbsent(option, k -> new int[1])[0]++;
            optionCost.computeIfAbsent(option, k -> new double[1])[0] += o.costUsd();
        }
        Arrays.sort(latencies);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Platform p : Platform.values()) {
            counts.put(p.wireName(), platforms.getOrDefault(p, 0));
        }
        Map<String, EvaluationResult.OptionShare> options = new LinkedHashMap<>();
        optionJobs.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, int[]> e) -> -e.getValue()[0])
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> options.put(e.getKey(), new EvaluationResult.OptionShare(e.getValue()[0],
                        optionCost.get(e.getKey())[0])));
        return new EvaluationResult.StrategyResult(cost, cost / jobs.size() * 1_000_000,
                percentile(latencies, 0.50), percentile(latencies, 0.95), violations, infeasible, counts,
                interruptions, options);
    }

    /**
     * How many simulated jobs a model was trained on, for regenerating them (the {@code table} baseline
     * is fitted on the same jobs): {@code data_rows} counts outcome records, and the simulator writes one
     * per platform for every job. For a model trained on measured outcomes, the record count.
     */
    public static int trainingJobs(ModelMetadata metadata) {
        return ModelMetadata.SIMULATOR.equals(metadata.trainedOn())
                ? metadata.dataRows() / OutcomeRecord.SIMULATED_RECORDS_PER_JOB : metadata.dataRows();
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
