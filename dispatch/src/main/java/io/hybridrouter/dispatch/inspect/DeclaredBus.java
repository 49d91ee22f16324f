package io.hybridrouter.dispatch.inspect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.dispatch.topology.InputTransformers;
import io.hybridrouter.dispatch.topology.RoutingTopology;
import io.hybridrouter.shared.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The declared bus: routes an event the way EventBridge would with the rules of
 * {@link RoutingTopology} deployed, without any AWS. An event (the envelope EventBridge builds, see
 * {@code EventEnvelope}) is matched against the declared patterns with event-ruler, and each
 * matched rule's targets get their input as the input transformer renders it (the whole event
 * when there is none). The one router behind the embedded stack ({@code router up}, {@code demo}),
 * {@code rules test --offline} and {@code rules explain --offline}. Thread-safe.
 */
public final class DeclaredBus {

    /**
     * One delivery: a target of a matched rule and what it receives.
     *
     * @param rule   the matched rule
     * @param target one of its targets
     * @param input  what the target receives (rendered by its input transformer, or the event's JSON)
     */
    public record Route(RoutingTopology.Rule rule, RoutingTopology.Target target, String input) {
    }

    private static final RulerPatterns DECLARED;

    static {
        Map<String, String> patterns = new LinkedHashMap<>();
        for (RoutingTopology.Rule rule : RoutingTopology.rules()) {
            patterns.put(rule.suffix(), rule.eventPattern());
        }
        DECLARED = new RulerPatterns(patterns);
    }

    private DeclaredBus() {
    }

    /** The declared rules an event (JSON) matches, in declaration order. */
    public static List<RoutingTopology.Rule> matching(String event) {
        return DECLARED.matching(event).stream().map(RoutingTopology::rule).toList();
    }

    /** Every target the event reaches, with its input, in declaration order of rules and targets. */
    public static List<Route> route(ObjectNode event) {
        String eventJson = Json.write(event);
        List<Route> routes = new ArrayList<>();
        for (RoutingTopology.Rule rule : matching(eventJson)) {
            for (RoutingTopology.Target target : rule.targets()) {
                routes.add(new Route(rule, target, target.input().map(t -> InputTransformers.render(t, event))
                        .orElse(eventJson)));
            }
        }
        return routes;
    }
}
