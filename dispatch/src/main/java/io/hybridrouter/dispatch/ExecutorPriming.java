package io.hybridrouter.dispatch;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.hybridrouter.dispatch.idempotency.DynamoDbIdempotencyStore;
import io.hybridrouter.shared.DecisionReason;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.JobParseResult;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.Rejection;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.shared.events.EventPublisher;
import io.hybridrouter.shared.events.EventTypes;
import io.hybridrouter.shared.events.OutboundEvent;
import io.hybridrouter.shared.log.RouterLog;
import io.hybridrouter.shared.snapstart.Jitter;
import io.hybridrouter.shared.snapstart.Priming;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.inject.Inject;

/**
 * The executor function's SnapStart hooks: before the snapshot, a canned {@code RoutingDecision}
 * event for the canned job is read as the handler reads its events, a {@code JobRejected} event is
 * written and its {@code PutEvents} call marshalled and signed by the component's EventBridge client
 * but not sent, and the claim's {@code GetItem} likewise by the DynamoDB client; after a restore, the
 * publisher's backoff jitter is reseeded. The job itself is not run: runners do real work and a claim
 * would need the table. Nothing reaches the network. Thread-safe.
 */
public final class ExecutorPriming {

    private final EventPublisher publisher;
    private final DynamoDbIdempotencyStore idempotency;
    private final Clock clock;
    private final Jitter jitter;
    private final RouterLog log;

    @Inject
    public ExecutorPriming(EventPublisher publisher, DynamoDbIdempotencyStore idempotency, Clock clock, Jitter jitter,
            RouterLog log) {
        this.publisher = publisher;
        this.idempotency = idempotency;
        this.clock = clock;
        this.jitter = jitter;
        this.log = log;
    }

    /** The hooks, not yet registered (the handler registers them). */
    public Priming hooks() {
        AtomicReference<RoutingDecision> decision = new AtomicReference<>();
        return new Priming("executor", log)
                .prime("decision", () -> decision.set(ExecutorHandler.decision(event())))
                .prime("put-events", () -> {
                    Rejection r = Rejection.of(decision.get().jobId(), List.of("snapstart priming: never sent"),
                            Json.write(decision.get().job()), null, Instant.now(clock).toString());
                    publisher.dryRun(List.of(new OutboundEvent(r.jobId(), EventTypes.JOB_REJECTED, Json.write(r))));
                })
                .prime("claim", () -> idempotency.dryRun(decision.get().jobId()))
                .reseed(jitter::reseed);
    }

    /** The event the lambda-decisions rule would deliver for the canned job. */
    private ScheduledEvent event() {
        Job job = ((JobParseResult.Valid) new JobValidator().parse(Priming.CANNED_JOB)).job();
        RoutingDecision d = new RoutingDecision(job.jobId(), Platform.LAMBDA, 1.0, new RoutingDecision.Scores(1, 0),
                DecisionReason.MODEL, "snapstart-priming", Instant.now(clock).toString(), job);
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = Json.MAPPER.convertValue(Json.read(Json.write(d)), Map.class);
        return new ScheduledEvent().withSource(EventTypes.SOURCE).withDetailType(EventTypes.ROUTING_DECISION)
                .withId("snapstart-priming").withDetail(detail);
    }
}
