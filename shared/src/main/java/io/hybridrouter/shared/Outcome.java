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
 * @param status       {@code succeeded} or {@code failed}
 * @param error        why it failed, or null
 * @param modelVersion the model that routed it
 * @param workloadType the job's type
 * @param result       the runner's summary of its work, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"job_id", "platform", "started_at", "duration_ms", "status", "error", "model_version",
    "workload_type", "result"})
public record Outcome(
        @JsonProperty("job_id") String jobId,
        @JsonProperty("platform") Platform platform,
        @JsonProperty("started_at") String startedAt,
        @JsonProperty("duration_ms") long durationMs,
        @JsonProperty("status") String status,
        @JsonProperty("error") String error,
        @JsonProperty("model_version") String modelVersion,
        @JsonProperty("workload_type") String workloadType,
        @JsonProperty("result") JsonNode result) {

    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    public boolean succeeded() {
        return SUCCEEDED.equals(status);
    }
}
