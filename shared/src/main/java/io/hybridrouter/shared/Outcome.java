package io.hybridrouter.shared;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What became of a job that ran: the {@code detail} of a {@code JobCompleted} event, kept so that
 * the model can be retrained on what really happened.
 *
 * @param jobId        the job
 * @param platform     where it ran
 * @param startedAt    ISO-8601 instant the runner started
 * @param durationMs   the runner's wall time
 * @param status       {@code succeeded}, {@code failed}, or {@code interrupted} (a Fargate Spot task stopped
 *                     by AWS; the job is re-run, see {@link RoutingDecision#rerun})
 * @param error        why it failed, or null
 * @param modelVersion the model that routed it
 * @param workloadType the job's type
 * @param result       the runner's summary of its work, or null
 * @param job          the job as it ran, without its payload (its features are what training reads), or null
 * @param propensity   the probability the deciding router had of sending it to {@code platform}, or null
 * @param measured     what was measured of the run (timings, size, billed cost, objective), or null
 * @param option       the option it ran on ({@code RunOptions}), or null from an executor that predates options
 * @param attempt      1 for a first run, 2 or 3 for re-runs after Fargate Spot interruptions; null means 1
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"job_id", "platform", "started_at", "duration_ms", "status", "error", "model_version",
    "workload_type", "result", "job", "propensity", "measured", "option", "attempt"})
public record Outcome(
        @JsonProperty("job_id") String jobId,
        @JsonProperty("platform") Platform platform,
        @JsonProperty("started_at") String startedAt,
        @JsonProperty("duration_ms") long durationMs,
        @JsonProperty("status") String status,
        @JsonProperty("error") String error,
        @JsonProperty("model_version") String modelVersion,
        @JsonProperty("workload_type") String workloadType,
        @JsonProperty("result") JsonNode result,
        @JsonProperty("job") Job job,
        @JsonProperty("propensity") Double propensity,
        @JsonProperty("measured") Measured measured,
        @JsonProperty("option") String option,
        @JsonProperty("attempt") Integer attempt) {

    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String INTERRUPTED = "interrupted";

    /** An outcome with only the original fields (no job, propensity or measurements). */
    public Outcome(String jobId, Platform platform, String startedAt, long durationMs, String status, String error,
            String modelVersion, String workloadType, JsonNode result) {
        this(jobId, platform, startedAt, durationMs, status, error, modelVersion, workloadType, result, null, null,
                null, null, null);
    }

    /** An outcome without an option (from an executor that predates options), first attempt. */
    public Outcome(String jobId, Platform platform, String startedAt, long durationMs, String status, String error,
            String modelVersion, String workloadType, JsonNode result, Job job, Double propensity, Measured measured) {
        this(jobId, platform, startedAt, durationMs, status, error, modelVersion, workloadType, result, job,
                propensity, measured, null, null);
    }

    /** The same outcome, recorded as run on {@code option} at attempt {@code attempt}. */
    public Outcome withOption(String option, int attempt) {
        return new Outcome(jobId, platform, startedAt, durationMs, status, error, modelVersion, workloadType, result,
                job, propensity, measured, option, attempt);
    }

    public boolean interrupted() {
        return INTERRUPTED.equals(status);
    }

    public boolean succeeded() {
        return SUCCEEDED.equals(status);
    }
}
