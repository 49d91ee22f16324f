package io.hybridrouter.localstack.stack;

import io.hybridrouter.dispatch.topology.RoutingTopology;
import io.hybridrouter.dispatch.topology.TargetBindings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * Puts the declared {@link RoutingTopology} on a bus: every rule and target (as
 * {@link TargetBindings} makes them), nothing else. Rules of the stack that are no longer declared
 * and targets no longer declared are removed, so a deploy converges on the declaration.
 */
public final class Rules {

    private final EventBridgeClient events;

    Rules(EventBridgeClient events) {
        this.events = events;
    }

    /** Deploys every rule with its targets, a few at a time ({@link Parallel}); returns the rule names. */
    List<String> deploy(StackNames names, TargetBindings bindings) {
        List<String> deployed = Parallel.map(RoutingTopology.rules(), rule -> {
            String name = rule.name(names.stack());
            events.putRule(b -> b.name(name).eventBusName(names.bus()).eventPattern(rule.eventPattern())
                    .description(rule.description()).state(RuleState.ENABLED));
            List<Target> targets = rule.targets().stream().map(bindings::target).toList();
            Set<String> wanted = targets.stream().map(Target::id).collect(Collectors.toSet());
            List<String> stale = events.listTargetsByRule(b -> b.rule(name).eventBusName(names.bus())).targets()
                    .stream().map(Target::id).filter(id -> !wanted.contains(id)).toList();
            if (!stale.isEmpty()) {
                events.removeTargets(b -> b.rule(name).eventBusName(names.bus()).ids(stale));
            }
            events.putTargets(b -> b.rule(name).eventBusName(names.bus()).targets(targets));
            return name;
        });
        Set<String> declared = Set.copyOf(deployed);
        for (Rule existing : stackRules(names)) {
            if (!declared.contains(existing.name())) {
                delete(names, existing.name());
            }
        }
        return deployed;
    }

    /** The rules on the stack's bus that belong to the stack (by name prefix). */
    List<Rule> stackRules(StackNames names) {
        List<Rule> rules = new ArrayList<>();
        String token = null;
        do {
            final String next = token;
            var page = events.listRules(b -> b.eventBusName(names.bus()).namePrefix(names.stack() + "-")
                    .nextToken(next));
            rules.addAll(page.rules());
            token = page.nextToken();
        } while (token != null);
        return rules;
    }

    /** Removes a rule's targets, then the rule. */
    void delete(StackNames names, String rule) {
        try {
            List<String> ids = events.listTargetsByRule(b -> b.rule(rule).eventBusName(names.bus())).targets().stream()
                    .map(Target::id).toList();
            if (!ids.isEmpty()) {
                events.removeTargets(b -> b.rule(rule).eventBusName(names.bus()).ids(ids));
            }
            events.deleteRule(b -> b.name(rule).eventBusName(names.bus()));
        } catch (ResourceNotFoundException e) {
            // already gone
        }
    }
}
