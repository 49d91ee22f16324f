package io.hybridrouter.classifier;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Map;

/**
 * {@code model_metadata.json}: what a model is, how it was made and how well it did.
 *
 * @param modelVersion   {@code <trainer>-<data hash prefix>-s<seed>}: the same data and seed give the same version
 * @param trainedAt      ISO-8601 instant
 * @param tribuoVersion  the Tribuo release that trained it
 * @param trainer        the trainer's short name ({@code cart-regression})
 * @param trainerConfiguration the trainer's full configuration
 * @param seed           the training seed
 * @param dataHash       SHA-256 of the training records
 * @param dataRows       outcome records read (both platforms together)
 * @param trainedOn      {@code simulator} or {@code outcomes}
 * @param platforms      per platform: records, whether it was trained or is the prior, and its error
 * @param decisions      the router's decisions on held-out jobs whose outcome on both platforms is known
 * @param calibration    how confidence was calibrated, and on how many jobs
 * @param options        what was learned across options: per workload type the vCPU scaling, the arm64
 *                       factor and the memory need; the Spot interruption rate ({@link OptionScaling}).
 *                       A model file without it is refused on load (retrain it)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"model_version", "trained_at", "tribuo_version", "trainer", "trainer_configuration", "seed",
    "data_hash", "data_rows", "trained_on", "platforms", "decisions", "calibration", "options"})
public record ModelMetadata(
        @JsonProperty("model_version") String modelVersion,
        @JsonProperty("trained_at") String trainedAt,
        @JsonProperty("tribuo_version") String tribuoVersion,
        @JsonProperty("trainer") String trainer,
        @JsonProperty("trainer_configuration") String trainerConfiguration,
        @JsonProperty("seed") long seed,
        @JsonProperty("data_hash") String dataHash,
        @JsonProperty("data_rows") int dataRows,
        @JsonProperty("trained_on") String trainedOn,
        @JsonProperty("platforms") Map<String, PlatformReport> platforms,
        @JsonProperty("decisions") DecisionReport decisions,
        @JsonProperty("calibration") CalibrationReport calibration,
        @JsonProperty("options") OptionScaling options) {

    /** Metadata without option scaling (a model from before options, or one built in code). */
    public ModelMetadata(String modelVersion, String trainedAt, String tribuoVersion, String trainer,
            String trainerConfiguration, long seed, String dataHash, int dataRows, String trainedOn,
            Map<String, PlatformReport> platforms, DecisionReport decisions, CalibrationReport calibration) {
        this(modelVersion, trainedAt, tribuoVersion, trainer, trainerConfiguration, seed, dataHash, dataRows,
                trainedOn, platforms, decisions, calibration, null);
    }

    /** The same metadata with {@code scaling}. */
    public ModelMetadata withOptions(OptionScaling scaling) {
        return new ModelMetadata(modelVersion, trainedAt, tribuoVersion, trainer, trainerConfiguration, seed,
                dataHash, dataRows, trainedOn, platforms, decisions, calibration, scaling);
    }

    public static final String SIMULATOR = "simulator";
    public static final String OUTCOMES = "outcomes";

    /**
     * One platform's predictors.
     *
     * @param outcomes records of this platform in the training data
     * @param source   {@code trained}, or {@code prior} when there were too few records and the bundled
     *                 simulator-trained predictors were kept
     * @param note     why, when {@code prior}
     * @param duration the work predictor's error on held-out records
     * @param startup  the start-up predictor's error on held-out records
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"outcomes", "source", "note", "duration", "startup"})
    public record PlatformReport(
            @JsonProperty("outcomes") int outcomes,
            @JsonProperty("source") String source,
            @JsonProperty("note") String note,
            @JsonProperty("duration") TargetReport duration,
            @JsonProperty("startup") TargetReport startup) {
    }

    /**
     * One predictor's error on held-out records.
     *
     * @param testRows   held-out records
     * @param leaves     leaves of the tree
     * @param maeMs      mean absolute error of the median prediction, ms
     * @param coverage90 share of held-out values within the predicted 5–95 % interval (nominal 0.90)
     * @param belowP50   share of held-out values at or below the predicted median (nominal 0.50)
     */
    @JsonPropertyOrder({"test_rows", "leaves", "mae_ms", "coverage_90", "below_p50"})
    public record TargetReport(
            @JsonProperty("test_rows") int testRows,
            @JsonProperty("leaves") int leaves,
            @JsonProperty("mae_ms") double maeMs,
            @JsonProperty("coverage_90") double coverage90,
            @JsonProperty("below_p50") double belowP50) {
    }

    /**
     * The router's decisions (default prices, no exploration) on held-out jobs.
     *
     * @param jobs             held-out jobs with outcomes on both platforms
     * @param accuracyVsOracle share that picked the oracle's platform
     * @param regret           cost over the oracle's, as a fraction
     * @param sloViolations    decisions whose platform missed the objective
     */
    @JsonPropertyOrder({"jobs", "accuracy_vs_oracle", "regret", "slo_violations"})
    public record DecisionReport(
            @JsonProperty("jobs") int jobs,
            @JsonProperty("accuracy_vs_oracle") double accuracyVsOracle,
            @JsonProperty("regret") double regret,
            @JsonProperty("slo_violations") int sloViolations) {
    }

    /**
     * How confidence was calibrated.
     *
     * @param method what was fitted
     * @param jobs   held-out jobs it was fitted on (0: the prior's calibration was kept)
     * @param brier  Brier score of the calibrated confidence on those jobs
     */
    @JsonPropertyOrder({"method", "jobs", "brier"})
    public record CalibrationReport(
            @JsonProperty("method") String method,
            @JsonProperty("jobs") int jobs,
            @JsonProperty("brier") double brier) {
    }
}
