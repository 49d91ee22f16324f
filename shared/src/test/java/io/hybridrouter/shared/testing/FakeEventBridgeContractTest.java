package io.hybridrouter.shared.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridrouter.shared.DecisionReason;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.Rejection;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.shared.TimeWindow;
import io.hybridrouter.shared.WorkloadType;
import io.hybridrouter.shared.events.EventTypes;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/** The fake bus every unit test publishes through refuses an event that breaks its published contract. */
class FakeEventBridgeContractTest {

    private static PutEventsRequest put(String detailType, String detail) {
        return PutEventsRequest.builder().entries(PutEventsRequestEntry.builder().source(EventTypes.SOURCE)
                .detailType(detailType).detail(detail).eventBusName("bus").build()).build();
    }

    private static RoutingDecision decision() {
        Job job = Job.of("j-1", WorkloadType.DATA_ETL, 10, TimeWindow.NIGHT, LoadPattern.LOW_LOAD);
        return new RoutingDecision("j-1", Platform.LAMBDA, 0.9, new RoutingDecision.Scores(0.9, 0.1),
                DecisionReason.MODEL, "v1", "2026-11-26T02:00:00Z", job);
    }

    @Test
    void acceptsEventsThatMeetTheirContract() {
        FakeEventBridge bus = new FakeEventBridge();
        bus.putEvents(put(EventTypes.ROUTING_DECISION, Json.write(decision())));
        bus.putEvents(put(EventTypes.JOB_REJECTED, Json.write(Rejection.of(null, List.of("job: must be a JSON object"),
                "[]", "m-1", "2026-11-26T02:00:00Z"))));
        assertThat(bus.accepted()).hasSize(2);
    }

    @Test
    void refusesADecisionThatBreaksItsContract() {
        FakeEventBridge bus = new FakeEventBridge();
        String broken = Json.write(decision()).replace("\"confidence\":0.9", "\"confidence\":1.9");
        assertThatThrownBy(() -> bus.putEvents(put(EventTypes.ROUTING_DECISION, broken)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("/detail/confidence");
        assertThat(bus.accepted()).isEmpty();
    }

    @Test
    void refusesAnEventOfAnotherSourceOrType() {
        assertThatThrownBy(() -> new FakeEventBridge().putEvents(put("Something", "{}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("not a router event");
    }

    @Test
    void checksNothingWhenTurnedOff() {
        FakeEventBridge bus = new FakeEventBridge().withoutContractChecks();
        bus.putEvents(put(EventTypes.ROUTING_DECISION, "{}"));
        assertThat(bus.accepted()).hasSize(1);
    }
}
