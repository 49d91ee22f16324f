package io.hybridrouter.shared.log;

import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;
import javax.inject.Inject;

/**
 * Plain log lines, for people at a terminal: {@code message [key=value, ...]}, without level or
 * time (the CLI's stderr is people-talk, and a warning says so in its words). Writes to stderr
 * unless given another sink. Thread-safe if the sink is.
 */
public final class PlainLog implements RouterLog {

    private final Consumer<String> sink;

    @Inject
    PlainLog() {
        this(System.err::println);
    }

    PlainLog(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public void log(Level level, String message, Map<String, ?> fields) {
        sink.accept(line(message, fields));
    }

    static String line(String message, Map<String, ?> fields) {
        if (fields.isEmpty()) {
            return message;
        }
        StringJoiner kv = new StringJoiner(", ", " [", "]");
        fields.forEach((k, v) -> kv.add(k + "=" + v));
        return message + kv;
    }
}
