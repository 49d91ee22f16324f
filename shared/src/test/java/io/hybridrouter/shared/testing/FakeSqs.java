package io.hybridrouter.shared.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** An in-memory SQS for tests of producers: records batches, can fail entries or whole calls. Thread-safe. */
public final class FakeSqs implements SqsClient {

    private final List<List<SendMessageBatchRequestEntry>> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<SendMessageBatchRequestEntry> accepted = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Predicate<SendMessageBatchRequestEntry> transientFailure = e -> false;
    private volatile Predicate<SendMessageBatchRequestEntry> senderFault = e -> false;
    private volatile int failWholeCalls;

    public FakeSqs failTransientlyWhere(Predicate<SendMessageBatchRequestEntry> p) {
        this.transientFailure = p;
        return this;
    }

    public FakeSqs rejectWhere(Predicate<SendMessageBatchRequestEntry> p) {
        this.senderFault = p;
        return this;
    }

    public FakeSqs failNextCalls(int n) {
        this.failWholeCalls = n;
        return this;
    }

    @Override
    public synchronized SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
        calls.add(List.copyOf(request.entries()));
        if (request.entries().size() > 10) {
            throw SqsException.builder().message("AWS.SimpleQueueService.TooManyEntriesInBatchRequest").build();
        }
        if (failWholeCalls > 0) {
            failWholeCalls--;
            throw SqsException.builder().message("Service unavailable").statusCode(503).build();
        }
        List<SendMessageBatchResultEntry> ok = new ArrayList<>();
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (SendMessageBatchRequestEntry e : request.entries()) {
            if (senderFault.test(e)) {
                failed.add(BatchResultErrorEntry.builder().id(e.id()).code("InvalidMessageContents")
                        .message("simulated").senderFault(true).build());
            } else if (transientFailure.test(e)) {
                failed.add(BatchResultErrorEntry.builder().id(e.id()).code("InternalError").message("simulated")
                        .senderFault(false).build());
            } else {
                accepted.add(e);
                ok.add(SendMessageBatchResultEntry.builder().id(e.id()).messageId("msg-" + ids.incrementAndGet())
                        .build());
            }
        }
        return SendMessageBatchResponse.builder().successful(ok).failed(failed).build();
    }

    public List<List<SendMessageBatchRequestEntry>> calls() {
        return List.copyOf(calls);
    }

    public List<SendMessageBatchRequestEntry> accepted() {
        return List.copyOf(accepted);
    }

    @Override
    public String serviceName() {
        return "sqs";
    }

    @Override
    public void close() {
    }
}
