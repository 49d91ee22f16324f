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
 * @param confidence   the calibrated probability that {@code platform} is the cheaper platform that meets
 *                     the job's latency objective, 0–1 (1 when a hard limit leaves only one platform)
 * @param scores       the same probability for each platform (summing to 1)
 * @param reason       model, explore, fallback, slo:best-effort or limit
 * @param modelVersion the version of the model that scored the job
 * @param decidedAt    ISO-8601 UTC instant
 * @param job          the job as validated; without its {@code payload} when {@code jobRef} is set
 * @param jobRef       where the whole job is kept ({@code s3://bucket/key}) when it is too large to
 *                     travel in events or container overrides (the claim check); null otherwise
 * @param ecsJob       for {@code ecs} decisions only: what the ECS target puts in the container's
 *                     {@code ROUTER_JOB} variable, the job's JSON or its {@code jobRef}; null otherwise
 * @param estimates    per platform that passes the hard limits: expected cost at the prices in force,
 *                     predicted latency (p50, p95) and the probability of meeting the objective; null
 *                     when not computed
 * @param propensity   the probability that this router sends this job to {@code platform} (below 1 only
 *                     where exploration could have sent it elsewhere), for off-policy evaluation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"job_id", "platform", "confidence", "scores", "estimates", "propensity", "reason",
    "model_version", "decided_at", "job", "job_ref", "ecs_job"})
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
        @JsonProperty("ecs_job") String ecsJob,
        @JsonProperty("estimates") Estimates estimates,
        @JsonProperty("propensity") Double propensity) {

    public RoutingDecision {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(job, "job");
    }

    /** A decision before dispatch: the job inline, nothing prepared for ECS yet, no estimates. */
    public RoutingDecision(String jobId, Platform platform, double confidence, Scores scores, DecisionReason reason,
            String modelVersion, String decidedAt, Job job) {
        this(jobId, platform, confidence, scores, reason, modelVersion, decidedAt, job, null, null, null, null);
    }

    /** A decision before dispatch, with its estimates and propensity. */
    public RoutingDecision(String jobId, Platform platform, double confidence, Scores scores, DecisionReason reason,
            String modelVersion, String decidedAt, Job job, Estimates estimates, double propensity) {
        this(jobId, platform, confidence, scores, reason, modelVersion, decidedAt, job, null, null, estimates,
                propensity);
    }

    /** The same decision with its dispatch fields set (see {@code jobRef} and {@code ecsJob}). */
    public RoutingDecision withDispatch(Job job, String jobRef, String ecsJob) {
        return new RoutingDecision(jobId, platform, confidence, scores, reason, modelVersion, decidedAt, job, jobRef,
                ecsJob, estimates, propensity);
    }

    /**
     * What the router expects of a job on each platform; a platform a hard limit rules out has none.
     *
     * @param lambda on Lambda, or null
     * @param ecs    on ECS Fargate, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"lambda", "ecs"})
    public record Estimates(@JsonProperty("lambda") Estimate lambda, @JsonProperty("ecs") Estimate ecs) {

        public Estimate of(Platform platform) {
            return platform == Platform.LAMBDA ? lambda : ecs;
        }
    }

    /**
     * One platform's estimate for a job.
     *
     * @param costUsd      expected cost at the prices in force
     * @param latencyP50Ms predicted median latency, submission to completion
     * @param latencyP95Ms predicted 95th percentile latency
     * @param pSlo         predicted probability of completing within the job's latency objective
     */
    @JsonPropertyOrder({"cost_usd", "latency_p50_ms", "latency_p95_ms", "p_slo"})
    public record Estimate(
            @JsonProperty("cost_usd") double costUsd,
            @JsonProperty("latency_p50_ms") double latencyP50Ms,
            @JsonProperty("latency_p95_ms") double latencyP95Ms,
            @JsonProperty("p_slo") double pSlo) {
    }

    /** Per platform, the probability that it is the cheaper one meeting the objective; each 0–1, summing to 1. */
    @JsonPropertyOrder({"lambda", "ecs"})
    public record Scores(@JsonProperty("lambda") double lambda, @JsonProperty("ecs") double ecs) {

        public double of(Platform platform) {
            return platform == Platform.LAMBDA ? lambda : ecs;
        }
    }
}
