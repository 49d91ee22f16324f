package io.hybridrouter.shared.events;

/** The names on the bus: one source, three detail-types. */
public final class EventTypes {

    public static final String SOURCE = "hybrid.router";
    public static final String ROUTING_DECISION = "RoutingDecision";
    public static final String JOB_REJECTED = "JobRejected";
    public static final String JOB_COMPLETED = "JobCompleted";

    private EventTypes() {
    }
}
