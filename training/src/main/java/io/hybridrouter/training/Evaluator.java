package io.hybridrouter.training;

import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.training.sim.PlatformRun;
import io.hybridrouter.training.sim.Simulation;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Replays labelled jobs through four strategies on the same jobs: {@code lambda-only},
 * {@code ecs-only}, {@code hybrid} (the router with its guardrails) and {@code oracle}. A job sent
 * where it cannot run costs the failed attempt plus the run on the other platform, its latency is
 * the sum of both, and it counts as infeasible and as an SLO violation. Thread-safe if the router is.
 */
public final class Evaluator {

    public static final List<String> STRATEGIES = List.of("lambda-only", "ecs-only", "hybrid", "oracle");

    private final JobRouter router;

    public Evaluator(JobRouter router) {
        this.router = router;
    }

    public EvaluationResult evaluate(List<Simulation> jobs) {
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("nothing to evaluate: no jobs");
        }
        Map<String, Platform> hybrid = new LinkedHashMap<>();
        long[] nanos = new long[jobs.size()];
        Map<String, Integer> reasons = new LinkedHashMap<>();
        for (int i = 0; i < jobs.size(); i++) {
            Simulation s = jobs.get(i);
            long start = System.nanoTime();
            RoutingDecision d = router.decide(s.job());
            nanos[i] = System.nanoTime() - start;
            hybrid.put(s.job().jobId(), d.platform());
            reasons.merge(d.reason().wireName(), 1, Integer::sum);
        }
        Arrays.sort(nanos);
        double decideMicros = nanos[nanos.length / 2] / 1000.0;
        return compare(jobs, hybrid, router.model().version(), reasons, decideMicros);
    }

    /**
     * Compares the four strategies when the hybrid decisions are already made (by a running
     * pipeline, for instance): {@code hybrid} maps each job id to the platform it was sent to.
     */
    public static EvaluationResult compare(List<Simulation> jobs, Map<String, Platform> hybrid, String modelVersion,
            Map<String, Integer> reasons, double decideMicros) {
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
        results.put("hybrid", run(jobs, s -> hybrid.get(s.job().jobId())));
        results.put("oracle", run(jobs, Simulation::label));
        double oracleCost = results.get("oracle").costUsd();
        double regret = oracleCost > 0 ? results.get("hybrid").costUsd() / oracleCost - 1 : 0;
        return new EvaluationResult(results, correct / (double) jobs.size(), regret, jobs.size(), modelVersion,
                reasons, decideMicros, RouterOverhead.perMillionJobs(decideMicros));
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
            PlatformRun run = s.on(p);
            double jobCost = run.costUsd();
            double latency = run.latencyMs();
            if (!run.ok()) {
                PlatformRun retry = s.on(p.other());
                jobCost += retry.costUsd();
                latency += retry.latencyMs();
                infeasible++;
            }
            if (!run.ok() || latency > s.sloMs()) {
                violations++;
            }
            cost += jobCost;
            latencies[i] = latency;
        }
        Arrays.sort(latencies);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Platform p : Platform.values()) {
            counts.put(p.wireName(), platforms.getOrDefault(p, 0));
        }
        return new EvaluationResult.StrategyResult(cost, cost / jobs.size() * 1_000_000,
                percentile(latencies, 0.50), percentile(latencies, 0.95), violations, infeasible, counts);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
