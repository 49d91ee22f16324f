package io.hybridrouter.localstack.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridrouter.shared.events.EventTypes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

class EmbeddedBusTest {

    private static String detailOfDepth(int depth) {
        return "{\"platform\":\"lambda\",\"x\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}";
    }

    private static PutEventsRequestEntry entry(String detail) {
        return PutEventsRequestEntry.builder().eventBusName("b").source(EventTypes.SOURCE)
                .detailType(EventTypes.ROUTING_DECISION).detail(detail).build();
    }

    @Test
    void failsAnEntryWhoseEventCannotBeBuiltInsteadOfThrowing() {
        List<String> delivered = new ArrayList<>();
        EmbeddedBus bus = new EmbeddedBus("b", (target, event, input) -> delivered.add(target.id()), Clock.systemUTC());
        // a detail at the writer's limit: its envelope is one level deeper than any JSON writer here takes
        PutEventsResponse r = bus.putEvents(PutEventsRequest.builder().entries(entry(detailOfDepth(1_000)),
                entry(detailOfDepth(3))).build());
        assertThat(r.failedEntryCount()).isEqualTo(1);
        assertThat(r.entries().get(0).errorCode()).isEqualTo("ValidationException");
        assertThat(r.entries().get(0).errorMessage()).contains("cannot take the event");
        assertThat(r.entries().get(1).eventId()).isNotNull();
        assertThat(delivered).isNotEmpty();
    }

    @Test
    void aTargetThatThrowsDoesNotFailThePut() {
        EmbeddedBus bus = new EmbeddedBus("b", (target, event, input) -> {
            throw new IllegalStateException("queue gone");
        }, Clock.systemUTC());
        PutEventsResponse r = bus.putEvents(PutEventsRequest.builder().entries(entry(detailOfDepth(2))).build());
        assertThat(r.failedEntryCount()).isZero();
    }
}
