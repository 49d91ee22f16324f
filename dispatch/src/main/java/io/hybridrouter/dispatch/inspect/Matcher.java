package io.hybridrouter.dispatch.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.shared.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.InvalidEventPatternException;
import software.amazon.awssdk.services.eventbridge.model.TestEventPatternResponse;

/**
 * Which rules an event matches: offline with event-ruler (the matching engine behind EventBridge)
 * on the declared rules ({@link DeclaredBus}) or any set of patterns, or live with the service's
 * {@code TestEventPattern}, one call per rule. Stateless.
 */
public final class Matcher {

    private Matcher() {
    }

    /** The declared rules an event matches, named {@code <stack>-<suffix>}, in declaration order. */
    public static List<String> offline(String stack, String event) {
        return DeclaredBus.matching(event).stream().map(r -> r.name(stack)).toList();
    }

    /** The rules (name → pattern) an event matches, by event-ruler, in the map's order. */
    public static List<String> withRuler(Map<String, String> patterns, String event) {
        return new RulerPatterns(patterns).matching(event);
    }

    /**
     * What a live test found.
     *
     * @param matched  the matching rule names
     * @param fallback true when the service gave no answer (moto does not implement TestEventPattern)
     *                 and the deployed patterns were matched with event-ruler instead
     */
    public record Live(List<String> matched, boolean fallback) {

        /** How the rules were matched, as the commands' JSON names it. */
        public String mode() {
            return fallback ? "live-patterns-event-ruler" : "live";
        }
    }

    /** The deployed rules an event matches, asking the service for each. */
    public static Live live(EventBridgeClient events, List<DeployedRules.Deployed> rules, String event) {
        List<String> matched = new ArrayList<>();
        Map<String, String> patterns = new LinkedHashMap<>();
        boolean fallback = false;
        for (DeployedRules.Deployed d : rules) {
            String pattern = d.rule().eventPattern();
            if (pattern == null) {
                continue;
            }
            patterns.put(d.rule().name(), pattern);
            if (fallback) {
                continue;
            }
            TestEventPatternResponse r;
            try {
                r = events.testEventPattern(b -> b.eventPattern(pattern).event(event));
            } catch (InvalidEventPatternException e) {
                throw new IllegalArgumentException("rule " + d.rule().name() + ": " + e.awsErrorDetails().errorMessage(),
                        e);
            }
            if (r.result() == null) {
                fallback = true;
            } else if (r.result()) {
                matched.add(d.rule().name());
            }
        }
        return fallback ? new Live(withRuler(patterns, event), true) : new Live(matched, false);
    }

    /** Fills the envelope fields EventBridge requires of a test event when the user left them out. */
    public static String complete(String eventJson) {
        JsonNode node = Json.read(eventJson);
        if (!node.isObject()) {
            throw new IllegalArgumentException("the event must be a JSON object, got " + node.getNodeType()
                    .name().toLowerCase(Locale.ROOT));
        }
        ObjectNode o = (ObjectNode) node;
        putIfAbsent(o, "version", "0");
        putIfAbsent(o, "id", "00000000-0000-0000-0000-000000000000");
        putIfAbsent(o, "account", "123456789012");
        putIfAbsent(o, "time", "2026-01-01T00:00:00Z");
        putIfAbsent(o, "region", "us-east-1");
        if (!o.has("resources")) {
            o.putArray("resources");
        }
        if (!o.has("detail")) {
            o.putObject("detail");
        }
        return Json.write(o);
    }

    private static void putIfAbsent(ObjectNode o, String field, String value) {
        if (!o.has(field)) {
            o.put(field, value);
        }
    }
}
