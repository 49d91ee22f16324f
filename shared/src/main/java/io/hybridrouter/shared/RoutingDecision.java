package io.hybridrouter.shared;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Objects;

/**
 * Where one job goes and why: the {@code detail} of a {@code RoutingDecision} event and the answer
 * of {@code router classify}. Immutable and thread-safe.
 *
 * @param jobId        the job's id
 * @param platform     where it runs
 * @param confidence   the model's score for its predicted class, 0–1 (1 for limit overrides)
 * @param scores       the model's per-platform scores
 * @param reason       model, fallback or limit
 * @param modelVersion the version of the model that scored the job
 * @param decidedAt    ISO-8601 UTC instant
 * @param job          the job as validated
 */
@JsonPropertyOrder({"job_id", "platform", "confidence", "scores", "reason", "model_version", "decided_at", "job"})
public record RoutingDecision(
        @JsonProperty("job_id") String jobId,
        @JsonProperty("platform") Platform platform,
        @JsonProperty("confidence") double confidence,
        @JsonProperty("scores") Scores scores,
        @JsonProperty("reason") DecisionReason reason,
        @JsonProperty("model_version") String modelVersion,
        @JsonProperty("decided_at") String decidedAt,
        @JsonProperty("job") Job job) {

    public RoutingDecision {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(job, "job");
    }

    /** The model's score for each platform; each 0–1, summing to 1. */
    @JsonPropertyOrder({"lambda", "ecs"})
    public record Scores(@JsonProperty("lambda") double lambda, @JsonProperty("ecs") double ecs) {

        public double of(Platform platform) {
            return platform == Platform.LAMBDA ? lambda : ecs;
        }
    }
}
