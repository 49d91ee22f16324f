package io.hybridrouter.shared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.shared.cost.AwsPricing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.inject.Inject;

/**
 * Turns untrusted job JSON into a {@link Job}, reporting every broken rule at once as
 * {@code field: rule}. Never throws on bad input. Stateless and thread-safe.
 *
 * <p>Rules: {@code job_id} optional, 1–128 chars of {@code [A-Za-z0-9._:-]} (when absent: {@code msg-<message id>}
 * given a message id, else a UUID);
 * {@code workload_type} required non-empty string (1–64 printable ASCII characters); {@code payload_size_kb}
 * required finite number &ge; 0; {@code time_window} one of the windows, required unless
 * {@code timestamp} is given; {@code load_pattern} required, one of the patterns; {@code timestamp}
 * optional ISO-8601 (no offset means UTC); {@code expected_duration_s} optional finite number &gt; 0;
 * {@code memory_mb} optional integer 128–122880; {@code payload} optional, any JSON nested at most
 * {@link #MAX_PAYLOAD_DEPTH} levels. No string anywhere in the document (keys included) may hold an
 * unpaired UTF-16 surrogate. Unknown fields are ignored.
 *
 * <p>Unpaired surrogates are rejected, not escaped: such text has no UTF-8 form, so SQS and
 * EventBridge refuse it and strict writers (the {@code up --events} file) fail on it; replacing it
 * would silently change the job's payload. Error messages never echo one: they show its escape.
 */
public final class JobValidator {

    public static final int MAX_JOB_ID_LENGTH = 128;
    public static final int MAX_WORKLOAD_TYPE_LENGTH = 64;
    public static final int MIN_MEMORY_MB = 128;
    /** Fargate's largest task memory, 120 GB; nothing this project runs can use more. */
    public static final int MAX_MEMORY_MB = 122_880;

    /**
     * Levels the deepest carrier of a job adds above its {@code payload}; the deepest one is the
     * {@code router rules explain --json} answer. Counting objects and arrays from the outermost:
     * <ul>
     *   <li>the job as queued, claim-checked or base64 in ECS overrides: job 1 → payload (1 level);</li>
     *   <li>the {@code RoutingDecision} detail: decision → job (2);</li>
     *   <li>the event EventBridge delivers (executor Lambda, audit queue, the embedded bus, {@code up}'s
     *       events file), as the Lambda runtime parses it: envelope → detail → job (3);</li>
     *   <li>{@code rules explain --json}: answer → rules[] → rule → targets[] → target → input (the
     *       event) → detail → job (8).</li>
     * </ul>
     * SQS records carry the job as a string and {@code JobRejected} carries the body as a string, so
     * they add no level.
     */
    static final int DEEPEST_CARRIER_LEVELS = 8;

    /**
     * The deepest {@code payload} that survives every carrier: 1,000 (the Lambda runtime's and
     * Jackson's nesting limit) less the 8 levels of the deepest carrier = 992.
     */
    public static final int MAX_PAYLOAD_DEPTH = AwsPricing.JSON_MAX_NESTING_DEPTH - DEEPEST_CARRIER_LEVELS;

    /** Unpaired-surrogate errors reported per document; one is enough to fix the producer. */
    private static final int MAX_SURROGATE_ERRORS = 5;
    /** Prefix of ids derived from an SQS message id. */
    static final String MESSAGE_ID_PREFIX = "msg-";

    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern PRINTABLE = Pattern.compile("[\\p{Print}&&[^\\p{Cntrl}]]+");
    private static final int MAX_ECHO = 40;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Supplier<String> idGenerator;
    private final int maxPayloadDepth;

    /** A job without {@code job_id} gets a random UUID (callers that have a message id use {@link #parse(String, String)}). */
    @Inject
    public JobValidator() {
        this(() -> UUID.randomUUID().toString());
    }

    /** For tests: a fixed source of generated job ids. */
    public JobValidator(Supplier<String> idGenerator) {
        this(idGenerator, MAX_PAYLOAD_DEPTH);
    }

    /** For tests: another payload depth limit, to exercise what happens past {@link #MAX_PAYLOAD_DEPTH}. */
    public JobValidator(Supplier<String> idGenerator, int maxPayloadDepth) {
        this.idGenerator = idGenerator;
        this.maxPayloadDepth = maxPayloadDepth;
    }

    /**
     * The job id for a job that came in SQS message {@code messageId} without one: {@code msg-} and
     * the message id, so that every redelivery of the message gets the same id (and the executor's
     * idempotency claim recognises it). A message id that does not fit the job_id rule is replaced by
     * its SHA-256 in hex.
     */
    public static String idForMessage(String messageId) {
        if (JOB_ID.matcher(MESSAGE_ID_PREFIX + messageId).matches()) {
            return MESSAGE_ID_PREFIX + messageId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(StandardCharsets.UTF_8));
            return MESSAGE_ID_PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Parses and validates one JSON document that came in SQS message {@code messageId}. */
    public JobParseResult parse(String json, String messageId) {
        return parse(json, () -> idForMessage(messageId));
    }

    /** Parses and validates one JSON document. */
    public JobParseResult parse(String json) {
        return parse(json, idGenerator);
    }

    private JobParseResult parse(String json, Supplier<String> ids) {
        if (json == null || json.isBlank()) {
            return new JobParseResult.Invalid(List.of(new ValidationError("job", "must be a JSON object, got an empty body")),
                    Optional.empty());
        }
        // a byte-order mark, as some editors write at the start of a file, is not part of the document
        String text = json.charAt(0) == BYTE_ORDER_MARK ? json.substring(1) : json;
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage() != null && e.getOriginalMessage().contains("surrogate")
                    ? "a field name or string holds an unpaired UTF-16 surrogate escape; text must be valid Unicode"
                    : Json.describe(e);
            return new JobParseResult.Invalid(List.of(new ValidationError("job", "malformed JSON: " + why)),
                    Optional.empty());
        }
        return validate(node, ids);
    }

    /** Validates an already parsed document. */
    public JobParseResult validate(JsonNode node) {
        return validate(node, idGenerator);
    }

    private JobParseResult validate(JsonNode node, Supplier<String> ids) {
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
        if (payload != null) {
            int depth = depth(payload);
            if (depth > maxPayloadDepth) {
                errors.add(new ValidationError("payload", "nests " + depth + " levels; at most " + maxPayloadDepth));
            }
        }
        unpairedSurrogates(node, errors);

        if (!errors.isEmpty()) {
            return new JobParseResult.Invalid(errors, Optional.ofNullable(jobId));
        }
        if (jobId == null) {
            jobId = ids.get();
        }
        return new JobParseResult.Valid(new Job(jobId, workloadType, payloadKb, window, load, timestamp, duration,
                memory, payload));
    }

    /** Levels of objects and arrays in {@code node} (0 for a scalar); iterative, so no depth can overflow the stack. */
    static int depth(JsonNode node) {
        int max = 0;
        Deque<Map.Entry<JsonNode, Integer>> todo = new ArrayDeque<>();
        todo.push(Map.entry(node, 1));
        while (!todo.isEmpty()) {
            Map.Entry<JsonNode, Integer> e = todo.pop();
            if (e.getKey().isContainerNode()) {
                max = Math.max(max, e.getValue());
                for (JsonNode child : e.getKey()) {
                    todo.push(Map.entry(child, e.getValue() + 1));
                }
            }
        }
        return max;
    }

    /**
     * Adds an error for each string (key or value) with an unpaired surrogate, naming its path
     * ({@code payload.items[2]}); a top-level field that already has an error is not reported twice.
     */
    private static void unpairedSurrogates(JsonNode root, List<ValidationError> errors) {
        Set<String> reported = new HashSet<>();
        errors.forEach(e -> reported.add(e.field()));
        int found = 0;
        Deque<Map.Entry<String, JsonNode>> todo = new ArrayDeque<>();
        for (Map.Entry<String, JsonNode> f : root.properties()) {
            int bad = Utf16.firstUnpaired(f.getKey());
            if (bad >= 0) {
                errors.add(surrogate("job", "key " + echo(f.getKey()) + " contains", f.getKey().charAt(bad)));
                found++;
            } else if (!reported.contains(f.getKey())) {
                todo.add(Map.entry(f.getKey(), f.getValue()));
            }
        }
        while (!todo.isEmpty() && found < MAX_SURROGATE_ERRORS) {
            Map.Entry<String, JsonNode> e = todo.poll();
            String path = e.getKey();
            JsonNode n = e.getValue();
            if (n.isTextual()) {
                int bad = Utf16.firstUnpaired(n.textValue());
                if (bad >= 0) {
                    errors.add(surrogate(path, "contains", n.textValue().charAt(bad)));
                    found++;
                }
            } else if (n.isArray()) {
                for (int i = 0; i < n.size(); i++) {
                    todo.add(Map.entry(path + "[" + i + "]", n.get(i)));
                }
            } else if (n.isObject()) {
                for (Map.Entry<String, JsonNode> f : n.properties()) {
                    int bad = Utf16.firstUnpaired(f.getKey());
                    if (bad >= 0) {
                        errors.add(surrogate(path, "key " + echo(f.getKey()) + " contains", f.getKey().charAt(bad)));
                        found++;
                    } else {
                        todo.add(Map.entry(path + "." + f.getKey(), f.getValue()));
                    }
                }
            }
        }
    }

    private static ValidationError surrogate(String path, String what, char c) {
        return new ValidationError(path, what + " an unpaired UTF-16 surrogate (" + Utf16.escape(c)
                + "); text must be valid Unicode");
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
                    + MAX_WORKLOAD_TYPE_LENGTH + " printable ASCII characters, space to ~ (known: "
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

    /** Quotes user text for a message: control characters and unpaired surrogates escaped, long text cut. */
    static String echo(String text) {
        StringBuilder sb = new StringBuilder("\"");
        String shown = Utf16.cut(text, MAX_ECHO);
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < shown.length()
                    && Character.isLowSurrogate(shown.charAt(i + 1));
            if (paired) {
                sb.append(c).append(shown.charAt(++i));
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                sb.append(Utf16.escape(c));
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
