package io.hybridrouter.shared.events;

import io.hybridrouter.shared.cost.AwsPricing;
import java.nio.charset.StandardCharsets;

/**
 * One event to put on the bus.
 *
 * @param id         the caller's key for it (an SQS message id, a job id), echoed in failures
 * @param detailType {@link EventTypes}
 * @param detail     the detail as JSON
 */
public record OutboundEvent(String id, String detailType, String detail) {

    /** The size EventBridge counts against its per-event limit: source, detail-type and detail, in UTF-8 bytes. */
    public int sizeBytes() {
        return (EventTypes.SOURCE + detailType + detail).getBytes(StandardCharsets.UTF_8).length;
    }

    public boolean fitsOnTheBus() {
        return sizeBytes() <= AwsPricing.EVENTBRIDGE_MAX_EVENT_BYTES;
    }
}
