package io.hybridrouter.dispatch.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.dispatch.topology.EventEnvelope;
import io.hybridrouter.dispatch.topology.InputTransformers;
import io.hybridrouter.dispatch.topology.RoutingTopology;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.shared.claim.EcsOverrides;
import io.hybridrouter.shared.cost.AwsPricing;
import io.hybridrouter.shared.events.EventTypes;
import io.hybridrouter.shared.option.RunOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * What {@code rules explain} answers for a decision as it goes on the bus: the decision's option and the
 * options it rejected with the reasons, the event the classifier publishes, the rules it matches and
 * what each of their targets receives (for an ECS option the task size overrides and capacity provider), from the declared rules
 * ({@link #offline}) or the deployed ones ({@link #live}), as one JSON object ({@code decision},
 * {@code event}, {@code rules}, {@code mode}) and as text for a person ({@link #text}). Stateless.
 */
public final class Explanation {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";

    private Explanation() {
    }

    /** With the declared rules of stack {@code stack}; no AWS call. */
    public static ObjectNode offline(String stack, RoutingDecision decision, Instant now) {
        ObjectNode event = event(decision, now);
        ObjectNode result = start(decision, event, "offline");
        Map<String, ArrayNode> targets = new LinkedHashMap<>();
        for (DeclaredBus.Route route : DeclaredBus.route(event)) {
            ObjectNode t = target(route.target().id(), route.target().kind().name().toLowerCase(Locale.ROOT),
                    route.input());
            route.target().option().ifPresent(o -> {
                t.put("option", o.id());
                if (o.platform() == Platform.ECS) {
                    t.put("capacity_provider", o.capacity().wireName());
                }
            });
            targets.computeIfAbsent(route.rule().name(stack), name -> rule(result, name)).add(t);
        }
        return result;
    }

    /** With the rules deployed on {@code bus}, matched by the service (or event-ruler where it cannot). */
    public static ObjectNode live(EventBridgeClient events, String bus, RoutingDecision decision, Instant now) {
        ObjectNode event = event(decision, now);
        String eventJson = Json.write(event);
        List<DeployedRules.Deployed> deployed = new DeployedRules(events).read(bus, null);
        Matcher.Live live = Matcher.live(events, deployed, eventJson);
        ObjectNode result = start(decision, event, live.mode());
        for (DeployedRules.Deployed d : deployed) {
            if (!live.matched().contains(d.rule().name())) {
                continue;
            }
            ArrayNode targets = rule(result, d.rule().name());
            Optional<RunOption> declared = declaredOption(bus, d.rule().name());
            for (var t : d.targets()) {
                String input = t.inputTransformer() == null ? eventJson : InputTransformers.render(
                        new RoutingTopology.InputTransformer(t.inputTransformer().inputPathsMap(),
                                t.inputTransformer().inputTemplate()), event);
                ObjectNode target = target(t.id(), DeployedRules.kind(t), input);
                declared.ifPresent(o -> target.put("option", o.id()));
                String provider = DeployedRules.capacityProvider(t);
                if (provider != null) {
                    target.put("capacity_provider", provider);
                }
                targets.add(target);
            }
        }
        return result;
    }

    /** The option a rule of stack {@code stack} runs decisions as, when it is a declared option's rule. */
    private static Optional<RunOption> declaredOption(String stack, String ruleName) {
        if (!ruleName.startsWith(stack + "-")) {
            return Optional.empty();
        }
        String suffix = ruleName.substring(stack.length() + 1);
        return RoutingTopology.rules().stream().filter(r -> r.suffix().equals(suffix)).findFirst()
                .flatMap(r -> r.targets().stream().flatMap(t -> t.option().stream()).findFirst());
    }

    private static ObjectNode event(RoutingDecision decision, Instant now) {
        return EventEnvelope.of(EventTypes.SOURCE, EventTypes.ROUTING_DECISION, Json.write(decision), ACCOUNT, REGION,
                now);
    }

    private static ObjectNode start(RoutingDecision decision, ObjectNode event, String mode) {
        ObjectNode result = Json.object();
        result.set("decision", Json.MAPPER.valueToTree(decision));
        result.set("event", event);
        result.putArray("rules");
        result.put("mode", mode);
        return result;
    }

    private static ArrayNode rule(ObjectNode result, String name) {
        return ((ArrayNode) result.get("rules")).addObject().put("name", name).putArray("targets");
    }

    private static ObjectNode target(String id, String type, String input) {
        ObjectNode t = Json.object().put("id", id).put("type", type);
        JsonNode parsed = Json.read(input);
        t.set("input", parsed);
        if (EcsOverrides.isOverrides(parsed)) {
            t.put("overrides_chars", input.length()).put("overrides_limit", AwsPricing.ECS_OVERRIDES_MAX_CHARS)
                    .put("overrides_fit", EcsOverrides.fits(input));
            // the task size the option's target asks for (task-level overrides)
            if (parsed.has("cpu")) {
                t.put("task_cpu", parsed.get("cpu").asText());
            }
            if (parsed.has("memory")) {
                t.put("task_memory_mb", parsed.get("memory").asText());
            }
        }
        return t;
    }

    /** The explanation for a person, one line per fact, long values cut. */
    public static String text(JsonNode r) {
        StringJoiner out = new StringJoiner(System.lineSeparator(), "", System.lineSeparator());
        JsonNode d = r.get("decision");
        out.add(String.format("decision: %s%s (reason %s, confidence %.3f, scores lambda %.3f / ecs %.3f,"
                + " model %s)", d.get("platform").asText(), d.hasNonNull("option") ? " as option "
                + d.get("option").asText() : " (no option)", d.get("reason").asText(), d.get("confidence").asDouble(),
                d.get("scores").get("lambda").asDouble(), d.get("scores").get("ecs").asDouble(),
                d.get("model_version").asText()));
        JsonNode rejected = d.path("rejected_options");
        if (rejected.isArray() && !rejected.isEmpty()) {
            out.add("rejected options (" + rejected.size() + "):");
            for (JsonNode x : rejected) {
                out.add("  " + x.path("option").asText() + ": " + x.path("reason").asText());
            }
        }
        if (d.has("job_ref")) {
            out.add("claim check: the job travels by reference, " + d.get("job_ref").asText());
        }
        out.add("event: source " + EventTypes.SOURCE + ", detail-type " + EventTypes.ROUTING_DECISION
                + " (" + r.get("mode").asText() + " rules)");
        if (r.get("rules").isEmpty()) {
            out.add("matches no rule: nothing would run it");
        }
        for (JsonNode rule : r.get("rules")) {
            out.add("rule " + rule.get("name").asText());
            for (JsonNode t : rule.get("targets")) {
                out.add("  target " + t.get("id").asText() + " (" + t.get("type").asText() + ")"
                        + (t.has("option") ? " runs it as " + t.get("option").asText() : "") + ", receives:");
                if (t.has("task_cpu") || t.has("capacity_provider")) {
                    out.add("    task size " + t.path("task_cpu").asText("?") + " CPU units, "
                            + t.path("task_memory_mb").asText("?") + " MB (task-level overrides)"
                            + (t.has("capacity_provider") ? ", capacity provider " + t.get("capacity_provider").asText()
                                    : ""));
                }
                String input = Json.write(t.get("input"));
                if (t.has("overrides_chars")) {
                    out.add("    container overrides, " + t.get("overrides_chars").asInt() + " of "
                            + t.get("overrides_limit").asInt() + " characters"
                            + (t.get("overrides_fit").asBoolean() ? "" : " (OVER THE LIMIT)"));
                    EcsOverrides.parse(input).forEach((name, v) -> out.add("      " + name + "="
                            + (v.length() > 80 ? v.substring(0, 77) + "..." : v)));
                } else {
                    out.add("    " + (input.length() > 160 ? input.substring(0, 157) + "..." : input));
                }
            }
        }
        return out.toString();
    }
}
