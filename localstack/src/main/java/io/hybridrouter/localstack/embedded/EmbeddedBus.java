package io.hybridrouter.localstack.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.dispatch.topology.EventEnvelope;
import io.hybridrouter.dispatch.topology.InputTransformers;
import io.hybridrouter.dispatch.topology.RoutingTopology;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.cost.AwsPricing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.event.ruler.Machine;

/**
 * An event bus in this process: {@code PutEvents} wraps each entry in the envelope EventBridge
 * would, matches it against the SAME declared rules ({@link RoutingTopology}) with event-ruler (the
 * matching engine behind EventBridge), renders each target's input transformer, and hands every
 * (target, event, input) to a {@link Delivery}. Never throws for one entry: an entry whose event
 * cannot be built or matched comes back failed with the reason, as EventBridge reports a bad entry,
 * and a delivery that throws is reported on stderr (on AWS a target's failure never fails
 * {@code PutEvents}). Thread-safe: event-ruler's machine is read-only once built.
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
    private final Machine machine = Machine.builder().build();

    public EmbeddedBus(String busName, Delivery delivery, Clock clock) {
        this.busName = busName;
        this.delivery = delivery;
        this.clock = clock;
        try {
            for (RoutingTopology.Rule rule : RoutingTopology.rules()) {
                machine.addRule(rule.suffix(), rule.eventPattern());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a declared event pattern does not parse", e);
        }
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
            List<String> rules;
            try {
                event = EventEnvelope.of(entry.source(), entry.detailType(), entry.detail(), ACCOUNT, REGION,
                        clock.instant());
                rules = matching(event);
            } catch (RuntimeException e) {
                failed++;
                results.add(PutEventsResultEntry.builder().errorCode("ValidationException")
                        .errorMessage("cannot take the event: " + e.getMessage()).build());
                continue;
            }
            for (String ruleName : rules) {
                for (RoutingTopology.Target target : RoutingTopology.rule(ruleName).targets()) {
                    try {
                        String input = target.input().map(t -> InputTransformers.render(t, event))
                                .orElseGet(() -> Json.write(event));
                        delivery.deliver(target, event, input);
                    } catch (RuntimeException e) {
                        System.err.println("embedded bus: rule " + ruleName + ": delivery to " + target.id()
                                + " failed: " + e.getMessage());
                    }
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

    private List<String> matching(ObjectNode event) {
        try {
            return machine.rulesForJSONEvent(Json.write(event));
        } catch (Exception e) {
            throw new IllegalStateException("cannot match event: " + e.getMessage(), e);
        }
    }

    @Override
    public String serviceName() {
        return "events";
    }

    @Override
    public void close() {
    }
}
