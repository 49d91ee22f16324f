package io.hybridrouter.dispatch.inspect;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.event.ruler.Machine;

/**
 * Named event patterns compiled into one event-ruler machine (the matching engine behind
 * EventBridge): the only place events are matched against patterns offline. Thread-safe: the
 * machine is only read once built.
 */
final class RulerPatterns {

    private final List<String> names;
    private final Machine machine = Machine.builder().build();

    /** Compiles {@code patterns} (name → pattern JSON); a pattern that does not parse is named in the error. */
    RulerPatterns(Map<String, String> patterns) {
        this.names = List.copyOf(patterns.keySet());
        for (Map.Entry<String, String> p : patterns.entrySet()) {
            try {
                machine.addRule(p.getKey(), p.getValue());
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("rule " + p.getKey() + " has an invalid event pattern: "
                        + e.getMessage(), e);
            }
        }
    }

    /** The names of the patterns the event (JSON) matches, in the order they were given. */
    List<String> matching(String event) {
        List<String> matched;
        try {
            matched = machine.rulesForJSONEvent(event);
        } catch (Exception e) {
            throw new IllegalArgumentException("the event cannot be matched: " + e.getMessage(), e);
        }
        List<String> ordered = new ArrayList<>();
        for (String name : names) {
            if (matched.contains(name)) {
                ordered.add(name);
            }
        }
        return ordered;
    }
}
