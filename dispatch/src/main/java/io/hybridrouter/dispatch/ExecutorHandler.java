package io.hybridrouter.dispatch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.hybridrouter.dispatch.di.ExecutorComponent;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Measured;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.shared.events.EventTypes;
import io.hybridrouter.shared.option.RunOption;
import io.hybridrouter.shared.snapstart.Priming;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Lambda target of the {@code lambda} routing rule: takes the {@code RoutingDecision} event,
 * runs the job once (idempotent per {@code job_id}) and emits a {@code JobCompleted} outcome, or a
 * {@code JobRejected} when the job must not run (see {@link JobExecutor}). A delivery that cannot be
 * run or reported throws, so that Lambda retries it and, after the retries, the target's dead-letter
 * queue keeps it. Returns {@code ran}, {@code duplicate} or {@code rejected}. The outcome is measured
 * with the function's configured memory ({@code Context.getMemoryLimitInMB()}) and whether this is
 * the container's first invocation (a cold start). Its SnapStart hooks ({@link ExecutorPriming}) are
 * registered when the graph is built. The outcome names the decision's option, or, for a decision without
 * one (the legacy rule), the option this function is (its memory and {@code os.arch}). Thread-safe.
 */
public final class ExecutorHandler implements RequestHandler<ScheduledEvent, String> {

    private final JobExecutor executor;
    private final String source;
    /** Set by the first invocation this handler (one per container) serves. */
    private final AtomicBoolean invoked = new AtomicBoolean();

    /** Used by the Lambda runtime: the graph is built once per container. */
    public ExecutorHandler() {
        this(Graph.COMPONENT.executor());
    }

    /** For tests and local runtimes. */
    public ExecutorHandler(JobExecutor executor) {
        this(executor, Measured.LAMBDA);
    }

    /** For local runtimes: outcomes name {@code source} ({@code embedded}) as where they were measured. */
    public ExecutorHandler(JobExecutor executor, String source) {
        this.executor = executor;
        this.source = source;
    }

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        return handleRequest(event, context, null);
    }

    /**
     * As a local runtime of {@code option} (the embedded stack's Lambda of that size and architecture):
     * the run is sized as the option and on its architecture; null: as the context says.
     */
    public String handleRequest(ScheduledEvent event, Context context, RunOption option) {
        boolean cold = !invoked.getAndSet(true);
        Integer memoryMb = context != null && context.getMemoryLimitInMB() > 0 ? context.getMemoryLimitInMB() : null;
        RunSite site = new RunSite(source, memoryMb, null, memoryMb != null ? "lambda-context" : null, cold, null, null,
                null, null, null);
        if (option != null) {
            site = site.as(option);
        }
        JobExecutor.Delivery delivery = executor.deliver(decision(event), Platform.LAMBDA, site);
        if (delivery instanceof JobExecutor.Ran) {
            return "ran";
        }
        return delivery instanceof JobExecutor.Duplicate ? "duplicate" : "rejected";
    }

    /** The decision in an event, or an {@link IllegalArgumentException} naming what is wrong. */
    static RoutingDecision decision(ScheduledEvent event) {
        if (event == null || !EventTypes.ROUTING_DECISION.equals(event.getDetailType())
                || !EventTypes.SOURCE.equals(event.getSource())) {
            throw new IllegalArgumentException("expected a " + EventTypes.SOURCE + " "
                    + EventTypes.ROUTING_DECISION + " event, got "
                    + (event == null ? "nothing" : event.getSource() + " " + event.getDetailType()));
        }
        RoutingDecision d;
        try {
            d = Json.MAPPER.convertValue(event.getDetail(), RoutingDecision.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("event " + event.getId() + ": detail is not a routing decision: "
                    + e.getMessage(), e);
        }
        if (d.platform() != Platform.LAMBDA) {
            throw new IllegalArgumentException("event " + event.getId() + ": decision for job " + d.jobId()
                    + " is for " + d.platform() + ", not lambda; check the routing rules");
        }
        return d;
    }

    private static final class Graph {
        static final ExecutorComponent COMPONENT = ExecutorComponent.create();
        /** Held here: CRaC keeps registered resources only weakly. */
        static final Priming PRIMING = COMPONENT.priming().hooks().register();
    }
}
