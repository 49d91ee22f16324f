package io.hybridrouter.shared;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param job          the job as validated; without its {@code payload} when {@code jobRef} is set
 * @param jobRef       where the whole job is kept ({@code s3://bucket/key}) when it is too large to
 *                     travel in events or container overrides (the claim check); null otherwise
 * @param ecsJob       for {@code ecs} decisions only: what the ECS target puts in the container's
 *                     {@code ROUTER_JOB} variable, the job's JSON or its {@code jobRef}; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"job_id", "platform", "confidence", "scores", "reason", "model_version", "decided_at", "job",
    "job_ref", "ecs_job"})
public record RoutingDecision(
        @JsonProperty("job_id") String jobId,
        @JsonProperty("platform") Platform platform,
        @JsonProperty("confidence") double confidence,
        @JsonProperty("scores") Scores scores,
        @JsonProperty("reason") DecisionReason reason,
        @JsonProperty("model_version") String modelVersion,
        @JsonProperty("decided_at") String decidedAt,
        @JsonProperty("job") Job job,
        @JsonProperty("job_ref") String jobRef,
        @JsonProperty("ecs_job") String ecsJob) {

    public RoutingDecision {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(job, "job");
    }

    /** A decision before dispatch: the job inline, nothing prepared for ECS yet. */
    public RoutingDecision(String jobId, Platform platform, double confidence, Scores scores, DecisionReason reason,
            String modelVersion, String decidedAt, Job job) {
        this(jobId, platform, confidence, scores, reason, modelVersion, decidedAt, job, null, null);
    }

    /** The same decision with its dispatch fields set (see {@code jobRef} and {@code ecsJob}). */
    public RoutingDecision withDispatch(Job job, String jobRef, String ecsJob) {
        return new RoutingDecision(jobId, platform, confidence, scores, reason, modelVersion, decidedAt, job, jobRef,
                ecsJob);
    }

    /** The model's score for each platform; each 0–1, summing to 1. */
    @JsonPropertyOrder({"lambda", "ecs"})
    public record Scores(@JsonProperty("lambda") double lambda, @JsonProperty("ecs") double ecs) {

        public double of(Platform platform) {
            return platform == Platform.LAMBDA ? lambda : ecs;
        }
    }
}
