package io.hybridrouter.shared.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridrouter.shared.testing.FakeEventBridge;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

class EventPublisherTest {

    private final List<Long> sleeps = new ArrayList<>();

    private EventPublisher publisher(FakeEventBridge bus) {
        return EventPublisher.builder(bus, "bus-1").backoff(new Backoff(3, 10, 40)).sleeper(sleeps::add).build();
    }

    private static List<OutboundEvent> events(int n) {
        return IntStream.range(0, n).mapToObj(i -> new OutboundEvent("m" + i, EventTypes.ROUTING_DECISION,
                "{\"job_id\":\"j" + i + "\"}")).toList();
    }

    @Test
    void sendsAtMostTenEntriesPerCall() {
        FakeEventBridge bus = new FakeEventBridge().withoutContractChecks();
        EventPublisher.Result r = publisher(bus).publish(events(23));
        assertThat(r.allPublished()).isTrue();
        assertThat(bus.calls()).extracting(List::size).containsExactly(10, 10, 3);
        assertThat(bus.accepted()).allSatisfy(e -> {
            assertThat(e.eventBusName()).isEqualTo("bus-1");
            assertThat(e.source()).isEqualTo("hybrid.router");
        });
    }

    @Test
    void retriesOnlyFailedEntries_whenPutEventsPartiallyFails() {
        int[] tries = new int[1];
        FakeEventBridge bus = new FakeEventBridge().withoutContractChecks().failEntriesWhere(e -> e.detail().contains("\"j3\"")
                && tries[0]++ < 1);
        EventPublisher.Result r = publisher(bus).publish(events(5));
        assertThat(r.allPublished()).isTrue();
        assertThat(bus.calls()).hasSize(2);
        assertThat(bus.calls().get(1)).singleElement().satisfies(e -> assertThat(e.detail()).contains("\"j3\""));
        assertThat(bus.accepted()).hasSize(5);
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void reportsEntriesStillFailingAfterEveryTry() {
        FakeEventBridge bus = new FakeEventBridge().withoutContractChecks().failEntriesWhere(e -> e.detail().contains("\"j1\""));
        EventPublisher.Result r = publisher(bus).publish(events(3));
        assertThat(r.failedIds()).containsExactly("m1");
        assertThat(r.failed().get("m1")).contains("InternalFailure");
        assertThat(bus.calls()).hasSize(3);
        assertThat(bus.accepted()).hasSize(2);
    }

    @Test
    void sendsEachEventOnceOnItsOwnAfterAWholeCallFailure() {
        FakeEventBridge bus = new FakeEventBridge().withoutContractChecks().throttleNextCalls(1);
        EventPublisher.Result r = publisher(bus).publish(events(4));
        assertThat(r.allPublished()).isTrue();
        assertThat(bus.accepted()).hasSize(4);
        assertThat(bus.calls()).extracting(List::size).containsExactly(4, 1, 1, 1, 1);

        FakeEventBridge down = new FakeEventBridge().withoutContractChecks().throttleNextCalls(100);
        EventPublisher.Result none = publisher(down).publish(events(4));
        assertThat(none.failedIds()).containsExactly("m0", "m1", "m2", "m3");
        assertThat(none.failed().get("m0")).contains("Rate exceeded");
    }

    @Test
    void refusesAnEventOverTheSizeLimitWithoutSendingIt() {
        FakeEventBridge bus = new FakeEventBridge().withoutContractChecks();
        OutboundEvent huge = new OutboundEvent("big", EventTypes.JOB_REJECTED, "\"" + "x".repeat(1_100_000) + "\"");
        EventPublisher.Result r = publisher(bus).publish(List.of(huge));
        assertThat(r.failed().get("big")).contains("over EventBridge's limit");
        assertThat(bus.calls()).isEmpty();
    }

    @Test
    void splitsCallsThatWouldPassOneMegabyte() {
        List<OutboundEvent> large = IntStream.range(0, 5).mapToObj(i -> new OutboundEvent("m" + i,
                EventTypes.ROUTING_DECISION, "\"" + "y".repeat(400_000) + "\"")).toList();
        assertThat(EventPublisher.batches(large)).extracting(List::size).containsExactly(2, 2, 1);
    }

    @Test
    void backoffDrawsFullJitterFromZeroToItsCeiling() {
        Backoff b = new Backoff(5, 50, 400);
        for (int n = 1; n <= 10; n++) {
            int retry = n;
            long ceiling = Math.min(400, 50L << (retry - 1));
            List<Long> draws = IntStream.range(0, 2_000).mapToObj(i -> b.delayMs(retry)).toList();
            assertThat(draws).allSatisfy(d -> assertThat(d).isBetween(0L, ceiling));
            // uniform on [0, ceiling]: 2,000 draws all in the upper three quarters would be a 0.75^2000 chance
            assertThat(draws).anySatisfy(d -> assertThat(d).isLessThan(ceiling / 4));
            assertThat(draws).anySatisfy(d -> assertThat(d).isGreaterThan(ceiling * 3 / 4));
        }
    }

    @Test
    void aCallThatFailsAfterTheServiceAcceptedItIsNeverResentWhole_copiesStayWithinTheBound() {
        FakeEventBridge bus = new FakeEventBridge().withoutContractChecks().acceptThenFailNextCalls(1_000);
        EventPublisher.Result r = publisher(bus).publish(events(3));
        assertThat(r.failedIds()).containsExactly("m0", "m1", "m2");
        // the batch once, then each event once in a call of its own; never the whole batch again
        assertThat(bus.calls()).extracting(List::size).containsExactly(3, 1, 1, 1);
        for (int i = 0; i < 3; i++) {
            String id = "\"j" + i + "\"";
            assertThat(bus.copies(e -> e.detail().contains(id))).isEqualTo(2)
                    .isLessThanOrEqualTo(new Backoff(3, 10, 40).maxAttempts());
        }
    }

    @Test
    void aPoisonEntryDoesNotDragItsBatchMatesThroughRetries() {
        FakeEventBridge bus = new FakeEventBridge().withoutContractChecks().failCallsCarrying(e -> e.detail().contains("\"j1\""));
        EventPublisher.Result r = publisher(bus).publish(events(4));
        assertThat(r.failedIds()).containsExactly("m1");
        assertThat(r.failed().get("m1")).contains("simulated poison entry");
        assertThat(bus.calls()).extracting(List::size).containsExactly(4, 1, 1, 1, 1);
        assertThat(bus.accepted()).extracting(e -> e.detail()).containsExactly("{\"job_id\":\"j0\"}",
                "{\"job_id\":\"j2\"}", "{\"job_id\":\"j3\"}");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void neverThrowsForAnEntryThatCannotBeBuiltOrAClientThatThrowsUnexpectedly() {
        FakeEventBridge bus = new FakeEventBridge().withoutContractChecks();
        List<OutboundEvent> withNull = new ArrayList<>(events(2));
        withNull.add(new OutboundEvent("m-null", EventTypes.ROUTING_DECISION, null));
        EventPublisher.Result r = publisher(bus).publish(withNull);
        assertThat(r.failedIds()).containsExactly("m-null");
        assertThat(bus.accepted()).hasSize(2);

        EventPublisher broken = EventPublisher.builder(new EventBridgeClient() {
            @Override
            public PutEventsResponse putEvents(PutEventsRequest request) {
                throw new IllegalStateException("cannot match event: nesting depth");
            }

            @Override
            public String serviceName() {
                return "events";
            }

            @Override
            public void close() {
            }
        }, "bus-1").backoff(new Backoff(3, 10, 40)).sleeper(sleeps::add).build();
        EventPublisher.Result none = broken.publish(events(2));
        assertThat(none.failed()).containsOnlyKeys("m0", "m1");
        assertThat(none.failed().get("m0")).contains("cannot match event");
    }
}
