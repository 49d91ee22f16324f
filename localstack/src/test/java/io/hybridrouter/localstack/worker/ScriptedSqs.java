package io.hybridrouter.localstack.worker;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsServiceClientConfiguration;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * An SQS for tests of the worker: each receive takes the next scripted step (a batch of messages or
 * an exception to throw); when the script is done it answers empty after "waiting" its long-poll
 * time on a fake clock. Records deletes. Not thread-safe: one worker thread.
 */
final class ScriptedSqs implements SqsClient {

    static final URI ENDPOINT = URI.create("http://localhost:5000");

    private final AtomicLong clockNanos;
    private final Deque<Supplier<List<Message>>> steps = new ArrayDeque<>();
    private final List<String> deleted = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger receives = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private RuntimeException deleteFailure;
    private AtomicBoolean stop;
    private long stopAtNanos = Long.MAX_VALUE;
    private int stopAtReceive = Integer.MAX_VALUE;

    ScriptedSqs(AtomicLong clockNanos) {
        this.clockNanos = clockNanos;
    }

    /** The next receive returns {@code n} new messages. */
    ScriptedSqs batch(int n) {
        steps.add(() -> {
            List<Message> batch = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String id = "m" + ids.incrementAndGet();
                batch.add(Message.builder().messageId(id).receiptHandle("rh-" + id).body("{}").build());
            }
            return batch;
        });
        return this;
    }

    /** The next {@code times} receives throw {@code failure}. */
    ScriptedSqs failing(int times, RuntimeException failure) {
        for (int i = 0; i < times; i++) {
            steps.add(() -> {
                throw failure;
            });
        }
        return this;
    }

    /** The next delete call throws {@code failure}. */
    ScriptedSqs failNextDelete(RuntimeException failure) {
        this.deleteFailure = failure;
        return this;
    }

    /** Sets {@code flag} at the first receive at or after {@code nanos} on the fake clock. */
    ScriptedSqs stopAt(long nanos, AtomicBoolean flag) {
        this.stopAtNanos = nanos;
        this.stop = flag;
        return this;
    }

    /** Sets {@code flag} at the {@code n}-th receive. */
    ScriptedSqs stopAfterReceives(int n, AtomicBoolean flag) {
        this.stopAtReceive = n;
        this.stop = flag;
        return this;
    }

    /** Receipt handles deleted so far. */
    List<String> deleted() {
        return List.copyOf(deleted);
    }

    int receives() {
        return receives.get();
    }

    @Override
    public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
        int n = receives.incrementAndGet();
        if (stop != null && (clockNanos.get() >= stopAtNanos || n >= stopAtReceive)) {
            stop.set(true);
        }
        Supplier<List<Message>> step = steps.poll();
        if (step != null) {
            return ReceiveMessageResponse.builder().messages(step.get()).build();
        }
        int wait = request.waitTimeSeconds() == null ? 0 : request.waitTimeSeconds();
        clockNanos.addAndGet(wait > 0 ? wait * 1_000_000_000L : 1_000_000L);
        return ReceiveMessageResponse.builder().build();
    }

    @Override
    public DeleteMessageBatchResponse deleteMessageBatch(DeleteMessageBatchRequest request) {
        if (deleteFailure != null) {
            RuntimeException e = deleteFailure;
            deleteFailure = null;
            throw e;
        }
        List<DeleteMessageBatchResultEntry> ok = new ArrayList<>();
        for (DeleteMessageBatchRequestEntry e : request.entries()) {
            deleted.add(e.receiptHandle());
            ok.add(DeleteMessageBatchResultEntry.builder().id(e.id()).build());
        }
        return DeleteMessageBatchResponse.builder().successful(ok).build();
    }

    @Override
    public SqsServiceClientConfiguration serviceClientConfiguration() {
        return SqsServiceClientConfiguration.builder().endpointOverride(ENDPOINT).build();
    }

    @Override
    public String serviceName() {
        return "sqs";
    }

    @Override
    public void close() {
    }
}
