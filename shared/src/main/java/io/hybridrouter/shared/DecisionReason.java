package io.hybridrouter.shared;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a decision went the way it did. */
public enum DecisionReason implements WireNamed {
    /** The model's prediction, confident enough. */
    MODEL("model"),
    /** The model was not confident enough; the configured fallback platform was taken. */
    LOW_CONFIDENCE("fallback:low-confidence"),
    /** The expected duration is over Lambda's 15-minute timeout. */
    LIMIT_DURATION("limit:duration"),
    /** The memory the job needs is over Lambda's ceiling. */
    LIMIT_MEMORY("limit:memory"),
    /** The payload is larger than Lambda's ephemeral storage can hold. */
    LIMIT_PAYLOAD("limit:payload");

    private final String wireName;

    DecisionReason(String wireName) {
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
