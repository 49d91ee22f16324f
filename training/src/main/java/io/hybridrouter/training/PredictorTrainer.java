package io.hybridrouter.training;

import io.hybridrouter.classifier.DurationBase;
import io.hybridrouter.classifier.FeatureExtractor;
import io.hybridrouter.classifier.ModelMetadata;
import io.hybridrouter.classifier.PlatformPredictor;
import io.hybridrouter.classifier.Residuals;
import io.hybridrouter.shared.Job;
import io.hybridrouter.training.data.OutcomeRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * Fits one platform's predictors (work and start-up) on its outcome records, recalibrates their
 * residual quantiles on records the trees never saw, and measures them on records used for neither.
 * Stateless and thread-safe.
 */
final class PredictorTrainer {

    static final String DURATION = "ln_duration_ms";
    static final String STARTUP = "startup_ms";

    /** What trained work trees predict relative to: the producer's estimate where a job carries one. */
    static final DurationBase BASE = DurationBase.EXPECTED_DURATION;

    private final FeatureExtractor features = new FeatureExtractor();

    /** A fitted predictor and how well each of its targets did on the test records. */
    record Fitted(PlatformPredictor predictor, ModelMetadata.TargetReport duration,
            ModelMetadata.TargetReport startup) {
    }

    /**
     * Fits the trees on {@code train}, recalibrates their residual quantiles on {@code calibration} (records
     * the trees never saw) and measures both on {@code test}. The work tree learns ln(work on one x86_64
     * vCPU): each run's ln(duration) less {@code lnScale} of it, less ln(the job's estimate) where it has one
     * ({@link #BASE}); it learns only from runs whose duration says what the work was ({@link #measuresWork}).
     */
    Fitted fit(List<OutcomeRecord> train, List<OutcomeRecord> calibration, List<OutcomeRecord> test, long seed,
            ToDoubleFunction<OutcomeRecord> lnScale) {
        ToDoubleFunction<OutcomeRecord> lnWork = r -> lnWork(r, lnScale);
        Target duration = target(work(train), work(calibration), DURATION, lnWork, seed, true);
        // a job's runs on several options share its start-up draw: one per job, or its spread looks narrower
        Target startup = target(onePerJob(train), onePerJob(calibration), STARTUP, OutcomeRecord::startupMs,
                seed + 1, false);
        PlatformPredictor predictor = new PlatformPredictor(duration.model, duration.residuals, startup.model,
                startup.residuals, BASE);
        return new Fitted(predictor,
                report(work(test), predictor, true, duration.leaves, lnScale),
                report(onePerJob(test), predictor, false, startup.leaves, lnScale));
    }

    private static List<OutcomeRecord> onePerJob(List<OutcomeRecord> rows) {
        Set<String> seen = new HashSet<>();
        return rows.stream().filter(r -> seen.add(r.job().jobId())).toList();
    }

    /** What a work tree learns from a run: ln(work on one x86_64 vCPU) less the {@link #BASE}. */
    private double lnWork(OutcomeRecord r, ToDoubleFunction<OutcomeRecord> lnScale) {
        return Math.log(Math.max(1, r.durationMs())) - lnScale.applyAsDouble(r) - BASE.of(features.values(r.job()));
    }

    /** ln(predicted work on one x86_64 vCPU) of a job by a work tree from {@link #workTree}: its output plus the base. */
    double workPoint(Model<Regressor> tree, Job job) {
        return PlatformPredictor.predict(tree, features.regressionExample(job)) + BASE.of(features.values(job));
    }

    /** The work tree alone (no residuals, relative to {@link #BASE}), for the alternating fit of the scaling. */
    Model<Regressor> workTree(List<OutcomeRecord> train, long seed, ToDoubleFunction<OutcomeRecord> lnScale) {
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> set = new MutableDataset<>(new SimpleDataSourceProvenance(DURATION, factory),
                factory);
        for (OutcomeRecord r : work(train)) {
            set.add(features.regressionExample(r.job(), DURATION, lnWork(r, lnScale)));
        }
        return Trainers.regressionTree(Trainers.TREE_MAX_DEPTH, Trainers.TREE_MIN_CHILD_WEIGHT, seed).train(set);
    }

    /**
     * Whether a run's duration is its work at its option: not a run Spot interrupted (its duration holds
     * the re-runs) and not one that used all its memory (slowed by paging, or killed).
     */
    static boolean measuresWork(OutcomeRecord r) {
        return r.interruptionCount() == 0 && !r.hitMemory();
    }

    private static List<OutcomeRecord> work(List<OutcomeRecord> rows) {
        return rows.stream().filter(PredictorTrainer::measuresWork).toList();
    }

    private record Target(Model<Regressor> model, Residuals residuals, int leaves) {
    }

    /**
     * A tree and its residual quantiles. Each leaf's residuals on the training rows give the shape of its
     * error distribution, but they are too narrow: the tree was fitted to those very rows. So the levels are
     * recalibrated on held-out rows (quantile recalibration, split-conformal style): each calibration row's
     * residual is placed in its leaf's training distribution (its probability integral transform, PIT), and
     * the quantile kept for level τ is the leaf's training quantile at the τ-quantile of those PITs. On
     * records like the calibration ones, a fraction τ then falls at or below the quantile for τ, within
     * sampling error, so the 90% band covers 90%. The work tree's leaves for jobs with an estimate are too
     * narrow by another amount than the others (their target is the estimate's error, not the job's
     * size), so the two kinds are recalibrated apart ({@link #kind}); a leaf is of the kind most of its
     * training rows are, and a kind with fewer than {@link #MIN_CALIBRATION_ROWS} held-out rows takes the
     * levels of all rows.
     */
    private Target target(List<OutcomeRecord> rows, List<OutcomeRecord> calibration, String name,
            ToDoubleFunction<OutcomeRecord> y, long seed, boolean byKind) {
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> set = new MutableDataset<>(new SimpleDataSourceProvenance(name, factory), factory);
        for (OutcomeRecord r : rows) {
            set.add(features.regressionExample(r.job(), name, y.applyAsDouble(r)));
        }
        Model<Regressor> model = Trainers.regressionTree(Trainers.TREE_MAX_DEPTH, Trainers.TREE_MIN_CHILD_WEIGHT, seed)
                .train(set);
        // training residuals per leaf, a leaf being known by its predicted value
        Map<Double, List<Double>> byLeaf = new TreeMap<>();
        Map<Double, int[]> kindsByLeaf = new HashMap<>();
        double[] all = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            OutcomeRecord r = rows.get(i);
            double predicted = PlatformPredictor.predict(model, features.regressionExample(r.job()));
            double residual = y.applyAsDouble(r) - predicted;
            all[i] = residual;
            byLeaf.computeIfAbsent(predicted, k -> new ArrayList<>()).add(residual);
            kindsByLeaf.computeIfAbsent(predicted, k -> new int[2])[byKind ? kind(r) : 0]++;
        }
        Arrays.sort(all);
        ToIntFunction<Double> leafKind = leaf -> {
            int[] k = kindsByLeaf.get(leaf);
            return k != null && k[1] > k[0] ? 1 : 0;
        };
        // a leaf with too few rows for a shape of its own takes that of all rows of its kind
        List<List<Double>> kindRows = List.of(new ArrayList<>(), new ArrayList<>());
        Map<Double, double[]> leaves = new TreeMap<>();
        for (Map.Entry<Double, List<Double>> e : byLeaf.entrySet()) {
            kindRows.get(leafKind.applyAsInt(e.getKey())).addAll(e.getValue());
            if (e.getValue().size() >= Trainers.TREE_MIN_CHILD_WEIGHT) {
                leaves.put(e.getKey(), e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray());
            }
        }
        if (byKind) {
            double[][] ofKind = kindRows.stream().map(l -> l.stream().mapToDouble(Double::doubleValue).sorted()
                    .toArray()).toArray(double[][]::new);
            for (Double leaf : byLeaf.keySet()) {
                double[] shape = ofKind[leafKind.applyAsInt(leaf)];
                if (!leaves.containsKey(leaf) && shape.length > 0) {
                    leaves.put(leaf, shape);
                }
            }
        }
        // each held-out row's PIT in its leaf's training distribution, and the kind of that leaf
        double[] pit = new double[calibration.size()];
        int[] rowKind = new int[calibration.size()];
        for (int i = 0; i < pit.length; i++) {
            OutcomeRecord r = calibration.get(i);
            double predicted = PlatformPredictor.predict(model, features.regressionExample(r.job()));
            pit[i] = levelOf(leaves.getOrDefault(predicted, all), y.applyAsDouble(r) - predicted);
            rowKind[i] = leafKind.applyAsInt(predicted);
        }
        double[] pooled = recalibratedLevels(pit);
        double[][] levels = {pooled, pooled};
        if (byKind) {
            for (int kind = 0; kind < 2; kind++) {
                int k = kind;
                double[] ofKind = IntStream.range(0, pit.length).filter(i -> rowKind[i] == k)
                        .mapToDouble(i -> pit[i]).toArray();
                if (ofKind.length >= MIN_CALIBRATION_ROWS) {
                    levels[kind] = recalibratedLevels(ofKind);
                }
            }
        }
        double[] keys = leaves.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        double[][] leafQuantiles = leaves.entrySet().stream()
                .map(e -> quantilesAt(e.getValue(), levels[leafKind.applyAsInt(e.getKey())]))
                .toArray(double[][]::new);
        Residuals residuals = new Residuals(keys, leafQuantiles, quantilesAt(all, pooled));
        return new Target(model, residuals, byLeaf.size());
    }

    /** Fewer held-out rows of a kind than this and that kind's levels are those of all rows. */
    static final int MIN_CALIBRATION_ROWS = 200;

    /** 1 for a record whose job carries an estimate its work tree predicts relative to, else 0. */
    private int kind(OutcomeRecord r) {
        return BASE.of(features.values(r.job())) != 0 ? 1 : 0;
    }

    /**
     * For each of the {@link Residuals#QUANTILES} levels, the level of the training residual distribution
     * that held-out rows (their PITs) fall at or below that often; the nominal levels when there are none.
     */
    private static double[] recalibratedLevels(double[] pit) {
        if (pit.length == 0) {
            double[] nominal = new double[Residuals.QUANTILES];
            Arrays.setAll(nominal, Residuals::level);
            return nominal;
        }
        double[] sorted = pit.clone();
        Arrays.sort(sorted);
        return Residuals.quantiles(sorted);
    }

    /** Where {@code x} falls in sorted values, from 0 to 1: the inverse of {@link #quantileAt}. */
    static double levelOf(double[] sorted, double x) {
        int n = sorted.length;
        if (n == 1 || x <= sorted[0]) {
            return n == 1 ? 0.5 : 0;
        }
        if (x >= sorted[n - 1]) {
            return 1;
        }
        // the last index whose value is <= x (ties at the bottom of the range count as covered)
        int lo = 0;
        int hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double span = sorted[hi] - sorted[lo];
        double f = span <= 0 ? 0 : (x - sorted[lo]) / span;
        return (lo + f) / (n - 1);
    }

    /** The quantile of sorted values at level {@code p} (0 to 1), interpolating linearly as {@link Residuals#quantiles} does. */
    static double quantileAt(double[] sorted, double p) {
        double pos = Math.max(0, Math.min(1, p)) * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double[] quantilesAt(double[] sorted, double[] levels) {
        double[] q = new double[levels.length];
        for (int i = 0; i < levels.length; i++) {
            q[i] = quantileAt(sorted, levels[i]);
        }
        return q;
    }

    private ModelMetadata.TargetReport report(List<OutcomeRecord> test, PlatformPredictor p, boolean duration,
            int leaves, ToDoubleFunction<OutcomeRecord> lnScale) {
        double absError = 0;
        int covered = 0;
        int below = 0;
        for (OutcomeRecord r : test) {
            double[] ex = features.values(r.job());
            double[] q = duration ? p.durationQuantilesMs(ex) : p.startupQuantilesMs(ex);
            if (duration) {
                double k = Math.exp(lnScale.applyAsDouble(r));
                for (int i = 0; i < q.length; i++) {
                    q[i] *= k;
                }
            }
            double actual = duration ? Math.max(1, r.durationMs()) : r.startupMs();
            double median = q[Residuals.QUANTILES / 2];
            absError += Math.abs(actual - median);
            if (actual >= q[0] && actual <= q[q.length - 1]) {
                covered++;
            }
            if (actual <= median) {
                below++;
            }
        }
        int n = Math.max(1, test.size());
        return new ModelMetadata.TargetReport(test.size(), leaves, round(absError / n, 1), round(covered / (double) n,
                4), round(below / (double) n, 4));
    }

    static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
