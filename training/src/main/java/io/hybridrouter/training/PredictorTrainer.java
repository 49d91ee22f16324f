package io.hybridrouter.training;

import io.hybridrouter.classifier.FeatureExtractor;
import io.hybridrouter.classifier.ModelMetadata;
import io.hybridrouter.classifier.PlatformPredictor;
import io.hybridrouter.classifier.Residuals;
import io.hybridrouter.training.data.OutcomeRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * Fits one platform's predictors (work and start-up) on its outcome records and measures them on
 * held-out ones. Stateless and thread-safe.
 */
final class PredictorTrainer {

    static final String DURATION = "ln_duration_ms";
    static final String STARTUP = "startup_ms";

    private final FeatureExtractor features = new FeatureExtractor();

    /** A fitted predictor and how well each of its targets did on the test records. */
    record Fitted(PlatformPredictor predictor, ModelMetadata.TargetReport duration,
            ModelMetadata.TargetReport startup) {
    }

    Fitted fit(List<OutcomeRecord> train, List<OutcomeRecord> test, long seed) {
        Target duration = target(train, DURATION, r -> Math.log(Math.max(1, r.durationMs())), seed);
        Target startup = target(train, STARTUP, OutcomeRecord::startupMs, seed + 1);
        PlatformPredictor predictor = new PlatformPredictor(duration.model, duration.residuals, startup.model,
                startup.residuals);
        return new Fitted(predictor,
                report(test, predictor, true, duration.leaves),
                report(test, predictor, false, startup.leaves));
    }

    private record Target(Model<Regressor> model, Residuals residuals, int leaves) {
    }

    private Target target(List<OutcomeRecord> rows, String name, ToDoubleFunction<OutcomeRecord> y, long seed) {
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> set = new MutableDataset<>(new SimpleDataSourceProvenance(name, factory), factory);
        for (OutcomeRecord r : rows) {
            set.add(features.regressionExample(r.job(), name, y.applyAsDouble(r)));
        }
        Model<Regressor> model = Trainers.regressionTree(Trainers.TREE_MAX_DEPTH, Trainers.TREE_MIN_CHILD_WEIGHT, seed)
                .train(set);
        // residuals per leaf, a leaf being known by its predicted value
        Map<Double, List<Double>> byLeaf = new TreeMap<>();
        double[] all = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            OutcomeRecord r = rows.get(i);
            double predicted = PlatformPredictor.predict(model, features.regressionExample(r.job()));
            double residual = y.applyAsDouble(r) - predicted;
            all[i] = residual;
            byLeaf.computeIfAbsent(predicted, k -> new ArrayList<>()).add(residual);
        }
        Arrays.sort(all);
        List<double[]> leafKeys = new ArrayList<>();
        List<double[]> leafQuantiles = new ArrayList<>();
        for (Map.Entry<Double, List<Double>> e : byLeaf.entrySet()) {
            if (e.getValue().size() >= Trainers.TREE_MIN_CHILD_WEIGHT) {
                double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
                leafKeys.add(new double[] {e.getKey()});
                leafQuantiles.add(Residuals.quantiles(v));
            }
        }
        double[] keys = leafKeys.stream().mapToDouble(k -> k[0]).toArray();
        Residuals residuals = new Residuals(keys, leafQuantiles.toArray(new double[0][]), Residuals.quantiles(all));
        return new Target(model, residuals, byLeaf.size());
    }

    private ModelMetadata.TargetReport report(List<OutcomeRecord> test, PlatformPredictor p, boolean duration,
            int leaves) {
        double absError = 0;
        int covered = 0;
        int below = 0;
        for (OutcomeRecord r : test) {
            double[] ex = features.values(r.job());
            double[] q = duration ? p.durationQuantilesMs(ex) : p.startupQuantilesMs(ex);
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
