package io.hybridrouter.dispatch.topology;

import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.claim.EcsOverrides;
import io.hybridrouter.shared.cost.AwsPricing;
import io.hybridrouter.shared.cost.FargateSize;
import io.hybridrouter.shared.events.EventTypes;
import io.hybridrouter.shared.option.Arch;
import io.hybridrouter.shared.option.Capacity;
import io.hybridrouter.shared.option.RunOption;
import io.hybridrouter.shared.option.RunOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one declaration of the routing rules and their targets. {@code router stack deploy}, the
 * embedded stack, {@code router rules} and the SAM template check all derive from it; nothing
 * else writes a rule. Immutable and thread-safe.
 *
 * <p>Decisions are routed by their {@code option}: one rule and one target per declared option
 * ({@link RunOptions}), a Lambda option to its executor function, an ECS option to a RunTask of the worker
 * task on the option's architecture and capacity provider with the task size in the overrides. Two more
 * rules catch decisions without an option (from a classifier that predates options, still running during
 * a deployment) and send them where such a router meant: Lambda to {@link #LEGACY_LAMBDA}'s executor, ECS to
 * {@link #LEGACY_ECS}'s task.
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
     * @param option   for an executor or worker target: the option it runs jobs as
     */
    public record Target(String id, Kind kind, Resource resource, Optional<InputTransformer> input,
            Optional<RunOption> option) {

        /** A target that is not an option's (a queue). */
        public Target(String id, Kind kind, Resource resource, Optional<InputTransformer> input) {
            this(id, kind, resource, input, Optional.empty());
        }
    }

    /** Where a decision without an option goes when it is for Lambda: x86_64 with one vCPU, as before options. */
    public static final RunOption LEGACY_LAMBDA = RunOptions.declared().nearest(RunOption.lambda(Arch.X86_64, 1_769));
    /** Where a decision without an option goes when it is for ECS: on-demand x86_64, 1 vCPU and 2 GB, as before. */
    public static final RunOption LEGACY_ECS = RunOptions.declared().nearest(
            RunOption.fargate(new FargateSize(1, 2_048), Capacity.ON_DEMAND));

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

    private static final List<Rule> RULES = rules(RunOptions.declared());

    private static List<Rule> rules(RunOptions options) {
        List<Rule> rules = new ArrayList<>();
        for (RunOption o : options.all()) {
            rules.add(new Rule(optionRuleSuffix(o), description(o),
                    "{" + SOURCE + ",\"detail-type\":[\"" + EventTypes.ROUTING_DECISION + "\"],"
                            + "\"detail\":{\"option\":[\"" + o.id() + "\"]}}",
                    List.of(target(o))));
        }
        rules.add(new Rule("lambda-decisions", "Lambda decisions without an option (from a classifier that predates "
                + "options): run them on " + LEGACY_LAMBDA.id(),
                "{" + SOURCE + ",\"detail-type\":[\"" + EventTypes.ROUTING_DECISION + "\"],"
                        + "\"detail\":{\"platform\":[\"lambda\"],\"option\":[{\"exists\":false}]}}",
                List.of(target(LEGACY_LAMBDA))));
        rules.add(new Rule("ecs-decisions", "ECS decisions without an option (from a classifier that predates "
                + "options): run them as " + LEGACY_ECS.id(),
                "{" + SOURCE + ",\"detail-type\":[\"" + EventTypes.ROUTING_DECISION + "\"],"
                        + "\"detail\":{\"platform\":[\"ecs\"],\"option\":[{\"exists\":false}]}}",
                List.of(target(LEGACY_ECS))));
        rules.add(new Rule("rejected-jobs", "Jobs that failed validation, with the reasons, for the producer to fix",
                "{" + SOURCE + ",\"detail-type\":[\"" + EventTypes.JOB_REJECTED + "\"]}",
                List.of(new Target("rejected-queue", Kind.SQS, Resource.REJECTED_QUEUE, Optional.empty()))));
        rules.add(new Rule("audit", "Every decision, kept for audit and retraining",
                "{" + SOURCE + ",\"detail-type\":[\"" + EventTypes.ROUTING_DECISION + "\"]}",
                List.of(new Target("audit-queue", Kind.SQS, Resource.AUDIT_QUEUE, Optional.empty()))));
        rules.add(new Rule("outcomes", "What each job did where it ran, for retraining on real outcomes",
                "{" + SOURCE + ",\"detail-type\":[\"" + EventTypes.JOB_COMPLETED + "\"]}",
                List.of(new Target("outcomes-queue", Kind.SQS, Resource.OUTCOMES_QUEUE, Optional.empty()))));
        return List.copyOf(rules);
    }

    /**
     * The longest stack name whose every rule name ({@code <stack>-<suffix>}) fits EventBridge's
     * {@value AwsPricing#EVENTBRIDGE_RULE_NAME_MAX_CHARS} characters.
     */
    public static final int MAX_STACK_NAME_CHARS = AwsPricing.EVENTBRIDGE_RULE_NAME_MAX_CHARS - 1
            - RULES.stream().mapToInt(r -> r.suffix().length()).max().orElse(0);

    /** The rule suffix of an option's rule: {@code option-<id>}. */
    public static String optionRuleSuffix(RunOption option) {
        return "option-" + option.id();
    }

    private static String description(RunOption o) {
        return o.platform() == Platform.LAMBDA
                ? "Jobs routed to " + o.id() + ": the " + o.arch() + " executor function with " + o.memoryMb() + " MB"
                : "Jobs routed to " + o.id() + ": one " + o.arch() + " Fargate task of " + o.vcpu() + " vCPU and "
                        + o.memoryMb() + " MB on " + o.capacity() + ", the job in its container overrides";
    }

    /** The target that runs jobs as {@code option}. */
    public static Target target(RunOption option) {
        if (option.platform() == Platform.LAMBDA) {
            return new Target("executor", Kind.LAMBDA, Resource.EXECUTOR_FUNCTION, Optional.empty(),
                    Optional.of(option));
        }
        return new Target("worker", Kind.ECS, Resource.WORKER_TASK, Optional.of(
                new InputTransformer(EcsOverrides.OPTION_INPUT_PATHS, EcsOverrides.inputTemplate(option))),
                Optional.of(option));
    }

    private RoutingTopology() {
    }

    /** Every rule, in deployment order. */
    public static List<Rule> rules() {
        return RULES;
    }

    /** The rule that routes decisions naming {@code option}. */
    public static Rule rule(RunOption option) {
        return rule(optionRuleSuffix(option));
    }

    /** The rule with this suffix. */
    public static Rule rule(String suffix) {
        return RULES.stream().filter(r -> r.suffix().equals(suffix)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no rule " + suffix));
    }
}
