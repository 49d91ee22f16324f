package io.hybridrouter.shared.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridrouter.shared.testing.FakeEventBridge;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventPublisherTest {

    private final List<Long> sleeps = new ArrayList<>();

    private EventPublisher publisher(FakeEventBridge bus) {
        return new EventPublisher(bus, "bus-1", new Backoff(3, 10, 40), sleeps::add, line -> { });
    }

    private static List<OutboundEvent> events(int n) {
        return IntStream.range(0, n).mapToObj(i -> new OutboundEvent("m" + i, EventTypes.ROUTING_DECISION,
                "{\"job_id\":\"j" + i + "\"}")).toList();
    }

    @Test
    void sendsAtMostTenEntriesPerCall() {
        FakeEventBridge bus = new FakeEventBridge();
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
        FakeEventBridge bus = new FakeEventBridge().failEntriesWhere(e -> e.detail().contains("\"j3\"")
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
        FakeEventBridge bus = new FakeEventBridge().failEntriesWhere(e -> e.detail().contains("\"j1\""));
        EventPublisher.Result r = publisher(bus).publish(events(3));
        assertThat(r.failedIds()).containsExactly("m1");
        assertThat(r.failed().get("m1")).contains("InternalFailure");
        assertThat(bus.calls()).hasSize(3);
        assertThat(bus.accepted()).hasSize(2);
    }

    @Test
    void retriesWholeBatchWhenTheCallIsThrottled() {
        FakeEventBridge bus = new FakeEventBridge().throttleNextCalls(2);
        EventPublisher.Result r = publisher(bus).publish(events(4));
        assertThat(r.allPublished()).isTrue();
        assertThat(bus.accepted()).hasSize(4);

        FakeEventBridge down = new FakeEventBridge().throttleNextCalls(100);
        EventPublisher.Result none = publisher(down).publish(events(4));
        assertThat(none.failedIds()).containsExactly("m0", "m1", "m2", "m3");
        assertThat(none.failed().get("m0")).contains("Rate exceeded");
    }

    @Test
    void refusesAnEventOverTheSizeLimitWithoutSendingIt() {
        FakeEventBridge bus = new FakeEventBridge();
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
    void backoffStaysWithinItsCeiling() {
        Backoff b = new Backoff(5, 50, 400);
        for (int retry = 1; retry <= 10; retry++) {
            assertThat(b.delayMs(retry)).isBetween(0L, 400L);
        }
        assertThat(b.delayMs(1)).isBetween(25L, 50L);
    }
}
