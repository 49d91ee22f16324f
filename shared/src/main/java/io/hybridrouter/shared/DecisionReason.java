package io.hybridrouter.shared;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a decision went the way it did. */
public enum DecisionReason implements WireNamed {
    /** The cheapest platform predicted to meet the job's latency objective. */
    MODEL("model"),
    /**
     * Both platforms are predicted to meet the objective but the router cannot tell which is cheaper
     * (confidence below the threshold): the configured fallback platform was taken.
     */
    LOW_CONFIDENCE("fallback:low-confidence"),
    /** Both platforms are predicted to meet the objective; this job was sent to the dearer one to learn. */
    EXPLORE("explore"),
    /** No platform is predicted to meet the objective often enough; the likeliest one was taken. */
    SLO_BEST_EFFORT("slo:best-effort"),
    /**
     * Some option is predicted to meet the objective, but only at more than the configured premium (a
     * multiple of the cheapest option's expected cost, {@code ROUTER_SLO_PREMIUM}); the cheapest was taken.
     */
    SLO_TOO_DEAR("slo:too-dear"),
    /** The expected duration is over Lambda's 15-minute timeout. */
    LIMIT_DURATION("limit:duration"),
    /** The memory the job needs is over Lambda's ceiling. */
    LIMIT_MEMORY("limit:memory"),
    /** The payload is larger than Lambda's ephemeral storage can hold. */
    LIMIT_PAYLOAD("limit:payload"),
    /**
     * A Fargate Spot run of the job was interrupted and this is its re-run: on Spot again after the first
     * interruption, on on-demand capacity after the second.
     */
    SPOT_INTERRUPTED("spot:interrupted");

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
