package io.hybridrouter.shared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Turns untrusted job JSON into a {@link Job}, reporting every broken rule at once as
 * {@code field: rule}. Never throws on bad input. Stateless and thread-safe.
 *
 * <p>Rules: {@code job_id} optional, 1–128 chars of {@code [A-Za-z0-9._:-]} (a UUID when absent);
 * {@code workload_type} required non-empty string (1–64 printable characters); {@code payload_size_kb}
 * required finite number &ge; 0; {@code time_window} one of the windows, required unless
 * {@code timestamp} is given; {@code load_pattern} required, one of the patterns; {@code timestamp}
 * optional ISO-8601 (no offset means UTC); {@code expected_duration_s} optional finite number &gt; 0;
 * {@code memory_mb} optional integer 128–122880; {@code payload} optional, any JSON. Unknown fields
 * are ignored.
 */
public final class JobValidator {

    public static final int MAX_JOB_ID_LENGTH = 128;
    public static final int MAX_WORKLOAD_TYPE_LENGTH = 64;
    public static final int MIN_MEMORY_MB = 128;
    /** Fargate's largest task memory, 120 GB; nothing this project runs can use more. */
    public static final int MAX_MEMORY_MB = 122_880;

    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern PRINTABLE = Pattern.compile("[\\p{Print}&&[^\\p{Cntrl}]]+");
    private static final int MAX_ECHO = 40;

    private final Supplier<String> idGenerator;

    public JobValidator() {
        this(() -> UUID.randomUUID().toString());
    }

    /** For tests: a fixed source of generated job ids. */
    public JobValidator(Supplier<String> idGenerator) {
        this.idGenerator = idGenerator;
    }

    /** Parses and validates one JSON document. */
    public JobParseResult parse(String json) {
        if (json == null || json.isBlank()) {
            return new JobParseResult.Invalid(List.of(new ValidationError("job", "must be a JSON object, got an empty body")),
                    Optional.empty());
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return new JobParseResult.Invalid(List.of(new ValidationError("job", "malformed JSON: " + Json.describe(e))),
                    Optional.empty());
        }
        return validate(node);
    }

    /** Validates an already parsed document. */
    public JobParseResult validate(JsonNode node) {
        if (node == null || !node.isObject()) {
            String got = node == null || node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
            return new JobParseResult.Invalid(List.of(new ValidationError("job", "must be a JSON object, got " + got)),
                    Optional.empty());
        }
        List<ValidationError> errors = new ArrayList<>();

        String jobId = jobId(node.get("job_id"), errors);
        String workloadType = workloadType(node.get("workload_type"), errors);
        double payloadKb = payloadSize(node.get("payload_size_kb"), errors);
        String timestamp = null;
        OffsetDateTime instant = null;
        JsonNode ts = node.get("timestamp");
        if (present(ts)) {
            if (!ts.isTextual()) {
                errors.add(new ValidationError("timestamp", "must be an ISO-8601 string, got " + kind(ts)));
            } else {
                instant = parseTimestamp(ts.asText());
                if (instant == null) {
                    errors.add(new ValidationError("timestamp",
                            "must be ISO-8601, like 2026-11-26T14:30:00Z (got " + echo(ts.asText()) + ")"));
                } else {
                    timestamp = ts.asText();
                }
            }
        }
        TimeWindow window = enumField(node.get("time_window"), "time_window", TimeWindow.class, errors,
                present(ts) ? null : "is required when timestamp is absent");
        if (window == null && instant != null) {
            window = TimeWindow.of(instant);
        }
        LoadPattern load = enumField(node.get("load_pattern"), "load_pattern", LoadPattern.class, errors, "is required");
        Double duration = expectedDuration(node.get("expected_duration_s"), errors);
        Integer memory = memory(node.get("memory_mb"), errors);
        JsonNode payload = present(node.get("payload")) ? node.get("payload") : null;

        if (!errors.isEmpty()) {
            return new JobParseResult.Invalid(errors, Optional.ofNullable(jobId));
        }
        if (jobId == null) {
            jobId = idGenerator.get();
        }
        return new JobParseResult.Valid(new Job(jobId, workloadType, payloadKb, window, load, timestamp, duration,
                memory, payload));
    }

    private static String jobId(JsonNode n, List<ValidationError> errors) {
        if (!present(n)) {
            return null;
        }
        if (!n.isTextual() || !JOB_ID.matcher(n.asText()).matches()) {
            errors.add(new ValidationError("job_id",
                    "must be 1-" + MAX_JOB_ID_LENGTH + " characters of [A-Za-z0-9._:-]"
                            + (n.isTextual() ? " (got " + echo(n.asText()) + ")" : ", got " + kind(n))));
            return null;
        }
        return n.asText();
    }

    private static String workloadType(JsonNode n, List<ValidationError> errors) {
        if (!present(n)) {
            errors.add(new ValidationError("workload_type", "is required"));
            return null;
        }
        if (!n.isTextual() || n.asText().isBlank() || n.asText().length() > MAX_WORKLOAD_TYPE_LENGTH
                || !PRINTABLE.matcher(n.asText()).matches()) {
            errors.add(new ValidationError("workload_type", "must be a non-empty string of at most "
                    + MAX_WORKLOAD_TYPE_LENGTH + " printable characters (known: "
                    + knownWorkloads() + ")" + (n.isTextual() ? "" : ", got " + kind(n))));
            return null;
        }
        return n.asText();
    }

    private static String knownWorkloads() {
        StringBuilder sb = new StringBuilder();
        for (WorkloadType t : WorkloadType.values()) {
            if (t != WorkloadType.OTHER) {
                sb.append(sb.length() == 0 ? "" : ", ").append(t.wireName());
            }
        }
        return sb.toString();
    }

    private static double payloadSize(JsonNode n, List<ValidationError> errors) {
        if (!present(n)) {
            errors.add(new ValidationError("payload_size_kb", "is required"));
            return 0;
        }
        if (!n.isNumber() || !Double.isFinite(n.asDouble()) || n.asDouble() < 0) {
            errors.add(new ValidationError("payload_size_kb", "must be a finite number >= 0" + got(n)));
            return 0;
        }
        return n.asDouble();
    }

    private static Double expectedDuration(JsonNode n, List<ValidationError> errors) {
        if (!present(n)) {
            return null;
        }
        if (!n.isNumber() || !Double.isFinite(n.asDouble()) || n.asDouble() <= 0) {
            errors.add(new ValidationError("expected_duration_s", "must be a finite number > 0" + got(n)));
            return null;
        }
        return n.asDouble();
    }

    private static Integer memory(JsonNode n, List<ValidationError> errors) {
        if (!present(n)) {
            return null;
        }
        boolean integral = n.isNumber() && Double.isFinite(n.asDouble()) && n.canConvertToExactIntegral();
        if (!integral || n.asDouble() < MIN_MEMORY_MB || n.asDouble() > MAX_MEMORY_MB) {
            errors.add(new ValidationError("memory_mb",
                    "must be an integer from " + MIN_MEMORY_MB + " to " + MAX_MEMORY_MB + got(n)));
            return null;
        }
        return n.intValue();
    }

    private static <E extends Enum<E> & WireNamed> E enumField(JsonNode n, String field, Class<E> type,
            List<ValidationError> errors, String whenMissing) {
        if (!present(n)) {
            if (whenMissing != null) {
                errors.add(new ValidationError(field, whenMissing));
            }
            return null;
        }
        Optional<E> value = n.isTextual() ? WireNamed.parse(type, n.asText()) : Optional.empty();
        if (value.isEmpty()) {
            errors.add(new ValidationError(field, "must be one of " + WireNamed.choices(type)
                    + (n.isTextual() ? " (got " + echo(n.asText()) + ")" : ", got " + kind(n))));
            return null;
        }
        return value.get();
    }

    static OffsetDateTime parseTimestamp(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }

    private static boolean present(JsonNode n) {
        return n != null && !n.isNull() && !n.isMissingNode();
    }

    private static String got(JsonNode n) {
        if (n.isNumber()) {
            return " (got " + n.asText() + ")";
        }
        return n.isTextual() ? ", got a string " + echo(n.asText()) : ", got " + kind(n);
    }

    private static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** Quotes user text for a message: control characters escaped, long text cut. */
    static String echo(String text) {
        StringBuilder sb = new StringBuilder("\"");
        int limit = Math.min(text.length(), MAX_ECHO);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (text.length() > MAX_ECHO) {
            sb.append("...");
        }
        return sb.append('"').toString();
    }
}
