package io.hybridrouter.dispatch.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.shared.Json;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ListRulesResponse;
import software.amazon.awssdk.services.eventbridge.model.ListTargetsByRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.Target;

/** The rules on a bus and their targets, read with paginated calls; shown as JSON or text. Thread-safe. */
public final class DeployedRules {

    /**
     * One deployed rule.
     *
     * @param rule    the rule as the service describes it
     * @param targets its targets
     */
    public record Deployed(Rule rule, List<Target> targets) {
    }

    private final EventBridgeClient events;

    public DeployedRules(EventBridgeClient events) {
        this.events = events;
    }

    /** Every rule on the bus (with {@code namePrefix}, if given), in name order. */
    public List<Deployed> read(String bus, String namePrefix) {
        List<Deployed> out = new ArrayList<>();
        String token = null;
        do {
            final String next = token;
            ListRulesResponse page = events.listRules(b -> b.eventBusName(bus).namePrefix(namePrefix).nextToken(next));
            for (Rule r : page.rules()) {
                out.add(new Deployed(r, targets(bus, r.name())));
            }
            token = page.nextToken();
        } while (token != null);
        out.sort((a, b) -> a.rule().name().compareTo(b.rule().name()));
        return out;
    }

    private List<Target> targets(String bus, String rule) {
        List<Target> out = new ArrayList<>();
        String token = null;
        do {
            final String next = token;
            ListTargetsByRuleResponse page = events.listTargetsByRule(b -> b.eventBusName(bus).rule(rule)
                    .nextToken(next));
            out.addAll(page.targets());
            token = page.nextToken();
        } while (token != null);
        return out;
    }

    /** What kind of target an ARN is. */
    public static String kind(Target t) {
        String arn = t.arn() == null ? "" : t.arn();
        if (t.ecsParameters() != null || arn.contains(":ecs:")) {
            return "ecs";
        }
        if (arn.contains(":lambda:")) {
            return "lambda";
        }
        if (arn.contains(":sqs:")) {
            return "sqs";
        }
        return arn.isEmpty() ? "unknown" : arn.split(":").length > 2 ? arn.split(":")[2] : "unknown";
    }

    /** The capacity provider an ECS target's strategy names (the first), or null. */
    public static String capacityProvider(Target t) {
        if (t.ecsParameters() == null || !t.ecsParameters().hasCapacityProviderStrategy()
                || t.ecsParameters().capacityProviderStrategy().isEmpty()) {
            return null;
        }
        return t.ecsParameters().capacityProviderStrategy().get(0).capacityProvider();
    }

    /** A target as the {@code --json} output shows it. */
    public static ObjectNode json(Target t) {
        ObjectNode o = Json.object();
        o.put("id", t.id());
        o.put("type", kind(t));
        o.put("arn", t.arn());
        if (t.roleArn() != null) {
            o.put("role_arn", t.roleArn());
        }
        if (t.retryPolicy() != null) {
            o.putObject("retry_policy").put("maximum_retry_attempts", t.retryPolicy().maximumRetryAttempts())
                    .put("maximum_event_age_seconds", t.retryPolicy().maximumEventAgeInSeconds());
        }
        o.put("dead_letter_arn", t.deadLetterConfig() == null ? null : t.deadLetterConfig().arn());
        if (t.inputTransformer() != null) {
            ObjectNode it = o.putObject("input_transformer");
            it.set("input_paths", Json.MAPPER.valueToTree(t.inputTransformer().inputPathsMap()));
            it.put("input_template", t.inputTransformer().inputTemplate());
        }
        if (t.ecsParameters() != null) {
            ObjectNode ecs = o.putObject("ecs_parameters");
            ecs.put("task_definition_arn", t.ecsParameters().taskDefinitionArn());
            ecs.put("task_count", t.ecsParameters().taskCount());
            ecs.put("launch_type", t.ecsParameters().launchTypeAsString());
            ArrayNode strategy = ecs.putArray("capacity_provider_strategy");
            t.ecsParameters().capacityProviderStrategy().forEach(c -> strategy.addObject()
                    .put("capacity_provider", c.capacityProvider()).put("weight", c.weight()).put("base", c.base()));
            if (t.ecsParameters().networkConfiguration() != null
                    && t.ecsParameters().networkConfiguration().awsvpcConfiguration() != null) {
                var vpc = t.ecsParameters().networkConfiguration().awsvpcConfiguration();
                ArrayNode subnets = ecs.putArray("subnets");
                vpc.subnets().forEach(subnets::add);
                ArrayNode groups = ecs.putArray("security_groups");
                vpc.securityGroups().forEach(groups::add);
                ecs.put("assign_public_ip", vpc.assignPublicIpAsString());
            }
        }
        return o;
    }

    /** The rules for a person: per rule, a blank line, its name and state, pattern and targets. */
    public static List<String> text(List<Deployed> rules) {
        List<String> out = new ArrayList<>();
        for (Deployed d : rules) {
            out.add("");
            out.add(d.rule().name() + " [" + d.rule().stateAsString() + "]");
            out.add("  pattern  " + d.rule().eventPattern());
            for (Target t : d.targets()) {
                ObjectNode tj = json(t);
                out.add("  target   " + t.id() + " (" + tj.get("type").asText() + ") " + t.arn());
                if (tj.has("retry_policy")) {
                    out.add("           retry " + tj.get("retry_policy") + ", DLQ " + tj.get("dead_letter_arn").asText());
                }
                if (tj.has("input_transformer")) {
                    out.add("           input " + tj.get("input_transformer").get("input_template").asText());
                }
                if (tj.has("ecs_parameters")) {
                    out.add("           ecs   " + tj.get("ecs_parameters"));
                }
            }
        }
        return out;
    }

    /** A rule as the {@code --json} output shows it. */
    public static ObjectNode json(Deployed d) {
        ObjectNode o = Json.object();
        o.put("name", d.rule().name());
        o.put("state", d.rule().stateAsString());
        o.put("description", d.rule().description());
        JsonNode pattern = d.rule().eventPattern() == null ? null : Json.read(d.rule().eventPattern());
        o.set("event_pattern", pattern);
        ArrayNode targets = o.putArray("targets");
        d.targets().forEach(t -> targets.add(json(t)));
        return o;
    }
}
