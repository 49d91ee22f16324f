package io.hybridrouter.dispatch.topology;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.shared.Json;
import java.util.Map;

/**
 * Renders an input transformer the way EventBridge does, for the embedded bus and for
 * {@code rules explain}: each variable is read from the event with its JSON path (dot notation); as
 * EventBridge documents, a variable whose path does not exist is not created and its placeholder
 * stays as it is. Inserted values are not escaped: a string goes in as its text, anything else as
 * its JSON (the templates here put every placeholder inside quotes, with values that need no
 * escaping). Stateless.
 */
public final class InputTransformers {

    private InputTransformers() {
    }

    /** The target input for {@code event} (the whole event JSON). */
    public static String render(RoutingTopology.InputTransformer transformer, JsonNode event) {
        String out = transformer.template();
        for (Map.Entry<String, String> var : transformer.paths().entrySet()) {
            JsonNode value = resolve(event, var.getValue());
            if (value == null || value.isMissingNode()) {
                continue;
            }
            String text = value.isTextual() ? value.asText() : Json.write(value);
            out = out.replace("<" + var.getKey() + ">", text);
        }
        return out;
    }

    /** The node at a {@code $.a.b.c} path, or null. */
    static JsonNode resolve(JsonNode event, String path) {
        if (!path.startsWith("$")) {
            throw new IllegalArgumentException("input path must start with $: " + path);
        }
        JsonNode node = event;
        if (path.length() > 1) {
            for (String part : path.substring(2).split("\\.")) {
                if (node == null) {
                    return null;
                }
                node = node.get(part);
            }
        }
        return node;
    }
}
