package io.hybridrouter.shared;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * A validated unit of work. Instances come from {@link JobValidator} (or are built by code that
 * already holds valid values); every field obeys the rules documented on the validator.
 * Immutable and thread-safe, except that {@code payload} is a Jackson tree that callers must not mutate.
 *
 * @param jobId             1–128 characters of {@code [A-Za-z0-9._:-]}
 * @param workloadType      the type as given; unknown types are treated as {@link WorkloadType#OTHER}
 * @param payloadSizeKb     size of the data the job processes, finite and &ge; 0
 * @param timeWindow        given, or derived from {@code timestamp}
 * @param loadPattern       the traffic the job arrives in
 * @param timestamp         ISO-8601 as given, or null
 * @param expectedDurationS the producer's estimate of the run time, or null
 * @param memoryMb          the memory the job needs, or null
 * @param payload           the work itself, any JSON, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"job_id", "workload_type", "payload_size_kb", "time_window", "load_pattern", "timestamp",
    "expected_duration_s", "memory_mb", "payload"})
public record Job(
        @JsonProperty("job_id") String jobId,
        @JsonProperty("workload_type") String workloadType,
        @JsonProperty("payload_size_kb") double payloadSizeKb,
        @JsonProperty("time_window") TimeWindow timeWindow,
        @JsonProperty("load_pattern") LoadPattern loadPattern,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("expected_duration_s") Double expectedDurationS,
        @JsonProperty("memory_mb") Integer memoryMb,
        @JsonProperty("payload") JsonNode payload) {

    public Job {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(workloadType, "workloadType");
        Objects.requireNonNull(timeWindow, "timeWindow");
        Objects.requireNonNull(loadPattern, "loadPattern");
    }

    /** A job with only the required fields. */
    public static Job of(String jobId, WorkloadType type, double payloadSizeKb, TimeWindow window, LoadPattern load) {
        return new Job(jobId, type.wireName(), payloadSizeKb, window, load, null, null, null, null);
    }

    /** The workload type as the model sees it. */
    @JsonIgnore
    public WorkloadType workload() {
        return WorkloadType.of(workloadType);
    }

    public Job withHints(Double expectedDurationS, Integer memoryMb) {
        return new Job(jobId, workloadType, payloadSizeKb, timeWindow, loadPattern, timestamp, expectedDurationS,
                memoryMb, payload);
    }

    public Job withPayload(JsonNode payload) {
        return new Job(jobId, workloadType, payloadSizeKb, timeWindow, loadPattern, timestamp, expectedDurationS,
                memoryMb, payload);
    }
}
