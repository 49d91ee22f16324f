package io.hybridrouter.training;

import io.hybridrouter.classifier.FeatureExtractor;
import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.classifier.ModelMetadata;
import io.hybridrouter.classifier.RoutingModel;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.training.sim.Simulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Tribuo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains the routing model: splits the labelled jobs 70/15/15 (train/validation/test, shuffled by
 * the seed), trains a CART tree and a random forest on the training split, keeps the one with the
 * better validation accuracy (the tree when they are within {@link #TIE}, being 10× smaller and
 * faster), and measures it on the test split. The same data and seed give the same model and metrics.
 */
public final class Trainer {

    /** Validation accuracies closer than this count as a tie. */
    public static final double TIE = 0.002;
    private static final int TOP_FEATURES = 8;

    private final FeatureExtractor features = new FeatureExtractor();
    private final Clock clock;
    private final Consumer<String> progress;

    public Trainer(Clock clock, Consumer<String> progress) {
        this.clock = clock;
        this.progress = progress;
    }

    /** The trained model and everything its metadata says. */
    public RoutingModel train(List<Simulation> data, long seed) {
        if (data.size() < 100) {
            throw new IllegalArgumentException("need at least 100 labelled jobs to train, got " + data.size());
        }
        List<Simulation> shuffled = new ArrayList<>(data);
        Collections.shuffle(shuffled, new Random(seed));
        int trainEnd = (int) (shuffled.size() * 0.70);
        int validationEnd = (int) (shuffled.size() * 0.85);
        List<Simulation> train = shuffled.subList(0, trainEnd);
        List<Simulation> validation = shuffled.subList(trainEnd, validationEnd);
        List<Simulation> test = shuffled.subList(validationEnd, shuffled.size());
        MutableDataset<Label> trainSet = dataset(train, "train");
        for (Platform p : Platform.values()) {
            if (train.stream().noneMatch(s -> s.label() == p)) {
                throw new IllegalArgumentException("the training data has no job labelled " + p
                        + "; a router needs examples of both platforms");
            }
        }

        Map<String, org.tribuo.Trainer<Label>> trainers = new LinkedHashMap<>();
        trainers.put("cart", Trainers.cart(Trainers.CART_MAX_DEPTH, seed));
        trainers.put("random-forest", Trainers.randomForest(Trainers.FOREST_TREES, Trainers.FOREST_MAX_DEPTH,
                Trainers.FOREST_FEATURE_FRACTION, seed));

        List<ModelMetadata.Candidate> candidates = new ArrayList<>();
        Map<String, Model<Label>> models = new LinkedHashMap<>();
        for (Map.Entry<String, org.tribuo.Trainer<Label>> e : trainers.entrySet()) {
            progress.accept("training " + e.getKey() + " on " + train.size() + " jobs");
            long start = System.nanoTime();
            Model<Label> model = e.getValue().train(trainSet);
            long millis = (System.nanoTime() - start) / 1_000_000;
            double val = accuracy(model, validation);
            double tst = accuracy(model, test);
            progress.accept(String.format(Locale.ROOT, "%s: validation accuracy %.4f, test accuracy %.4f (%d ms)",
                    e.getKey(), val, tst, millis));
            candidates.add(new ModelMetadata.Candidate(e.getKey(), e.getValue().toString(), val, tst,
                    size(model), millis));
            models.put(e.getKey(), model);
        }
        ModelMetadata.Candidate best = candidates.get(0);
        for (ModelMetadata.Candidate c : candidates) {
            if (c.validationAccuracy() > best.validationAccuracy() + TIE) {
                best = c;
            }
        }
        Model<Label> chosen = models.get(best.name());
        String hash = dataHash(data);
        Map<String, Integer> balance = new LinkedHashMap<>();
        for (Platform p : Platform.values()) {
            balance.put(p.wireName(), (int) data.stream().filter(s -> s.label() == p).count());
        }
        ModelMetadata metadata = new ModelMetadata(
                best.name() + "-" + hash.substring(0, 8) + "-s" + seed,
                Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString(),
                Tribuo.VERSION,
                best.name(),
                best.configuration(),
                seed,
                hash,
                data.size(),
                balance,
                best.testAccuracy(),
                candidates,
                confusion(chosen, test),
                topFeatures(chosen));
        return new RoutingModel(chosen, metadata);
    }

    private MutableDataset<Label> dataset(List<Simulation> rows, String name) {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> set = new MutableDataset<>(new SimpleDataSourceProvenance(name, factory), factory);
        for (Simulation s : rows) {
            set.add(features.labelled(s.job(), s.label()));
        }
        return set;
    }

    private double accuracy(Model<Label> model, List<Simulation> rows) {
        int correct = 0;
        for (Simulation s : rows) {
            if (predict(model, s).equals(s.label().wireName())) {
                correct++;
            }
        }
        return rows.isEmpty() ? 0 : correct / (double) rows.size();
    }

    private String predict(Model<Label> model, Simulation s) {
        Example<Label> example = features.example(s.job());
        Prediction<Label> prediction = model.predict(example);
        return prediction.getOutput().getLabel();
    }

    private Map<String, Map<String, Integer>> confusion(Model<Label> model, List<Simulation> rows) {
        Map<String, Map<String, Integer>> matrix = new LinkedHashMap<>();
        for (Platform actual : Platform.values()) {
            Map<String, Integer> row = new LinkedHashMap<>();
            for (Platform predicted : Platform.values()) {
                row.put(predicted.wireName(), 0);
            }
            matrix.put(actual.wireName(), row);
        }
        for (Simulation s : rows) {
            matrix.get(s.label().wireName()).merge(predict(model, s), 1, Integer::sum);
        }
        return matrix;
    }

    private static List<String> topFeatures(Model<Label> model) {
        List<String> names = new ArrayList<>();
        model.getTopFeatures(TOP_FEATURES).getOrDefault(Model.ALL_OUTPUTS, List.of())
                .forEach(pair -> names.add(pair.getA()));
        return names;
    }

    private static long size(Model<Label> model) {
        try {
            return ModelArtefacts.serialise(model).length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 over each row's features and label, in data order. */
    static String dataHash(List<Simulation> data) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            FeatureExtractor fx = new FeatureExtractor();
            for (Simulation s : data) {
                StringBuilder sb = new StringBuilder(s.job().jobId());
                for (double v : fx.values(s.job())) {
                    sb.append(',').append(v);
                }
                sb.append(',').append(s.label().wireName()).append('\n');
                digest.update(sb.toString().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
