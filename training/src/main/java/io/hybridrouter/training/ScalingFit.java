package io.hybridrouter.training;

import io.hybridrouter.classifier.OptionScaling;
import io.hybridrouter.shared.WorkloadType;
import io.hybridrouter.shared.cost.Sizing;
import io.hybridrouter.shared.option.Arch;
import io.hybridrouter.training.data.OutcomeRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Learns from outcomes on different options what holds across them, per workload type: how run time
 * scales with vCPUs and on arm64, and the peak memory need; and the Fargate Spot interruption rate.
 * Stateless and thread-safe.
 *
 * <ul>
 *   <li>Scaling: given the work tree's prediction {@code mu} (ln work on one x86_64 vCPU), each run's
 *       residual {@code ln(duration) − mu} is fitted by least squares to {@code c + ln(u + (1 − u) ×
 *       amdahl(s, vCPUs)) + [arm64] ln(a)}: the unscaled share {@code u} (I/O) on a grid of 0.05 and the
 *       serial share {@code s} on one of 0.02, the type's offset {@code c} (which the next tree fit absorbs)
 *       and the arm64 factor {@code a} in closed form. The trainer alternates this with
 *       the tree fit.</li>
 *   <li>Memory need: the {@link OptionScaling#MEMORY_LEVEL} quantile (and the median) of peak memory / the
 *       job's sizing memory ({@link Sizing#lambdaMemoryMb}), by Kaplan–Meier: a run that used all its memory
 *       is right-censored (its need is at least that).</li>
 *   <li>Spot: interruptions / Spot task-hours, with a prior rate worth a number of task-hours.</li>
 * </ul>
 */
final class ScalingFit {

    /** Fewer runs of a type than this and its scaling stays neutral. */
    static final int MIN_RUNS = 30;
    private static final int GRID = 50;
    private static final int UNSCALED_GRID = 20;

    private ScalingFit() {
    }

    /**
     * The scaling per type, fitted on {@code runs} (those that measure work, see
     * {@link PredictorTrainer#measuresWork}) against {@code mu}; memory and Spot from all {@code records}.
     */
    static OptionScaling fit(List<OutcomeRecord> runs, ToDoubleFunction<OutcomeRecord> mu, List<OutcomeRecord> records,
            double spotPriorPerHour, double spotPriorTaskHours) {
        Map<WorkloadType, List<double[]>> byType = new EnumMap<>(WorkloadType.class);
        for (OutcomeRecord r : runs) {
            if (!r.ok() || !(r.durationMs() > 0) || !(r.vcpu() > 0)) {
                continue;
            }
            double residual = Math.log(r.durationMs()) - mu.applyAsDouble(r);
            byType.computeIfAbsent(r.job().workload(), k -> new ArrayList<>())
                    .add(new double[] {residual, r.vcpu(), r.archOrDefault() == Arch.ARM64 ? 1 : 0});
        }
        Map<WorkloadType, List<double[]>> memory = new EnumMap<>(WorkloadType.class);
        int interruptions = 0;
        double spotHours = 0;
        for (OutcomeRecord r : records) {
            if (r.maxMemoryUsedMb() != null && r.maxMemoryUsedMb() > 0) {
                memory.computeIfAbsent(r.job().workload(), k -> new ArrayList<>()).add(new double[] {
                    r.maxMemoryUsedMb() / Sizing.lambdaMemoryMb(r.job()), r.hitMemory() ? 1 : 0});
            }
            if (r.spot()) {
                int k = r.interruptionCount();
                interruptions += k;
                // after two interruptions the last attempt ran on-demand: about a third of the time recorded
                spotHours += r.latencyMs() / 3_600_000.0 * (k >= 2 ? 2.0 / 3 : 1);
            }
        }
        Map<String, OptionScaling.Workload> workloads = new TreeMap<>();
        for (WorkloadType t : WorkloadType.values()) {
            List<double[]> rows = byType.getOrDefault(t, List.of());
            List<double[]> mem = memory.getOrDefault(t, List.of());
            OptionScaling.Workload neutral = OptionScaling.Workload.neutral();
            double unscaled = neutral.unscaledShare();
            double serial = neutral.serialShare();
            double arm = neutral.armTimeFactor();
            int armRuns = (int) rows.stream().filter(x -> x[2] == 1).count();
            if (rows.size() >= MIN_RUNS) {
                double[] f = scaling(rows);
                unscaled = f[0];
                serial = f[1];
                arm = armRuns >= MIN_RUNS / 3 ? Math.exp(f[2]) : 1;
            }
            double share = neutral.memoryNeedShare();
            double median = neutral.memoryNeedP50();
            if (mem.size() >= MIN_RUNS) {
                share = kaplanMeierQuantile(mem, OptionScaling.MEMORY_LEVEL);
                median = kaplanMeierQuantile(mem, 0.5);
            }
            workloads.put(t.wireName(), new OptionScaling.Workload(round(unscaled), round(serial), round(arm), round(share),
                    round(median), rows.size(), armRuns, mem.size()));
        }
        return new OptionScaling(workloads, OptionScaling.Spot.learned(spotPriorPerHour, spotPriorTaskHours,
                interruptions, round(spotHours)));
    }

    /** {unscaled share, serial share, ln arm64 factor} minimising the squared error, the type's offset free. */
    static double[] scaling(List<double[]> rows) {
        double bestSse = Double.POSITIVE_INFINITY;
        double[] best = {0, OptionScaling.NEUTRAL_SERIAL_SHARE, 0};
        double[] lnK = new double[rows.size()];
        for (int gu = 0; gu < UNSCALED_GRID; gu++) {
            double u = gu / (double) UNSCALED_GRID;
            for (int g = 0; g <= GRID; g++) {
                double s = g / (double) GRID;
                double sumX = 0;
                double sumA = 0;
                int nX = 0;
                int nA = 0;
                for (int i = 0; i < lnK.length; i++) {
                    double[] r = rows.get(i);
                    lnK[i] = Math.log(OptionScaling.scale(u, s, 1, r[1]));
                    double e = r[0] - lnK[i];
                    if (r[2] == 1) {
                        sumA += e;
                        nA++;
                    } else {
                        sumX += e;
                        nX++;
                    }
                }
                double c = nX > 0 ? sumX / nX : sumA / nA;
                double la = nA > 0 && nX > 0 ? sumA / nA - c : 0;
                double sse = 0;
                for (int i = 0; i < lnK.length; i++) {
                    double[] r = rows.get(i);
                    double e = r[0] - lnK[i] - c - (r[2] == 1 ? la : 0);
                    sse += e * e;
                }
                if (sse < bestSse) {
                    bestSse = sse;
                    best = new double[] {u, s, la};
                }
            }
        }
        return best;
    }

    /**
     * The {@code level} quantile of right-censored values ({value, 1 if censored}) by the Kaplan–Meier
     * estimator; the largest value seen when censoring leaves the estimate short of the level.
     */
    static double kaplanMeierQuantile(List<double[]> values, double level) {
        double[][] v = values.toArray(new double[0][]);
        // events before censorings at the same value, as the estimator has it
        Arrays.sort(v, (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        double survival = 1;
        int atRisk = v.length;
        for (double[] x : v) {
            if (x[1] == 0) {
                survival *= 1 - 1.0 / atRisk;
                if (1 - survival >= level) {
                    return x[0];
                }
            }
            atRisk--;
        }
        return v[v.length - 1][0];
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
