package io.hybridrouter.shared.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.shared.Json;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import javax.inject.Inject;

/**
 * Structured log lines for the functions and the ECS task: one JSON object per line,
 * {@code {"timestamp": ..., "level": ..., "message": ..., <fields>}}, which CloudWatch Logs Insights
 * queries field by field (the same keys as Lambda's own JSON log format). A field never overwrites
 * {@code timestamp}, {@code level} or {@code message}. Writes to stderr unless given another stream.
 * Thread-safe: one {@code println} per line.
 */
public final class JsonLog implements RouterLog {

    private final Clock clock;
    private final PrintStream out;

    @Inject
    JsonLog(Clock clock) {
        this(clock, System.err);
    }

    JsonLog(Clock clock, PrintStream out) {
        this.clock = clock;
        this.out = out;
    }

    @Override
    public void log(Level level, String message, Map<String, ?> fields) {
        out.println(line(Instant.now(clock), level, message, fields));
    }

    static String line(Instant at, Level level, String message, Map<String, ?> fields) {
        ObjectNode line = Json.object();
        line.put("timestamp", at.toString());
        line.put("level", level.name());
        line.put("message", message);
        fields.forEach((k, v) -> {
            if (!line.has(k)) {
                line.set(k, Json.MAPPER.valueToTree(v));
            }
        });
        return Json.write(line);
    }
}
