package io.hybridrouter.shared.log;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The project's one logger: a message at a level, with optional fields (such as {@code job_id}).
 * Each component binds one implementation: {@link JsonLog} (one JSON object per line) in the
 * functions and the ECS task, {@link PlainLog} (plain lines) in the CLI and the embedded stack.
 * Implementations are thread-safe.
 */
public interface RouterLog {

    /** How much a line matters. */
    enum Level { INFO, WARN, ERROR }

    /** Writes one line; never throws. */
    void log(Level level, String message, Map<String, ?> fields);

    default void info(String message) {
        log(Level.INFO, message, Map.of());
    }

    default void info(String message, Map<String, ?> fields) {
        log(Level.INFO, message, fields);
    }

    default void warn(String message) {
        log(Level.WARN, message, Map.of());
    }

    default void warn(String message, Map<String, ?> fields) {
        log(Level.WARN, message, fields);
    }

    default void error(String message) {
        log(Level.ERROR, message, Map.of());
    }

    default void error(String message, Map<String, ?> fields) {
        log(Level.ERROR, message, fields);
    }

    /** Writes nothing (tests that do not look at the log). */
    RouterLog NONE = (level, message, fields) -> { };

    /** Plain lines to {@code sink}: the message, then the fields as {@code key=value}. */
    static RouterLog plain(Consumer<String> sink) {
        return new PlainLog(sink);
    }
}
