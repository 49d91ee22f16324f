package io.hybridrouter.shared;

import com.fasterxml.jackson.annotation.JsonValue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The part of the day a job arrives in (UTC hours: morning 06–12, midday 12–17, evening 17–22, night 22–06). */
public enum TimeWindow implements WireNamed {
    MORNING("morning"),
    MIDDAY("midday"),
    EVENING("evening"),
    NIGHT("night");

    private final String wireName;

    TimeWindow(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    /** Derives the window from a timestamp, by its UTC hour. */
    public static TimeWindow of(OffsetDateTime timestamp) {
        int hour = timestamp.withOffsetSameInstant(ZoneOffset.UTC).getHour();
        if (hour >= 6 && hour < 12) {
            return MORNING;
        }
        if (hour >= 12 && hour < 17) {
            return MIDDAY;
        }
        if (hour >= 17 && hour < 22) {
            return EVENING;
        }
        return NIGHT;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
