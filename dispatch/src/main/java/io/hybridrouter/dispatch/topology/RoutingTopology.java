package io.hybridrouter.dispatch.topology;

import io.hybridrouter.shared.claim.EcsOverrides;
import io.hybridrouter.shared.events.EventTypes;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one declaration of the routing rules and their targets. {@code router stack deploy}, the
 * embedded stack, {@code router rules} and the SAM template check all derive from it; nothing
 * else writes a rule. Immutable and thread-safe.
 *
 * <p>Every rule matches events from {@code hybrid.router}; every target retries for up to
 * {@link #MAX_EVENT_AGE_S} seconds and {@link #MAX_RETRY_ATTEMPTS} attempts, then sends the event
 * to the stack's target dead-letter queue (without one EventBridge would drop it).
 */
public final class RoutingTopology {

    /** Retries per target: enough to ride out a throttle or a deploy, few enough to surface a real fault. */
    public static final int MAX_RETRY_ATTEMPTS = 8;
    /** An hour: a decision older than that is better in the DLQ, for a person to look at. */
    public static final int MAX_EVENT_AGE_S = 3_600;

    /** What a target is. */
    public enum Kind {
        /** The executor Lambda; receives the whole event. */
        LAMBDA,
        /** An ECS RunTask of the worker task definition; receives the rendered container overrides. */
        ECS,
        /** An SQS queue; receives the whole event. */
        SQS
    }

    /** The stack resource a target points at. */
    public enum Resource {
        EXECUTOR_FUNCTION, WORKER_TASK, REJECTED_QUEUE, AUDIT_QUEUE, OUTCOMES_QUEUE
    }

    /**
     * An input transformer.
     *
     * @param paths    variable → JSON path in the event
     * @param template the input template
     */
    public record InputTransformer(Map<String, String> paths, String template) {
    }

    /**
     * One target of a rule.
     *
     * @param id       the target id, unique within its rule
     * @param kind     what it is
     * @param resource which stack resource
     * @param input    its input transformer, if any
     */
    public record Target(String id, Kind kind, Resource resource, Optional<InputTransformer> input) {
    }

    /**
     * One rule.
     *
     * @param suffix       the rule's name is {@code <stack>-<suffix>}
     * @param description  what it is for
     * @param eventPattern the EventBridge event pattern, as JSON
     * @param targets      where matching events go
     */
    public record Rule(String suffix, String description, String eventPattern, List<Target> targets) {

        public String name(String stack) {
            return stack + "-" + suffix;
        }
    }

    private static final String SOURCE = "\"source\":[\"" + EventTypes.SOURCE + "\"]";

    private static final List<Rule> RULES = List.of(
            new Rule("lambda-decisions", "Jobs routed to Lambda: run them on the executor function",
                    "{" + SOURCE + ",\"detail-type\":[\"" + EventTypes.ROUTING_DECISION + "\"],"
                            + "\"detail\":{\"platform\":[\"lambda\"]}}",
                    List.of(new Target("executor", Kind.LAMBDA, Resource.EXECUTOR_FUNCTION, Optional.empty()))),
            new Rule("ecs-decisions", "Jobs routed to ECS: one Fargate task each, the job in its container overrides",
                    "{" + SOURCE + ",\"detail-type\":[\"" + EventTypes.ROUTING_DECISION + "\"],"
                            + "\"detail\":{\"platform\":[\"ecs\"]}}",
                    List.of(new Target("worker", Kind.ECS, Resource.WORKER_TASK, Optional.of(
                            new InputTransformer(EcsOverrides.INPUT_PATHS, EcsOverrides.INPUT_TEMPLATE))))),
            new Rule("rejected-jobs", "Jobs that failed validation, with the reasons, for the producer to fix",
                    "{" + SOURCE + ",\"detail-type\":[\"" + EventTypes.JOB_REJECTED + "\"]}",
                    List.of(new Target("rejected-queue", Kind.SQS, Resource.REJECTED_QUEUE, Optional.empty()))),
            new Rule("audit", "Every decision, kept for audit and retraining",
                    "{" + SOURCE + ",\"detail-type\":[\"" + EventTypes.ROUTING_DECISION + "\"]}",
                    List.of(new Target("audit-queue", Kind.SQS, Resource.AUDIT_QUEUE, Optional.empty()))),
            new Rule("outcomes", "What each job did where it ran, for retraining on real outcomes",
                    "{" + SOURCE + ",\"detail-type\":[\"" + EventTypes.JOB_COMPLETED + "\"]}",
                    List.of(new Target("outcomes-queue", Kind.SQS, Resource.OUTCOMES_QUEUE, Optional.empty()))));

    private RoutingTopology() {
    }

    /** Every rule, in deployment order. */
    public static List<Rule> rules() {
        return RULES;
    }

    /** The rule with this suffix. */
    public static Rule rule(String suffix) {
        return RULES.stream().filter(r -> r.suffix().equals(suffix)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no rule " + suffix));
    }
}
