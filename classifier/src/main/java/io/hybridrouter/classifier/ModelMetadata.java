package io.hybridrouter.classifier;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * {@code model_metadata.json}: what a model is, how it was made and how well it did.
 *
 * @param modelVersion   {@code <trainer>-<data hash prefix>-s<seed>}: the same data and seed give the same version
 * @param trainedAt      ISO-8601 instant
 * @param tribuoVersion  the Tribuo release that trained it
 * @param trainer        the chosen trainer's short name ({@code cart} or {@code random-forest})
 * @param trainerConfiguration the chosen trainer's full configuration
 * @param seed           the training seed
 * @param dataHash       SHA-256 of the training rows
 * @param dataRows       rows in the data set (train + validation + test)
 * @param classBalance   rows per label in the whole data set
 * @param testAccuracy   accuracy on the held-out test split
 * @param candidates     every trainer compared, with its validation accuracy and test accuracy
 * @param confusionMatrix test split: actual label → predicted label → count
 * @param topFeatures    the most used features of the chosen model, most important first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"model_version", "trained_at", "tribuo_version", "trainer", "trainer_configuration", "seed",
    "data_hash", "data_rows", "class_balance", "test_accuracy", "candidates", "confusion_matrix", "top_features"})
public record ModelMetadata(
        @JsonProperty("model_version") String modelVersion,
        @JsonProperty("trained_at") String trainedAt,
        @JsonProperty("tribuo_version") String tribuoVersion,
        @JsonProperty("trainer") String trainer,
        @JsonProperty("trainer_configuration") String trainerConfiguration,
        @JsonProperty("seed") long seed,
        @JsonProperty("data_hash") String dataHash,
        @JsonProperty("data_rows") int dataRows,
        @JsonProperty("class_balance") Map<String, Integer> classBalance,
        @JsonProperty("test_accuracy") double testAccuracy,
        @JsonProperty("candidates") List<Candidate> candidates,
        @JsonProperty("confusion_matrix") Map<String, Map<String, Integer>> confusionMatrix,
        @JsonProperty("top_features") List<String> topFeatures) {

    /**
     * One trainer that was compared.
     *
     * @param name               short name
     * @param configuration      full configuration
     * @param validationAccuracy accuracy on the validation split (what the choice is made on)
     * @param testAccuracy       accuracy on the test split
     * @param modelBytes         size of the serialised model (gzipped protobuf)
     * @param trainMillis        training time
     */
    @JsonPropertyOrder({"name", "configuration", "validation_accuracy", "test_accuracy", "model_bytes", "train_ms"})
    public record Candidate(
            @JsonProperty("name") String name,
            @JsonProperty("configuration") String configuration,
            @JsonProperty("validation_accuracy") double validationAccuracy,
            @JsonProperty("test_accuracy") double testAccuracy,
            @JsonProperty("model_bytes") long modelBytes,
            @JsonProperty("train_ms") long trainMillis) {
    }
}
