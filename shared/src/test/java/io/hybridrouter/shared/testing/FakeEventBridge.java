package io.hybridrouter.shared.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.contracts.Contracts;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.events.EventTypes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * An in-memory EventBridge for tests: records every PutEvents call and accepted entry, and can fail
 * chosen entries (per try) or whole calls. Thread-safe.
 *
 * <p>Every router event put here (source {@code hybrid.router}, a known detail-type) must meet its
 * published contract in {@code contracts/}; a test that feeds the publisher made-up details turns
 * the check off with {@link #withoutContractChecks()}.
 */
public final class FakeEventBridge implements EventBridgeClient {

    private final List<List<PutEventsRequestEntry>> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<PutEventsRequestEntry> accepted = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Predicate<PutEventsRequestEntry> failEntry = e -> false;
    private volatile int failWholeCalls;
    private volatile int acceptThenFailCalls;
    private volatile Predicate<PutEventsRequestEntry> poison = e -> false;
    private volatile boolean checkContracts = true;

    private static final Set<String> DETAIL_TYPES = Set.of(EventTypes.ROUTING_DECISION, EventTypes.JOB_REJECTED,
            EventTypes.JOB_COMPLETED);

    /** For tests of the publisher itself, whose details are made up: no contract check. */
    public FakeEventBridge withoutContractChecks() {
        this.checkContracts = false;
        return this;
    }

    /** Entries matching the predicate come back with an {@code InternalFailure} error code. */
    public FakeEventBridge failEntriesWhere(Predicate<PutEventsRequestEntry> predicate) {
        this.failEntry = predicate;
        return this;
    }

    /** The next {@code n} calls throw a throttling exception. */
    public FakeEventBridge throttleNextCalls(int n) {
        this.failWholeCalls = n;
        return this;
    }

    /**
     * The next {@code n} calls accept their entries, then fail as a whole, as when the response to a
     * call the service processed is lost (timeout, connection reset, 5xx after the write).
     */
    public FakeEventBridge acceptThenFailNextCalls(int n) {
        this.acceptThenFailCalls = n;
        return this;
    }

    /** Any call that carries an entry matching the predicate fails as a whole, accepting nothing. */
    public FakeEventBridge failCallsCarrying(Predicate<PutEventsRequestEntry> predicate) {
        this.poison = predicate;
        return this;
    }

    /** How many times the service accepted an entry matching the predicate (copies of one event). */
    public long copies(Predicate<PutEventsRequestEntry> predicate) {
        return accepted().stream().filter(predicate).count();
    }

    @Override
    public synchronized PutEventsResponse putEvents(PutEventsRequest request) {
        calls.add(List.copyOf(request.entries()));
        if (checkContracts) {
            request.entries().forEach(FakeEventBridge::requireContract);
        }
        if (request.entries().size() > 10) {
            throw EventBridgeException.builder().message("1 validation error: entries must have length <= 10")
                    .statusCode(400).build();
        }
        if (failWholeCalls > 0) {
            failWholeCalls--;
            throw EventBridgeException.builder().message("Rate exceeded").statusCode(400).build();
        }
        if (request.entries().stream().anyMatch(poison)) {
            throw EventBridgeException.builder().message("simulated poison entry").statusCode(400).build();
        }
        List<PutEventsResultEntry> results = new ArrayList<>();
        int failed = 0;
        for (PutEventsRequestEntry e : request.entries()) {
            if (failEntry.test(e)) {
                failed++;
                results.add(PutEventsResultEntry.builder().errorCode("InternalFailure")
                        .errorMessage("simulated failure").build());
            } else {
                accepted.add(e);
                results.add(PutEventsResultEntry.builder().eventId("evt-" + ids.incrementAndGet()).build());
            }
        }
        if (acceptThenFailCalls > 0) {
            acceptThenFailCalls--;
            throw EventBridgeException.builder().message("simulated: response lost after the write").statusCode(500)
                    .build();
        }
        return PutEventsResponse.builder().failedEntryCount(failed).entries(results).build();
    }

    /** The entry as EventBridge would deliver it (without the fields it adds) meets the event contracts. */
    private static void requireContract(PutEventsRequestEntry e) {
        if (!EventTypes.SOURCE.equals(e.source()) || !DETAIL_TYPES.contains(e.detailType())) {
            throw new AssertionError("not a router event: source " + e.source() + ", detail-type " + e.detailType());
        }
        ObjectNode envelope = Json.object()
                .put("source", e.source()).put("detail-type", e.detailType());
        envelope.set("detail", Json.read(e.detail()));
        Contracts.requireValidEvent(envelope);
    }

    public List<List<PutEventsRequestEntry>> calls() {
        return List.copyOf(calls);
    }

    public List<PutEventsRequestEntry> accepted() {
        return List.copyOf(accepted);
    }

    public List<PutEventsRequestEntry> accepted(String detailType) {
        return accepted().stream().filter(e -> e.detailType().equals(detailType)).toList();
    }

    @Override
    public String serviceName() {
        return "events";
    }

    @Override
    public void close() {
    }
}
