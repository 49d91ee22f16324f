package io.hybridrouter.localstack.worker;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.hybridrouter.classifier.ClassifierHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The classifier as a long-running worker: long-polls the jobs queue and runs the SAME
 * {@link ClassifierHandler} on each batch that the Lambda runs, deleting only the messages the
 * handler did not report as failures (those come back after the visibility timeout and, after
 * {@code maxReceiveCount}, go to the DLQ, exactly as with the Lambda event source). Stops after
 * {@code maxIdle} with nothing to read, or when asked to, after the batch in hand.
 */
public final class ClassifierWorker {

    /** Longest single long-poll, so a stop request is noticed within this time. */
    static final int MAX_WAIT_S = 5;

    private final SqsClient sqs;
    private final String queueUrl;
    private final ClassifierHandler handler;
    private final Duration maxIdle;
    private final Consumer<String> log;

    public ClassifierWorker(SqsClient sqs, String queueUrl, ClassifierHandler handler, Duration maxIdle,
            Consumer<String> log) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.handler = handler;
        this.maxIdle = maxIdle;
        this.log = log;
    }

    /**
     * What a run did.
     *
     * @param batches  batches handled
     * @param messages messages received
     * @param deleted  messages done with (published)
     * @param retried  messages left for redelivery
     */
    public record Stats(int batches, int messages, int deleted, int retried) {
    }

    /** Runs until idle for {@code maxIdle} or until {@code stop} is set. */
    public Stats run(AtomicBoolean stop) {
        int batches = 0;
        int messages = 0;
        int deleted = 0;
        int retried = 0;
        long idleSince = System.nanoTime();
        while (!stop.get()) {
            long idleMs = (System.nanoTime() - idleSince) / 1_000_000;
            long leftMs = maxIdle.toMillis() - idleMs;
            if (leftMs <= 0) {
                break;
            }
            int wait = (int) Math.max(0, Math.min(MAX_WAIT_S, leftMs / 1000));
            List<Message> received;
            try {
                received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(wait)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All"))
                        .messages();
            } catch (SdkException e) {
                log.accept("receive failed: " + e.getMessage() + "; retrying");
                sleep(1_000);
                continue;
            }
            if (received.isEmpty()) {
                if (wait == 0) {
                    sleep(Math.min(200, leftMs));
                }
                continue;
            }
            idleSince = System.nanoTime();
            batches++;
            messages += received.size();
            SQSBatchResponse response = handler.handleRequest(event(received), null);
            Set<String> failed = response.getBatchItemFailures().stream()
                    .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
            retried += failed.size();
            deleted += delete(received.stream().filter(m -> !failed.contains(m.messageId())).toList());
        }
        return new Stats(batches, messages, deleted, retried);
    }

    private int delete(List<Message> done) {
        if (done.isEmpty()) {
            return 0;
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < done.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .receiptHandle(done.get(i).receiptHandle()).build());
        }
        try {
            var r = sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            r.failed().forEach(f -> log.accept("delete failed for a message (" + f.code() + "); it will be "
                    + "delivered again and deduplicated downstream"));
            return r.successful().size();
        } catch (SdkException e) {
            log.accept("delete failed: " + e.getMessage() + "; the batch will be delivered again");
            return 0;
        }
    }

    /** The batch as the Lambda SQS event source would hand it to the function. */
    static SQSEvent event(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>(messages.size());
        for (Message m : messages) {
            SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
            r.setMessageId(m.messageId());
            r.setReceiptHandle(m.receiptHandle());
            r.setBody(m.body());
            r.setMd5OfBody(m.md5OfBody());
            r.setEventSource("aws:sqs");
            Map<String, String> attributes = new HashMap<>();
            m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            r.setAttributes(attributes);
            records.add(r);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
