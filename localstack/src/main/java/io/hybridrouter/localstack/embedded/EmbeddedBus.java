package io.hybridrouter.localstack.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.dispatch.inspect.DeclaredBus;
import io.hybridrouter.dispatch.topology.EventEnvelope;
import io.hybridrouter.dispatch.topology.RoutingTopology;
import io.hybridrouter.shared.cost.AwsPricing;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * An event bus in this process: {@code PutEvents} wraps each entry in the envelope EventBridge
 * would and routes it with the {@link DeclaredBus} (the SAME declared rules, matched with
 * event-ruler, each target's input rendered by its input transformer), then hands every
 * (target, event, input) to a {@link Delivery}. Never throws for one entry: an entry whose event
 * cannot be built or matched comes back failed with the reason, as EventBridge reports a bad entry,
 * and a delivery that throws is reported on stderr (on AWS a target's failure never fails
 * {@code PutEvents}). Thread-safe if the delivery is.
 */
public final class EmbeddedBus implements EventBridgeClient {

    /** Where matched events go. Must not block for long: it runs on the publisher's thread. */
    @FunctionalInterface
    public interface Delivery {
        void deliver(RoutingTopology.Target target, ObjectNode event, String input);
    }

    static final String ACCOUNT = "000000000000";
    static final String REGION = "us-east-1";

    private final String busName;
    private final Delivery delivery;
    private final Clock clock;

    public EmbeddedBus(String busName, Delivery delivery, Clock clock) {
        this.busName = busName;
        this.delivery = delivery;
        this.clock = clock;
    }

    @Override
    public PutEventsResponse putEvents(PutEventsRequest request) {
        List<PutEventsResultEntry> results = new ArrayList<>(request.entries().size());
        int failed = 0;
        for (PutEventsRequestEntry entry : request.entries()) {
            String error = check(entry);
            if (error != null) {
                failed++;
                results.add(PutEventsResultEntry.builder().errorCode("ValidationException").errorMessage(error).build());
                continue;
            }
            ObjectNode event;
            List<DeclaredBus.Route> routes;
            try {
                event = EventEnvelope.of(entry.source(), entry.detailType(), entry.detail(), ACCOUNT, REGION,
                        clock.instant());
                routes = DeclaredBus.route(event);
            } catch (RuntimeException e) {
                failed++;
                results.add(PutEventsResultEntry.builder().errorCode("ValidationException")
                        .errorMessage("cannot take the event: " + e.getMessage()).build());
                continue;
            }
            for (DeclaredBus.Route route : routes) {
                try {
                    delivery.deliver(route.target(), event, route.input());
                } catch (RuntimeException e) {
                    System.err.println("embedded bus: rule " + route.rule().suffix() + ": delivery to "
                            + route.target().id() + " failed: " + e.getMessage());
                }
            }
            results.add(PutEventsResultEntry.builder().eventId(event.get("id").asText()).build());
        }
        return PutEventsResponse.builder().failedEntryCount(failed).entries(results).build();
    }

    private String check(PutEventsRequestEntry entry) {
        if (entry.eventBusName() != null && !entry.eventBusName().equals(busName)) {
            return "event bus " + entry.eventBusName() + " does not exist (this one is " + busName + ")";
        }
        if (entry.source() == null || entry.detailType() == null || entry.detail() == null) {
            return "source, detail-type and detail are required";
        }
        if ((entry.source() + entry.detailType() + entry.detail()).length() > AwsPricing.EVENTBRIDGE_MAX_EVENT_BYTES) {
            return "event over the size limit";
        }
        return null;
    }

    @Override
    public String serviceName() {
        return "events";
    }

    @Override
    public void close() {
    }
}
