package io.hybridrouter.dispatch;

import io.hybridrouter.shared.option.RunOption;
import java.time.Instant;

/**
 * What the runtime a job runs in says about the run, before it starts: how the function or task is
 * sized, whether the container is cold, and what the executor cannot time itself (the embedded
 * stack's Fargate start-up, drawn from the simulator; where Fargate's billing starts). A field the
 * runtime does not know is null and the executor then measures or derives it, saying so in the
 * outcome. Immutable and thread-safe.
 *
 * @param source        {@code lambda}, {@code ecs} or {@code embedded}
 * @param memoryMb      memory as configured, or null (the router's sizing is used)
 * @param vcpu          vCPUs as configured, or null (derived from memory on Lambda, the router's sizing on ECS)
 * @param sizingSource  where {@code memoryMb} and {@code vcpu} come from ({@code lambda-context},
 *                      {@code task-metadata}); null when they are null
 * @param coldStart     Lambda: the first invocation in this container; null on ECS
 * @param startupMs     decision to start when the runtime supplies it (the embedded stack's simulated
 *                      Fargate start-up), or null to measure it from the decision's {@code decided_at}
 * @param startupSource what {@code startupMs} is ({@code simulated}); null when it is null
 * @param billedFrom    Fargate: when billing started (the task's {@code PullStartedAt}), or null
 * @param billedBeforeStartMs Fargate: billed start-up time before the job's work when {@code billedFrom}
 *                      is unknown but the start-up is simulated; null otherwise
 * @param billingNote   how Fargate billing was started, for the outcome's {@code billing_source}
 * @param option        the option this runtime is (the embedded stack's local Lambda or Fargate of one
 *                      option), or null: then the decision's option, {@code ROUTER_OPTION}, or the option
 *                      the measured size and architecture make
 * @param arch          the architecture the runtime reports ({@code x86_64}, {@code arm64}), or null to read
 *                      {@code os.arch}
 */
public record RunSite(String source, Integer memoryMb, Double vcpu, String sizingSource, Boolean coldStart,
        Long startupMs, String startupSource, Instant billedFrom, Long billedBeforeStartMs, String billingNote,
        RunOption option, String arch) {

    /** A site that names no option and no architecture. */
    public RunSite(String source, Integer memoryMb, Double vcpu, String sizingSource, Boolean coldStart,
            Long startupMs, String startupSource, Instant billedFrom, Long billedBeforeStartMs, String billingNote) {
        this(source, memoryMb, vcpu, sizingSource, coldStart, startupMs, startupSource, billedFrom,
                billedBeforeStartMs, billingNote, null, null);
    }

    /** A runtime that says nothing of the run but its name: everything is measured or derived. */
    public static RunSite of(String source) {
        return new RunSite(source, null, null, null, null, null, null, null, null, null);
    }

    /**
     * The same site as a local runtime of {@code option}: sized as the option (the size the router asked
     * for: {@code sizing_source} {@code router-sizing}) and on its architecture.
     */
    public RunSite as(RunOption option) {
        return new RunSite(source, option.memoryMb(), option.vcpu(), "router-sizing", coldStart, startupMs, startupSource,
                billedFrom, billedBeforeStartMs, billingNote, option, option.arch().wireName());
    }
}
