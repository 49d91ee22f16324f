package io.hybridrouter.shared;

import com.fasterxml.jackson.annotation.JsonValue;

/** The traffic the job arrives in; it decides how often a Lambda executor starts cold. */
public enum LoadPattern implements WireNamed {
    LOW_LOAD("low_load"),
    MEDIUM_LOAD("medium_load"),
    BURST_LOAD("burst_load"),
    STEADY_HIGH_LOAD("steady_high_load");

    private final String wireName;

    LoadPattern(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
