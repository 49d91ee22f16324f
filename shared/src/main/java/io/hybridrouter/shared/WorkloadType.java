package io.hybridrouter.shared;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The workload types the model knows. Any other non-empty {@code workload_type} is kept on the
 * job as given and treated as {@link #OTHER} by the cost model and the features.
 */
public enum WorkloadType implements WireNamed {
    LIGHTWEIGHT_API("lightweight_api"),
    THUMBNAIL_PROCESSING("thumbnail_processing"),
    DATA_ETL("data_etl"),
    ML_INFERENCE("ml_inference"),
    VIDEO_TRANSCODING("video_transcoding"),
    BATCH_REPORT("batch_report"),
    OTHER("other");

    private final String wireName;

    WorkloadType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    /** The known type with this wire name, or {@link #OTHER}. */
    public static WorkloadType of(String wire) {
        for (WorkloadType t : values()) {
            if (t != OTHER && t.wireName.equals(wire)) {
                return t;
            }
        }
        return OTHER;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
