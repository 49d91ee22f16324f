package io.hybridrouter.dispatch.topology;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.shared.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The event EventBridge builds around a {@code PutEvents} entry; what rules match and targets receive. */
public final class EventEnvelope {

    private EventEnvelope() {
    }

    public static ObjectNode of(String source, String detailType, String detailJson, String account, String region,
            Instant time) {
        ObjectNode e = Json.object();
        e.put("version", "0");
        e.put("id", UUID.randomUUID().toString());
        e.put("detail-type", detailType);
        e.put("source", source);
        e.put("account", account);
        e.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        e.put("region", region);
        e.putArray("resources");
        e.set("detail", Json.read(detailJson));
        return e;
    }
}
