package io.hybridrouter.shared.option;

import com.fasterxml.jackson.annotation.JsonValue;
import io.hybridrouter.shared.WireNamed;

import java.util.Optional;

/** A processor architecture an option runs on; the wire name is what Lambda and the price table call it. */
public enum Arch implements WireNamed {
    X86_64("x86_64"),
    ARM64("arm64");

    private final String wireName;

    Arch(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    /** Parses a wire name exactly; empty when it is not an architecture. */
    public static Optional<Arch> fromWire(String value) {
        for (Arch a : values()) {
            if (a.wireName.equals(value)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
