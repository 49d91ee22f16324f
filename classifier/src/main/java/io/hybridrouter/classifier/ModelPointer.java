package io.hybridrouter.classifier;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.hybridrouter.shared.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * {@code current.json} in a model store: which published version is in force. It is written last, after
 * the version's three files, and replaced in one write, so a reader sees either the old version or the
 * new one, never a mix; the reader checks that the model it loads says the same version.
 *
 * @param modelVersion the version folder in force
 * @param promotedAt   when it was promoted (ISO-8601 instant)
 * @param previous     the version it replaced, if any: what a rollback promotes again
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"model_version", "promoted_at", "previous"})
public record ModelPointer(@JsonProperty("model_version") String modelVersion,
        @JsonProperty("promoted_at") String promotedAt,
        @JsonProperty("previous") String previous) {

    /** The pointer's name, next to the version folders. */
    public static final String FILE = "current.json";
    /** What a model version may be, so that it is one folder or key segment, never a path. */
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public ModelPointer {
        requireVersion(modelVersion);
    }

    /** {@code version}, if it can name a version folder; else an {@link IllegalArgumentException} saying why. */
    public static String requireVersion(String version) {
        if (version == null || !VERSION.matcher(version).matches() || version.contains("..")) {
            throw new IllegalArgumentException("model_version \"" + version + "\" cannot name a version folder (letters, "
                    + "digits, '.', '_' and '-', at most 128, no \"..\")");
        }
        return version;
    }

    /** The pointer in {@code bytes}; an {@link IllegalArgumentException} saying why when it is not one. */
    public static ModelPointer parse(byte[] bytes) {
        ModelPointer p;
        try {
            p = Json.MAPPER.readValue(bytes, ModelPointer.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(FILE + " is not a pointer: " + e.getMessage(), e);
        }
        if (p == null) {
            throw new IllegalArgumentException(FILE + " is empty");
        }
        return p;
    }

    public byte[] bytes() {
        return (Json.write(this) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
