package io.hybridrouter.shared.option;

import com.fasterxml.jackson.annotation.JsonValue;
import io.hybridrouter.shared.WireNamed;

import java.util.Optional;

/**
 * How an ECS option gets its capacity: the Fargate capacity provider its RunTask names. A Lambda
 * option is always {@link #ON_DEMAND}.
 */
public enum Capacity implements WireNamed {
    /** Fargate on-demand (capacity provider {@code FARGATE}); for Lambda, the only kind there is. */
    ON_DEMAND("FARGATE"),
    /** Fargate Spot (capacity provider {@code FARGATE_SPOT}): cheaper, interrupted with a 2-minute warning. */
    SPOT("FARGATE_SPOT");

    private final String wireName;

    Capacity(String wireName) {
        this.wireName = wireName;
    }

    /** The capacity provider's name, as ECS and EventBridge targets spell it. */
    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    /** Parses a capacity provider name exactly; empty when it is not one. */
    public static Optional<Capacity> fromWire(String value) {
        for (Capacity c : values()) {
            if (c.wireName.equals(value)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
