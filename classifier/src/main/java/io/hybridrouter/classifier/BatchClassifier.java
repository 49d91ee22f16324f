package io.hybridrouter.classifier;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
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
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Classifies one SQS batch: every record is parsed, validated and decided, then published in
 * {@code PutEvents} calls of at most 10 entries. A valid job becomes a {@code RoutingDecision}; an
 * invalid one a {@code JobRejected} (it is not retried: it would fail the same way). A record whose
 * event still cannot be published after the retries, or that fails for a transient reason, is
 * returned as a batch item failure so SQS redelivers it and, after {@code maxReceiveCount}, moves it
 * to the DLQ. Every record ends up published or reported, never both, never neither: no exception
 * from one record leaves {@link #classify}. A job without {@code job_id} gets {@code msg-<message id>},
 * the same on every redelivery. A valid job whose decision cannot be written as JSON is rejected
 * with the reason (a property of the job; a retry would fail the same way). Each batch starts by letting
 * the router's model source take a newly promoted model (see {@link ModelSource#refresh}), so one
 * batch is decided with one model.
 * Thread-safe if its collaborators are. Built by the component, or with {@link #builder}.
 */
public final class BatchClassifier {

    private final JobValidator validator;
    private final JobRouter router;
    private final DecisionDispatch dispatch;
    private final EventPublisher publisher;
    private final Clock clock;
    private final RouterLog log;
    private final ClassifierMetrics metrics;

    @Inject
    BatchClassifier(JobValidator validator, JobRouter router, DecisionDispatch dispatch,
            EventPublisher publisher, Clock clock, RouterLog log, ClassifierMetrics metrics) {
        this.validator = validator;
        this.router = router;
        this.dispatch = dispatch;
        this.publisher = publisher;
        this.clock = clock;
        this.log = log;
        this.metrics = metrics;
    }

    /**
     * A classifier deciding with {@code router} and publishing with {@code publisher}; by default a
     * fresh validator, no claim-check store, the UTC clock, no log and no metrics.
     */
    public static Builder builder(JobRouter router, EventPublisher publisher) {
        return new Builder(router, publisher);
    }

    /** Builds a classifier outside a component (tests, benchmarks, tools). Not thread-safe. */
    public static final class Builder {
        private final JobRouter router;
        private final EventPublisher publisher;
        private JobValidator validator = new JobValidator();
        private DecisionDispatch dispatch = new DecisionDispatch(Optional.empty());
        private Clock clock = Clock.systemUTC();
        private RouterLog log = RouterLog.NONE;
        private ClassifierMetrics metrics = ClassifierMetrics.NONE;

        private Builder(JobRouter router, EventPublisher publisher) {
            this.router = router;
            this.publisher = publisher;
        }

        public Builder validator(JobValidator v) {
            this.validator = v;
            return this;
        }

        public Builder dispatch(DecisionDispatch d) {
            this.dispatch = d;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        public Builder log(RouterLog l) {
            this.log = l;
            return this;
        }

        public Builder metrics(ClassifierMetrics m) {
            this.metrics = m;
            return this;
        }

        public BatchClassifier build() {
            return new BatchClassifier(validator, router, dispatch, publisher, clock, log, metrics);
        }
    }

    public SQSBatchResponse classify(List<SQSMessage> records) {
        // a newly promoted model is taken here, between batches, never in the middle of one
        router.refreshModel();
        List<OutboundEvent> events = new ArrayList<>(records.size());
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Tally tally = new Tally();
        for (SQSMessage record : records) {
            try {
                events.add(event(record, tally));
            } catch (Json.WriteException e) {
                tally.rejected++;
                events.add(rejection(record, Optional.empty(), List.of("job: " + e.getMessage())));
            } catch (RuntimeException e) {
                // not the job's fault (claim-check store down, ...): let SQS deliver it again
                log.warn("message " + record.getMessageId() + ": " + e.getMessage() + "; returning it for retry",
                        Map.of("message_id", String.valueOf(record.getMessageId())));
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
        }
        EventPublisher.Result result = publisher.publish(events);
        result.failed().forEach((id, why) -> {
            log.warn("message " + id + ": not published (" + why + "); returning it for retry",
                    Map.of("message_id", id));
            failures.add(new SQSBatchResponse.BatchItemFailure(id));
        });
        metrics.record(new ClassifierMetrics.Batch(tally.platforms, tally.confidences, tally.micros,
                tally.rejected, failures.size()));
        return new SQSBatchResponse(failures);
    }

    /** What one batch decided, for the metrics. */
    private static final class Tally {
        final List<Platform> platforms = new ArrayList<>();
        final List<Double> confidences = new ArrayList<>();
        final List<Double> micros = new ArrayList<>();
        int rejected;
    }

    private OutboundEvent event(SQSMessage record, Tally tally) {
        JobParseResult parsed = record.getMessageId() == null ? validator.parse(record.getBody())
                : validator.parse(record.getBody(), record.getMessageId());
        if (parsed instanceof JobParseResult.Valid valid) {
            String detail;
            RoutingDecision decision;
            try {
                long start = System.nanoTime();
                RoutingDecision decided = router.decide(valid.job());
                tally.micros.add((System.nanoTime() - start) / 1000.0);
                decision = dispatch.prepare(decided);
                detail = Json.write(decision);
            } catch (DecisionDispatch.TooLargeException e) {
                tally.rejected++;
                return rejection(record, Optional.of(valid.job().jobId()), List.of(e.getMessage()));
            } catch (Json.WriteException e) {
                tally.rejected++;
                return rejection(record, Optional.of(valid.job().jobId()), List.of("job: cannot be written as JSON ("
                        + e.getMessage() + ")"));
            }
            tally.platforms.add(decision.platform());
            tally.confidences.add(decision.confidence());
            return new OutboundEvent(record.getMessageId(), EventTypes.ROUTING_DECISION, detail);
        }
        tally.rejected++;
        JobParseResult.Invalid invalid = (JobParseResult.Invalid) parsed;
        return rejection(record, invalid.jobId(), invalid.messages());
    }

    private OutboundEvent rejection(SQSMessage record, Optional<String> jobId, List<String> errors) {
        Rejection r = Rejection.of(jobId.orElse(null), errors, record.getBody(), record.getMessageId(),
                Instant.now(clock).toString());
        return new OutboundEvent(record.getMessageId(), EventTypes.JOB_REJECTED, Json.write(r));
    }
}
