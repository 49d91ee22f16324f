package io.hybridrouter.shared;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/** Where a job runs. The wire name ({@link #wireName()}) is what JSON, events and rules use. */
public enum Platform implements WireNamed {
    LAMBDA("lambda"),
    ECS("ecs");

    private final String wireName;

    Platform(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    public Platform other() {
        return this == LAMBDA ? ECS : LAMBDA;
    }

    /** Parses a wire name, case-insensitively; empty when it is not a platform. */
    public static Optional<Platform> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (Platform p : values()) {
            if (p.wireName.equals(v)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
