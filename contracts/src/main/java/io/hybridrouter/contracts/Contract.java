package io.hybridrouter.contracts;

/** One published JSON Schema in {@code contracts/}, by file name. */
public enum Contract {
    JOB("job.schema.json"),
    PAYLOAD("payload.schema.json"),
    ROUTING_DECISION("routing-decision.schema.json"),
    JOB_REJECTED("job-rejected.schema.json"),
    JOB_COMPLETED("job-completed.schema.json"),
    ROUTING_DECISION_EVENT("routing-decision.event.schema.json"),
    JOB_REJECTED_EVENT("job-rejected.event.schema.json"),
    JOB_COMPLETED_EVENT("job-completed.event.schema.json"),
    EVENT("event.schema.json"),
    API("api.schema.json");

    private final String file;

    Contract(String file) {
        this.file = file;
    }

    /** The file name in {@code contracts/}. */
    public String file() {
        return file;
    }

    /** The schema's {@code $id}. */
    public String id() {
        return Contracts.BASE_URI + file;
    }

    /** The envelope schema of a bus event's {@code detail-type}. */
    public static Contract eventOf(String detailType) {
        return switch (detailType) {
            case "RoutingDecision" -> ROUTING_DECISION_EVENT;
            case "JobRejected" -> JOB_REJECTED_EVENT;
            case "JobCompleted" -> JOB_COMPLETED_EVENT;
            default -> throw new IllegalArgumentException("no contract for detail-type " + detailType);
        };
    }

    /** The detail schema of a bus event's {@code detail-type}. */
    public static Contract detailOf(String detailType) {
        return switch (detailType) {
            case "RoutingDecision" -> ROUTING_DECISION;
            case "JobRejected" -> JOB_REJECTED;
            case "JobCompleted" -> JOB_COMPLETED;
            default -> throw new IllegalArgumentException("no contract for detail-type " + detailType);
        };
    }
}
