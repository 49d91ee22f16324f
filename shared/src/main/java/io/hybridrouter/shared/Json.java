package io.hybridrouter.shared;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * The one JSON configuration every module uses. Thread-safe: the mapper is configured once and
 * only read afterwards.
 *
 * <p>Parsing is strict where a lenient parser would hide a producer's bug (duplicate keys, trailing
 * content) and lenient only for {@code NaN}/{@code Infinity}, so that those reach the validator and
 * get a message naming the field instead of a generic syntax error.
 */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private Json() {
    }

    /**
     * Thrown when a value cannot be written as JSON (nested past the writer's depth limit, ...): a
     * property of the value, not a transient fault, so retrying cannot help.
     */
    public static final class WriteException extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        WriteException(String message, JsonProcessingException cause) {
            super(message, cause);
        }
    }

    /** Compact JSON of any value this project defines; {@link WriteException} when it has none. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new WriteException("cannot write " + value.getClass().getSimpleName() + " as JSON: " + describe(e),
                    e);
        }
    }

    /** Parses JSON the caller produced itself (events, files this project wrote). */
    public static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("invalid JSON: " + describe(e), e);
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A one-line description of a parse error with its position, without Jackson's source dump. */
    private static final Pattern JACKSON_DETAIL = Pattern.compile(
            " ?\\((?:for [^(]*?|start marker at )?\\[Source: [^\\]]*\\]\\)|\\s*\\(bound as `[^`]*`\\)"
            + "|: not allowed as per `[^`]*`");

    public static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int cut = message.indexOf('\n');
        if (cut >= 0) {
            message = message.substring(0, cut);
        }
        // Jackson's own vocabulary (source locations, bound types, feature names) means nothing to the sender
        message = JACKSON_DETAIL.matcher(message).replaceAll("").strip();
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            return message + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + ")";
        }
        return message;
    }
}
