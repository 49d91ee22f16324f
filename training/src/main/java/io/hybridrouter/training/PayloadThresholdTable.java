package io.hybridrouter.training;

import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.ModelMetadata;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.WorkloadType;
import io.hybridrouter.training.sim.CostModel;
import io.hybridrouter.training.sim.JobGenerator;
import io.hybridrouter.training.sim.Simulation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code table} baseline: hard limits first (ECS), then Lambda when {@code payload_size_kb} is
 * below its workload type's threshold, ECS at or above it. One number per type, fitted on training
 * data, so it is what a cost engineer could write down after looking at the same data the model saw.
 *
 * <p>The fitting rule, per workload type, on that type's training jobs: every split of the jobs
 * that no limit binds, ordered by payload, is a candidate (all to ECS, all to Lambda, and each point
 * between two distinct payloads); a candidate is admissible when it has no more SLO violations than
 * {@code lambda-unless-limit} has on those jobs (so the table never buys cost with latency the simple
 * strategy does not give up); the admissible candidate with the lowest total cost wins, ties going to
 * fewer violations, then to more Lambda. "All to Lambda" is always admissible, so a type where no
 * split pays keeps Lambda. Jobs are scored as {@link RunOutcome} scores them. Immutable and thread-safe.
 */
public final class PayloadThresholdTable implements Policy {

    public static final String NAME = "table";

    /** Per type: Lambda below this payload (KB); null means no threshold (Lambda whenever no limit binds). */
    private final Map<WorkloadType, Double> thresholdsKb;

    public PayloadThresholdTable(Map<WorkloadType, Double> thresholdsKb) {
        Map<WorkloadType, Double> copy = new EnumMap<>(WorkloadType.class);
        copy.putAll(thresholdsKb);
        this.thresholdsKb = Collections.unmodifiableMap(copy);
    }

    /** Fits one threshold per workload type on {@code training} with the rule in the class comment. */
    public static PayloadThresholdTable fit(List<Simulation> training) {
        Map<WorkloadType, List<Simulation>> free = new EnumMap<>(WorkloadType.class);
        for (Simulation s : training) {
            if (JobRouter.limit(s.job()).isEmpty()) {
                free.computeIfAbsent(s.job().workload(), t -> new ArrayList<>()).add(s);
            }
        }
        Map<WorkloadType, Double> thresholds = new EnumMap<>(WorkloadType.class);
        free.forEach((type, jobs) -> thresholds.put(type, fitType(jobs)));
        return new PayloadThresholdTable(thresholds);
    }

    /**
     * Fitted on the jobs a simulator-trained model was trained on, regenerated from its metadata (job
     * count and seed, simulated at the bundled prices); for a model trained on measured outcomes, on as
     * many generated jobs with its seed, the simulator being the only source of both platforms' outcomes.
     */
    public static PayloadThresholdTable fitForModel(ModelMetadata metadata) {
        CostModel cost = new CostModel();
        long seed = metadata.seed();
        return fit(new JobGenerator().generate(Evaluator.trainingJobs(metadata), seed).stream()
                .map(j -> cost.simulate(j, seed)).toList());
    }

    private static Double fitType(List<Simulation> jobs) {
        jobs.sort(Comparator.comparingDouble(s -> s.job().payloadSizeKb()));
        int n = jobs.size();
        // the first k jobs (smallest payloads) go to Lambda, the rest to ECS
        double[] lambdaCost = new double[n + 1];
        int[] lambdaViol = new int[n + 1];
        for (int i = 0; i < n; i++) {
            RunOutcome o = RunOutcome.of(jobs.get(i), Platform.LAMBDA);
            lambdaCost[i + 1] = lambdaCost[i] + o.costUsd();
            lambdaViol[i + 1] = lambdaViol[i] + (o.sloMet() ? 0 : 1);
        }
        double[] ecsCost = new double[n + 1];
        int[] ecsViol = new int[n + 1];
        for (int i = n - 1; i >= 0; i--) {
            RunOutcome o = RunOutcome.of(jobs.get(i), Platform.ECS);
            ecsCost[i] = ecsCost[i + 1] + o.costUsd();
            ecsViol[i] = ecsViol[i + 1] + (o.sloMet() ? 0 : 1);
        }
        int allowed = lambdaViol[n];
        int best = n;
        double bestCost = lambdaCost[n];
        int bestViol = lambdaViol[n];
        for (int k = n - 1; k >= 0; k--) {
            if (k > 0 && jobs.get(k - 1).job().payloadSizeKb() == jobs.get(k).job().payloadSizeKb()) {
                continue; // no threshold separates equal payloads
            }
            double cost = lambdaCost[k] + ecsCost[k];
            int viol = lambdaViol[k] + ecsViol[k];
            if (viol <= allowed && (cost < bestCost || cost == bestCost && viol < bestViol)) {
                best = k;
                bestCost = cost;
                bestViol = viol;
            }
        }
        if (best == n) {
            return null;
        }
        if (best == 0) {
            return 0.0;
        }
        return (jobs.get(best - 1).job().payloadSizeKb() + jobs.get(best).job().payloadSizeKb()) / 2;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Platform choose(Job job) {
        if (JobRouter.limit(job).isPresent()) {
            return Platform.ECS;
        }
        Double threshold = thresholdsKb.get(job.workload());
        return threshold == null || job.payloadSizeKb() < threshold ? Platform.LAMBDA : Platform.ECS;
    }

    /** The thresholds by type wire name, every type listed; null: no threshold (Lambda unless a limit binds). */
    public Map<String, Double> thresholdsKb() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (WorkloadType t : WorkloadType.values()) {
            out.put(t.wireName(), thresholdsKb.get(t));
        }
        return out;
    }
}
