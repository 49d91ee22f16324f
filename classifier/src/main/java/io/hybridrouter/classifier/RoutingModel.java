package io.hybridrouter.classifier;

import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.RoutingDecision.Scores;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;

import java.util.Map;
import java.util.Objects;

/**
 * A trained model with its metadata, ready to score jobs. Thread-safe: Tribuo's tree and ensemble
 * models are immutable after training and their {@code predict} keeps no shared state.
 */
public final class RoutingModel {

    private final Model<Label> model;
    private final ModelMetadata metadata;
    private final FeatureExtractor features = new FeatureExtractor();

    public RoutingModel(Model<Label> model, ModelMetadata metadata) {
        this.model = Objects.requireNonNull(model, "model");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public String version() {
        return metadata.modelVersion();
    }

    public Model<Label> tribuoModel() {
        return model;
    }

    /** The model's platform and per-platform scores for a job. */
    public Score score(Job job) {
        Prediction<Label> prediction;
        try {
            prediction = model.predict(features.example(job));
        } catch (IllegalArgumentException e) {
            // Tribuo rejects an example none of whose features the model knows; FeatureSchema makes
            // that impossible for a model whose columns were checked at load time.
            throw new IllegalStateException("model " + version() + " cannot score job " + job.jobId() + ": "
                    + e.getMessage(), e);
        }
        Map<String, Label> scores = prediction.getOutputScores();
        double lambda = scoreOf(scores, Platform.LAMBDA);
        double ecs = scoreOf(scores, Platform.ECS);
        double total = lambda + ecs;
        if (total > 0) {
            lambda /= total;
            ecs /= total;
        }
        Platform platform = Platform.fromWire(prediction.getOutput().getLabel()).orElseThrow(
                () -> new IllegalStateException("model " + version() + " predicted an unknown label \""
                        + prediction.getOutput().getLabel() + "\""));
        return new Score(platform, new Scores(lambda, ecs));
    }

    private static double scoreOf(Map<String, Label> scores, Platform p) {
        Label l = scores.get(p.wireName());
        return l == null || Double.isNaN(l.getScore()) ? 0 : l.getScore();
    }

    /**
     * What the model alone says.
     *
     * @param platform the predicted platform
     * @param scores   per-platform scores, summing to 1
     */
    public record Score(Platform platform, Scores scores) {

        public double confidence() {
            return scores.of(platform);
        }
    }
}
