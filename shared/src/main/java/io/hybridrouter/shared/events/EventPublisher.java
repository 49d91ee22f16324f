package io.hybridrouter.shared.events;

import io.hybridrouter.shared.aws.DryRun;
import io.hybridrouter.shared.di.EventBus;
import io.hybridrouter.shared.log.RouterLog;
import io.hybridrouter.shared.snapstart.Jitter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Puts events on one bus with {@code PutEvents}: at most 10 entries and 1 MB per call; entries the
 * service reports as failed (throttling, internal errors) are resent, only those, with
 * {@link Backoff}; a call that fails as a whole (network, throttled) counts as every one of its
 * entries failing. Thread-safe (the SDK client is). Built by the component, or with {@link #builder}.
 */
@Singleton
public final class EventPublisher {

    /** PutEvents' limits: entries and total request size. */
    static final int MAX_ENTRIES = 10;
    static final int MAX_REQUEST_BYTES = 1_048_576;

    private final EventBridgeClient client;
    private final String busName;
    private final Backoff backoff;
    private final Backoff.Sleeper sleeper;
    private final Jitter jitter;
    private final RouterLog log;

    @Inject
    EventPublisher(EventBridgeClient client, @EventBus String busName, Backoff backoff, Backoff.Sleeper sleeper,
            Jitter jitter, RouterLog log) {
        this.client = client;
        this.busName = busName;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.jitter = jitter;
        this.log = log;
    }

    /** A publisher to {@code busName}: the default backoff, real sleeps, fresh jitter, no log unless given. */
    public static Builder builder(EventBridgeClient client, String busName) {
        return new Builder(client, busName);
    }

    /** Builds a publisher outside a component (tests, benchmarks, tools). Not thread-safe. */
    public static final class Builder {
        private final EventBridgeClient client;
        private final String busName;
        private Backoff backoff = Backoff.DEFAULT;
        private Backoff.Sleeper sleeper = Backoff.Sleeper.REAL;
        private Jitter jitter;
        private RouterLog log = RouterLog.NONE;

        private Builder(EventBridgeClient client, String busName) {
            this.client = client;
            this.busName = busName;
        }

        public Builder backoff(Backoff b) {
            this.backoff = b;
            return this;
        }

        public Builder sleeper(Backoff.Sleeper s) {
            this.sleeper = s;
            return this;
        }

        public Builder jitter(Jitter j) {
            this.jitter = j;
            return this;
        }

        public Builder log(RouterLog l) {
            this.log = l;
            return this;
        }

        public EventPublisher build() {
            return new EventPublisher(client, busName, backoff, sleeper, jitter != null ? jitter : new Jitter(), log);
        }
    }

    public String busName() {
        return busName;
    }

    /**
     * What became of a publish.
     *
     * @param failed ids of the events still not on the bus after every try, with the last error
     */
    public record Result(Map<String, String> failed) {

        public boolean allPublished() {
            return failed.isEmpty();
        }

        public Set<String> failedIds() {
            return failed.keySet();
        }
    }

    /** One event and the entry built for it; identity equality, as two events may be equal. */
    private static final class Item {
        private final OutboundEvent event;
        private final PutEventsRequestEntry entry;

        Item(OutboundEvent event, PutEventsRequestEntry entry) {
            this.event = event;
            this.entry = entry;
        }

        OutboundEvent event() {
            return event;
        }

        PutEventsRequestEntry entry() {
            return entry;
        }
    }

    /** What one call did: the items the service reported as failed, or why the whole call failed. */
    private record CallResult(Map<Item, String> entryFailures, String wholeCallFailure) {
    }

    /**
     * Publishes every event; never throws. Each call that carries an event uses one of its
     * {@link Backoff#maxAttempts()} tries:
     * <ul>
     *   <li>entries the service reports as failed are sent again, only they, after a backoff;</li>
     *   <li>after a call fails as a whole (the SDK's own retries spent, or anything thrown), each of its
     *       events is sent once more in a call of its own, so that one poison entry cannot drag its
     *       batch-mates down, and a call of one that fails as a whole is not sent again: the event is
     *       reported failed and its SQS message is redelivered later.</li>
     * </ul>
     * Copies: a call may have been written by the service even though it failed as a whole (the
     * response was lost), and the client the router builds retries a call by itself only when the
     * service throttled it (nothing written; see {@code AwsClientsModule}), so each call leaves at most
     * one copy of an event, and one publish at most {@code backoff.maxAttempts()} copies (4 with
     * {@link Backoff#DEFAULT}); the executors' idempotency claims absorb the extra copies.
     */
    public Result publish(List<OutboundEvent> events) {
        Map<String, String> failed = new LinkedHashMap<>();
        List<Item> pending = new ArrayList<>();
        for (OutboundEvent e : events) {
            try {
                if (e.detail() == null || e.detailType() == null) {
                    throw new IllegalArgumentException("event has no detail-type or detail");
                }
                if (!e.fitsOnTheBus()) {
                    failed.put(e.id(), "event of " + e.sizeBytes() + " bytes is over EventBridge's limit");
                    continue;
                }
                pending.add(new Item(e, entry(e)));
            } catch (RuntimeException ex) {
                failed.put(e.id(), "cannot build the PutEvents entry: " + Backoff.firstLine(ex.getMessage()));
            }
        }
        Map<Item, Integer> tries = new HashMap<>();
        for (int round = 1; !pending.isEmpty(); round++) {
            if (round > 1) {
                try {
                    sleeper.sleep(backoff.delayMs(round - 1, jitter));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    pending.forEach(i -> failed.putIfAbsent(i.event().id(), "interrupted before it was published"));
                    break;
                }
            }
            List<Item> retry = new ArrayList<>();
            for (List<Item> batch : batchItems(pending)) {
                CallResult r = call(batch, tries);
                if (r.wholeCallFailure() == null) {
                    settle(r.entryFailures(), tries, retry, failed);
                    continue;
                }
                for (Item item : batch) {
                    if (batch.size() == 1 || tries.get(item) >= backoff.maxAttempts()) {
                        failed.put(item.event().id(), r.wholeCallFailure());
                        continue;
                    }
                    CallResult alone = call(List.of(item), tries);
                    if (alone.wholeCallFailure() != null) {
                        failed.put(item.event().id(), alone.wholeCallFailure());
                    } else {
                        settle(alone.entryFailures(), tries, retry, failed);
                    }
                }
            }
            if (!retry.isEmpty()) {
                log.warn("PutEvents: " + retry.size() + " of " + pending.size() + " entries failed on try " + round
                        + ", retrying them", Map.of("bus", busName, "failed_entries", retry.size(), "try", round));
            }
            pending = retry;
        }
        return new Result(failed);
    }

    /**
     * Builds the {@code PutEvents} call for {@code events} as {@link #publish} does, and runs it
     * through the client up to the point of sending, without sending it (see {@link DryRun}): for
     * priming a SnapStart snapshot. Returns the HTTP request that would have gone out.
     *
     * @throws IllegalStateException if the call could not be built or was not stopped before sending
     */
    public SdkHttpRequest dryRun(List<OutboundEvent> events) {
        PutEventsRequest request = PutEventsRequest.builder().entries(events.stream().map(this::entry).toList())
                .overrideConfiguration(DryRun.overrides()).build();
        return DryRun.run(() -> client.putEvents(request));
    }

    private PutEventsRequestEntry entry(OutboundEvent e) {
        return PutEventsRequestEntry.builder().eventBusName(busName).source(EventTypes.SOURCE)
                .detailType(e.detailType()).detail(e.detail()).build();
    }

    /** Entries the service failed: retried while they have tries left, otherwise reported. */
    private void settle(Map<Item, String> entryFailures, Map<Item, Integer> tries, List<Item> retry,
            Map<String, String> failed) {
        entryFailures.forEach((item, why) -> {
            if (tries.get(item) < backoff.maxAttempts()) {
                retry.add(item);
            } else {
                failed.put(item.event().id(), why);
            }
        });
    }

    private CallResult call(List<Item> batch, Map<Item, Integer> tries) {
        batch.forEach(i -> tries.merge(i, 1, Integer::sum));
        PutEventsResponse response;
        try {
            response = client.putEvents(PutEventsRequest.builder().entries(batch.stream().map(Item::entry).toList())
                    .build());
        } catch (SdkException ex) {
            return new CallResult(Map.of(), "PutEvents failed: " + Backoff.firstLine(ex.getMessage()));
        } catch (RuntimeException ex) {
            return new CallResult(Map.of(), "PutEvents failed: " + ex.getClass().getSimpleName() + ": "
                    + Backoff.firstLine(ex.getMessage()));
        }
        Map<Item, String> failedItems = new LinkedHashMap<>();
        List<PutEventsResultEntry> results = response.entries();
        for (int i = 0; i < batch.size(); i++) {
            PutEventsResultEntry r = i < results.size() ? results.get(i) : null;
            if (r == null || r.errorCode() != null || r.eventId() == null) {
                Item item = batch.get(i);
                failedItems.put(item, r == null ? "no result entry" : r.errorCode() + ": " + r.errorMessage());
            }
        }
        return new CallResult(failedItems, null);
    }

    private static List<List<Item>> batchItems(List<Item> items) {
        Map<OutboundEvent, Item> byEvent = new IdentityHashMap<>();
        items.forEach(i -> byEvent.put(i.event(), i));
        List<List<Item>> out = new ArrayList<>();
        for (List<OutboundEvent> batch : batches(items.stream().map(Item::event).toList())) {
            out.add(batch.stream().map(byEvent::get).toList());
        }
        return out;
    }

    /** Splits into PutEvents calls of at most 10 entries and 1 MB. */
    static List<List<OutboundEvent>> batches(List<OutboundEvent> events) {
        List<List<OutboundEvent>> out = new ArrayList<>();
        List<OutboundEvent> current = new ArrayList<>();
        int bytes = 0;
        for (OutboundEvent e : events) {
            int size = e.sizeBytes();
            if (!current.isEmpty() && (current.size() == MAX_ENTRIES || bytes + size > MAX_REQUEST_BYTES)) {
                out.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(e);
            bytes += size;
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

}
