package io.hybridrouter.dispatch.inspect;

import io.hybridrouter.dispatch.topology.RoutingTopology;
import io.hybridrouter.dispatch.topology.TargetBindings;
import io.hybridrouter.shared.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * Declared vs deployed: missing and extra rules (an option's rule among them), changed patterns and
 * states, missing and extra targets, and per target (so per option) its ARN, retry policy, dead-letter
 * queue, input transformer (the task size for an ECS option) and ECS parameters (task definition
 * family, so the architecture; capacity provider strategy, launch type, count, role; not the network
 * ids, which are deployment parameters). Stateless.
 */
public final class RuleDiff {

    private RuleDiff() {
    }

    /** Every difference, one line each, {@code <rule>: <what>}; empty when in sync. */
    public static List<String> diff(String stack, List<DeployedRules.Deployed> deployed, TargetBindings bindings) {
        List<String> out = new ArrayList<>();
        Map<String, DeployedRules.Deployed> byName = new LinkedHashMap<>();
        deployed.forEach(d -> byName.put(d.rule().name(), d));
        for (RoutingTopology.Rule rule : RoutingTopology.rules()) {
            String name = rule.name(stack);
            DeployedRules.Deployed d = byName.remove(name);
            if (d == null) {
                out.add(name + ": missing (declared, not deployed)");
                continue;
            }
            if (d.rule().eventPattern() == null
                    || !Json.read(d.rule().eventPattern()).equals(Json.read(rule.eventPattern()))) {
                out.add(name + ": event pattern differs: deployed " + d.rule().eventPattern() + ", declared "
                        + rule.eventPattern());
            }
            if (!"ENABLED".equals(d.rule().stateAsString())) {
                out.add(name + ": state is " + d.rule().stateAsString() + ", declared ENABLED");
            }
            Map<String, Target> targets = new LinkedHashMap<>();
            d.targets().forEach(t -> targets.put(t.id(), t));
            for (RoutingTopology.Target declared : rule.targets()) {
                Target expected = bindings.target(declared);
                Target actual = targets.remove(declared.id());
                if (actual == null) {
                    out.add(name + ": target " + declared.id() + " missing");
                } else {
                    compare(name + ": target " + declared.id(), expected, actual, out);
                }
            }
            targets.keySet().forEach(id -> out.add(name + ": target " + id + " is extra (not declared)"));
        }
        byName.keySet().forEach(n -> out.add(n + ": extra rule (not declared)"));
        return out;
    }

    private static void compare(String where, Target e, Target a, List<String> out) {
        check(where, "arn", e.arn(), a.arn(), out);
        check(where, "retry policy", e.retryPolicy() == null ? null : e.retryPolicy().maximumRetryAttempts() + " attempts/"
                + e.retryPolicy().maximumEventAgeInSeconds() + " s", a.retryPolicy() == null ? null
                : a.retryPolicy().maximumRetryAttempts() + " attempts/" + a.retryPolicy().maximumEventAgeInSeconds()
                        + " s", out);
        check(where, "dead-letter queue", e.deadLetterConfig() == null ? null : e.deadLetterConfig().arn(),
                a.deadLetterConfig() == null ? null : a.deadLetterConfig().arn(), out);
        check(where, "input paths", e.inputTransformer() == null ? null : e.inputTransformer().inputPathsMap(),
                a.inputTransformer() == null ? null : a.inputTransformer().inputPathsMap(), out);
        check(where, "input template", e.inputTransformer() == null ? null : e.inputTransformer().inputTemplate(),
                a.inputTransformer() == null ? null : a.inputTransformer().inputTemplate(), out);
        check(where, "role", e.roleArn(), a.roleArn(), out);
        if (e.ecsParameters() != null || a.ecsParameters() != null) {
            check(where, "ECS task definition family", family(e), family(a), out);
            check(where, "ECS launch type", e.ecsParameters() == null ? null : e.ecsParameters().launchTypeAsString(),
                    a.ecsParameters() == null ? null : a.ecsParameters().launchTypeAsString(), out);
            check(where, "ECS task count", e.ecsParameters() == null ? null : e.ecsParameters().taskCount(),
                    a.ecsParameters() == null ? null : a.ecsParameters().taskCount(), out);
            check(where, "ECS capacity provider strategy", strategy(e), strategy(a), out);
        }
    }

    private static List<String> strategy(Target t) {
        if (t.ecsParameters() == null || !t.ecsParameters().hasCapacityProviderStrategy()) {
            return List.of();
        }
        return t.ecsParameters().capacityProviderStrategy().stream().map(c -> c.capacityProvider() + " weight "
                + (c.weight() == null ? 0 : c.weight()) + " base " + (c.base() == null ? 0 : c.base())).toList();
    }

    private static String family(Target t) {
        if (t.ecsParameters() == null || t.ecsParameters().taskDefinitionArn() == null) {
            return null;
        }
        String arn = t.ecsParameters().taskDefinitionArn();
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        int colon = name.lastIndexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    private static void check(String where, String what, Object expected, Object actual, List<String> out) {
        if (!Objects.equals(expected, actual)) {
            out.add(where + ": " + what + " is " + (actual == null ? "not set" : actual) + ", declared "
                    + (expected == null ? "not set" : expected));
        }
    }
}
