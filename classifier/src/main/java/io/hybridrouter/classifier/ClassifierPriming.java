package io.hybridrouter.classifier;

import io.hybridrouter.shared.JobParseResult;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.shared.events.EventPublisher;
import io.hybridrouter.shared.events.EventTypes;
import io.hybridrouter.shared.events.OutboundEvent;
import io.hybridrouter.shared.log.RouterLog;
import io.hybridrouter.shared.snapstart.Jitter;
import io.hybridrouter.shared.snapstart.Priming;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.inject.Inject;

/**
 * The classifier function's SnapStart hooks: before the snapshot, the canned job is parsed and
 * validated as a queue message body, decided by the real router, prepared for the bus and written as
 * the decision's JSON (and read back), its {@code PutEvents} call is marshalled and signed by the
 * component's EventBridge client but not sent, and an EMF line with zero counts is written; after a
 * restore, the publisher's backoff jitter is reseeded. Nothing reaches the network, so the snapshot
 * can be taken where no AWS endpoint answers. Thread-safe.
 */
public final class ClassifierPriming {

    private final JobValidator validator;
    private final JobRouter router;
    private final DecisionDispatch dispatch;
    private final EventPublisher publisher;
    private final ClassifierMetrics metrics;
    private final Jitter jitter;
    private final RouterLog log;

    @Inject
    public ClassifierPriming(JobValidator validator, JobRouter router, DecisionDispatch dispatch,
            EventPublisher publisher, ClassifierMetrics metrics, Jitter jitter, RouterLog log) {
        this.validator = validator;
        this.router = router;
        this.dispatch = dispatch;
        this.publisher = publisher;
        this.metrics = metrics;
        this.jitter = jitter;
        this.log = log;
    }

    /** The hooks, not yet registered (the handler registers them). */
    public Priming hooks() {
        AtomicReference<OutboundEvent> event = new AtomicReference<>();
        return new Priming("classifier", log)
                .prime("decide", () -> event.set(decide(Priming.CANNED_JOB, "snapstart-priming")))
                .prime("put-events", () -> publisher.dryRun(List.of(event.get())))
                .prime("metrics", () -> metrics.record(new ClassifierMetrics.Batch(List.of(), List.of(), List.of(),
                        0, 0)))
                .reseed(jitter::reseed);
    }

    /**
     * What the function does for one queued job short of the network: parse and validate the message
     * body, decide, prepare for the bus, write the decision's JSON and read it back, and marshal and
     * sign its {@code PutEvents} call without sending it. Returns the event it would publish. For the
     * cold-start bench, which times the first such decision with and without priming.
     *
     * @throws IllegalStateException if the job is invalid or the call could not be marshalled
     */
    public OutboundEvent decideOffline(String jobJson, String messageId) {
        OutboundEvent e = decide(jobJson, messageId);
        publisher.dryRun(List.of(e));
        return e;
    }

    private OutboundEvent decide(String jobJson, String messageId) {
        JobParseResult parsed = validator.parse(jobJson, messageId);
        if (!(parsed instanceof JobParseResult.Valid valid)) {
            throw new IllegalStateException("invalid job: " + parsed);
        }
        RoutingDecision decision = dispatch.prepare(router.decide(valid.job()));
        String detail = Json.write(decision);
        Json.MAPPER.convertValue(Json.read(detail), RoutingDecision.class);
        return new OutboundEvent(decision.jobId(), EventTypes.ROUTING_DECISION, detail);
    }
}
