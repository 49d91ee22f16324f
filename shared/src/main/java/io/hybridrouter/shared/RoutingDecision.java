package io.hybridrouter.shared;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
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
 * @param option       the option it runs on ({@code lambda-arm64-1769mb}, {@code ecs-1vcpu-2gb-spot}: see
 *                     {@code RunOptions}); the routing rules match on it. Null only in decisions from a
 *                     router that predates options
 * @param rejectedOptions the options ruled out before pricing and why ({@code limit:memory ...}); null when
 *                     not computed
 * @param attempt      1 for a job's first run; 2 and 3 for re-runs after Fargate Spot interruptions; null means 1
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"job_id", "platform", "option", "confidence", "scores", "estimates", "rejected_options",
    "propensity", "reason", "attempt", "model_version", "decided_at", "job", "job_ref", "ecs_job"})
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
        @JsonProperty("propensity") Double propensity,
        @JsonProperty("option") String option,
        @JsonProperty("rejected_options") List<RejectedOption> rejectedOptions,
        @JsonProperty("attempt") Integer attempt) {

    public RoutingDecision {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(job, "job");
        rejectedOptions = rejectedOptions == null ? null : List.copyOf(rejectedOptions);
    }

    /** A decision as a router before options made it (no option, no rejected options, first attempt). */
    public RoutingDecision(String jobId, Platform platform, double confidence, Scores scores, DecisionReason reason,
            String modelVersion, String decidedAt, Job job, String jobRef, String ecsJob, Estimates estimates,
            Double propensity) {
        this(jobId, platform, confidence, scores, reason, modelVersion, decidedAt, job, jobRef, ecsJob, estimates,
                propensity, null, null, null);
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
                ecsJob, estimates, propensity, option, rejectedOptions, attempt);
    }

    /** The same decision on {@code option} (which must be on this decision's platform), with what was ruled out. */
    public RoutingDecision withOption(String option, List<RejectedOption> rejected) {
        return new RoutingDecision(jobId, platform, confidence, scores, reason, modelVersion, decidedAt, job, jobRef,
                ecsJob, estimates, propensity, option, rejected, attempt);
    }

    /**
     * The re-run of this job after a Fargate Spot interruption: attempt {@code attempt} on {@code option},
     * reason {@code spot:interrupted}, decided at {@code decidedAt}.
     */
    public RoutingDecision rerun(int attempt, Platform platform, String option, String decidedAt) {
        return new RoutingDecision(jobId, platform, confidence, scores, DecisionReason.SPOT_INTERRUPTED, modelVersion,
                decidedAt, job, jobRef, ecsJob, estimates, propensity, option, rejectedOptions, attempt);
    }

    /** The attempt this decision is for: 1 unless it is a re-run. */
    public int attemptNumber() {
        return attempt == null ? 1 : attempt;
    }

    /**
     * An option the router ruled out for this job before pricing.
     *
     * @param option the option's id
     * @param reason which limit ruled it out and by how much ({@code limit:memory: job asks 12288 MB, option has
     *               10240 MB}); the part before the first ": " is the kind of limit
     */
    @JsonPropertyOrder({"option", "reason"})
    public record RejectedOption(@JsonProperty("option") String option, @JsonProperty("reason") String reason) {
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
