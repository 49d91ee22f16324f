package io.hybridrouter.localstack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.contracts.Contracts;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.events.EventTypes;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Reads what landed on a queue, for assertions. Every router event it reads must meet its published
 * contract in {@code contracts/} (the end-to-end tests fail on one that does not).
 */
public final class Queues {

    private Queues() {
    }

    /** Receives and deletes everything currently on the queue. */
    public static List<String> drain(SqsClient sqs, String url) {
        List<String> bodies = new ArrayList<>();
        int emptyPolls = 0;
        while (emptyPolls < 2) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages();
            if (got.isEmpty()) {
                emptyPolls++;
                continue;
            }
            emptyPolls = 0;
            for (Message m : got) {
                requireContract(m.body());
                bodies.add(m.body());
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        return bodies;
    }

    /**
     * Checks a message body that is an event from the router's bus (a rule target's delivery) against
     * its contract; other bodies (jobs on the jobs DLQ) are not events and pass.
     */
    public static void requireContract(String body) {
        JsonNode event;
        try {
            event = Json.read(body);
        } catch (RuntimeException notJson) {
            return;
        }
        if (event.isObject() && EventTypes.SOURCE.equals(event.path("source").asText()) && event.has("detail-type")) {
            Contracts.requireValidEvent(event);
        }
    }

    /** The {@code detail} of each EventBridge event drained from the queue. */
    public static List<JsonNode> details(SqsClient sqs, String url) {
        return drain(sqs, url).stream().map(b -> Json.read(b).get("detail")).toList();
    }

    public static int approximateCount(SqsClient sqs, String url) {
        var attrs = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings(
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
        return Integer.parseInt(attrs.getOrDefault("ApproximateNumberOfMessages", "0"))
                + Integer.parseInt(attrs.getOrDefault("ApproximateNumberOfMessagesNotVisible", "0"));
    }
}
