package io.hybridrouter.shared.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Puts events on one bus with {@code PutEvents}: at most 10 entries and 1 MB per call; entries the
 * service reports as failed (throttling, internal errors) are resent, only those, with
 * {@link Backoff}; a call that fails as a whole (network, throttled) counts as every one of its
 * entries failing. Thread-safe (the SDK client is).
 */
public final class EventPublisher {

    /** PutEvents' limits: entries and total request size. */
    static final int MAX_ENTRIES = 10;
    static final int MAX_REQUEST_BYTES = 1_048_576;

    private final EventBridgeClient client;
    private final String busName;
    private final Backoff backoff;
    private final Backoff.Sleeper sleeper;
    private final Consumer<String> log;

    public EventPublisher(EventBridgeClient client, String busName, Backoff backoff, Backoff.Sleeper sleeper,
            Consumer<String> log) {
        this.client = client;
        this.busName = busName;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.log = log;
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

    /** Publishes every event, retrying failed ones; never throws for a service or network error. */
    public Result publish(List<OutboundEvent> events) {
        Map<String, String> failed = new LinkedHashMap<>();
        List<OutboundEvent> pending = new ArrayList<>();
        for (OutboundEvent e : events) {
            if (e.fitsOnTheBus()) {
                pending.add(e);
            } else {
                failed.put(e.id(), "event of " + e.sizeBytes() + " bytes is over EventBridge's limit");
            }
        }
        Map<String, String> lastError = new LinkedHashMap<>();
        for (int attempt = 1; attempt <= backoff.maxAttempts() && !pending.isEmpty(); attempt++) {
            if (attempt > 1) {
                try {
                    sleeper.sleep(backoff.delayMs(attempt - 1));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            List<OutboundEvent> retry = new ArrayList<>();
            for (List<OutboundEvent> batch : batches(pending)) {
                retry.addAll(send(batch, lastError));
            }
            if (!retry.isEmpty() && attempt < backoff.maxAttempts()) {
                log.accept("PutEvents: " + retry.size() + " of " + pending.size() + " entries failed on try " + attempt
                        + ", retrying them");
            }
            pending = retry;
        }
        for (OutboundEvent e : pending) {
            failed.put(e.id(), lastError.getOrDefault(e.id(), "not published"));
        }
        return new Result(failed);
    }

    private List<OutboundEvent> send(List<OutboundEvent> batch, Map<String, String> lastError) {
        List<PutEventsRequestEntry> entries = new ArrayList<>(batch.size());
        for (OutboundEvent e : batch) {
            entries.add(PutEventsRequestEntry.builder().eventBusName(busName).source(EventTypes.SOURCE)
                    .detailType(e.detailType()).detail(e.detail()).build());
        }
        PutEventsResponse response;
        try {
            response = client.putEvents(PutEventsRequest.builder().entries(entries).build());
        } catch (SdkException ex) {
            String why = "PutEvents failed: " + Backoff.firstLine(ex.getMessage());
            batch.forEach(e -> lastError.put(e.id(), why));
            return batch;
        }
        List<OutboundEvent> failed = new ArrayList<>();
        List<PutEventsResultEntry> results = response.entries();
        for (int i = 0; i < batch.size(); i++) {
            PutEventsResultEntry r = i < results.size() ? results.get(i) : null;
            if (r == null || r.errorCode() != null || r.eventId() == null) {
                OutboundEvent e = batch.get(i);
                lastError.put(e.id(), r == null ? "no result entry" : r.errorCode() + ": " + r.errorMessage());
                failed.add(e);
            }
        }
        return failed;
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
