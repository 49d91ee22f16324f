package io.hybridrouter.shared;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A job that will not be routed, and why: the {@code detail} of a {@code JobRejected} event.
 *
 * @param jobId      the job's id when it was readable, else null
 * @param errors     every broken rule, {@code field: rule}
 * @param body       the raw input, cut to {@link #MAX_BODY_CHARS} UTF-16 units (never inside a surrogate
 *                   pair), unpaired surrogates written as their {@code \\uXXXX} escape so that the
 *                   rejection itself is valid Unicode
 * @param truncated  whether the body was cut
 * @param messageId  the SQS message it came in, if any
 * @param rejectedAt ISO-8601 instant
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"job_id", "errors", "body", "truncated", "message_id", "rejected_at"})
public record Rejection(
        @JsonProperty("job_id") String jobId,
        @JsonProperty("errors") List<String> errors,
        @JsonProperty("body") String body,
        @JsonProperty("truncated") boolean truncated,
        @JsonProperty("message_id") String messageId,
        @JsonProperty("rejected_at") String rejectedAt) {

    /** Enough to recognise the input without carrying a large body through the bus. */
    public static final int MAX_BODY_CHARS = 2_048;

    public static Rejection of(String jobId, List<String> errors, String body, String messageId, String rejectedAt) {
        String b = body == null ? "" : Utf16.escapeUnpaired(body);
        boolean cut = b.length() > MAX_BODY_CHARS;
        return new Rejection(Utf16.escapeUnpaired(jobId), errors.stream().map(Utf16::escapeUnpaired).toList(),
                Utf16.cut(b, MAX_BODY_CHARS), cut, Utf16.escapeUnpaired(messageId), rejectedAt);
    }
}
