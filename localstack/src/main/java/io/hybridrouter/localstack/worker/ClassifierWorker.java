package io.hybridrouter.localstack.worker;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.hybridrouter.shared.events.Backoff;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The classifier as a long-running worker: long-polls the jobs queue and runs the SAME handler on
 * each batch that the Lambda runs ({@code ClassifierHandler}), deleting only the messages the
 * handler did not report as failures (those come back after the visibility timeout and, after
 * {@code maxReceiveCount}, go to the DLQ, exactly as with the Lambda event source). A batch whose
 * handling throws is left on the queue the same way and the worker goes on. Failed receives are
 * retried with capped, jittered backoff and one clear note. Stops after {@code maxIdle} with nothing
 * received, after {@code maxIdle} of failed receives, or when asked to, after the batch in hand.
 * One {@link #run} at a time: a worker is not meant to be shared between threads.
 */
public final class ClassifierWorker {

    /** Longest single long-poll, so a stop request is noticed within this time. */
    static final int MAX_WAIT_S = 5;

    private final SqsClient sqs;
    private final String queueUrl;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
    private final Duration maxIdle;
    private final Consumer<String> log;
    private final LongSupplier nanoTime;
    private final Backoff.Sleeper sleeper;
    private final DoubleSupplier jitter;

    private ClassifierWorker(Builder b) {
        this.sqs = b.sqs;
        this.queueUrl = b.queueUrl;
        this.handler = b.handler;
        this.maxIdle = b.maxIdle;
        this.log = b.log;
        this.nanoTime = b.nanoTime;
        this.sleeper = b.sleeper;
        this.jitter = b.jitter;
    }

    /** A worker reading {@code queueUrl} and handing each batch to {@code handler}. */
    public static Builder builder(SqsClient sqs, String queueUrl, RequestHandler<SQSEvent, SQSBatchResponse> handler) {
        return new Builder(sqs, queueUrl, handler);
    }

    /** Builds a {@link ClassifierWorker}; not thread-safe. */
    public static final class Builder {
        private final SqsClient sqs;
        private final String queueUrl;
        private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
        private Duration maxIdle = Duration.ofSeconds(10);
        private Consumer<String> log = line -> { };
        private LongSupplier nanoTime = System::nanoTime;
        private Backoff.Sleeper sleeper = Backoff.Sleeper.REAL;
        private DoubleSupplier jitter = Math::random;

        private Builder(SqsClient sqs, String queueUrl, RequestHandler<SQSEvent, SQSBatchResponse> handler) {
            this.sqs = sqs;
            this.queueUrl = queueUrl;
            this.handler = handler;
        }

        /** Stop after this long with nothing received (default 10 s). */
        public Builder maxIdle(Duration d) {
            this.maxIdle = d;
            return this;
        }

        /** Where the worker's one-line notes go (default: nowhere). */
        public Builder log(Consumer<String> l) {
            this.log = l;
            return this;
        }

        /** The monotonic clock, in nanoseconds (tests pass a fake one). */
        Builder nanoTime(LongSupplier t) {
            this.nanoTime = t;
            return this;
        }

        /** How the worker waits between polls and retries (tests pass one that advances a fake clock). */
        Builder sleeper(Backoff.Sleeper s) {
            this.sleeper = s;
            return this;
        }

        /** Uniform random numbers from [0, 1) for the retry jitter (tests pass fixed ones). */
        Builder jitter(DoubleSupplier j) {
            this.jitter = j;
            return this;
        }

        public ClassifierWorker build() {
            return new ClassifierWorker(this);
        }
    }

    /**
     * What a run did.
     *
     * @param batches  batches handled
     * @param messages messages received
     * @param deleted  messages done with (published)
     * @param retried  messages left on the queue for redelivery (reported as failures, or their batch failed)
     * @param failure  why the run gave up, when it did: receiving failed for {@code maxIdle} without a break
     */
    public record Stats(int batches, int messages, int deleted, int retried, Optional<String> failure) {
    }

    /**
     * Runs until nothing has been received for {@code maxIdle}, until receiving has failed for
     * {@code maxIdle} without a break (then {@link Stats#failure()} says why), until {@code stop} is
     * set, or until the thread is interrupted. An exception or error from one batch is logged and
     * leaves that batch on the queue; only an error after which the JVM cannot be trusted
     * ({@link #isFatal}) ends the run, by propagating.
     */
    public Stats run(AtomicBoolean stop) {
        Tally tally = new Tally();
        ReceiveFailures failures = new ReceiveFailures(endpoint(), queueUrl, jitter, log);
        long maxIdleMs = maxIdle.toMillis();
        // idle means nothing received: the clock restarts after each batch is handled, not when it arrives
        long idleSince = nanoTime.getAsLong();
        while (!stop.get()) {
            long leftMs = maxIdleMs - (nanoTime.getAsLong() - idleSince) / 1_000_000;
            if (!failures.failing() && leftMs <= 0) {
                break;
            }
            int wait = failures.failing() ? 0 : (int) Math.max(0, Math.min(MAX_WAIT_S, leftMs / 1000));
            List<Message> received;
            try {
                received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(wait)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All"))
                        .messages();
            } catch (RuntimeException e) {
                long delay = failures.failed(e, nanoTime.getAsLong());
                long failingMs = failures.failingForNanos(nanoTime.getAsLong()) / 1_000_000;
                if (failingMs >= maxIdleMs) {
                    return tally.stats(Optional.of(failures.verdict(nanoTime.getAsLong())));
                }
                if (!pause(Math.min(delay, maxIdleMs - failingMs))) {
                    break;
                }
                continue;
            }
            if (failures.recovered(nanoTime.getAsLong())) {
                idleSince = nanoTime.getAsLong();
            }
            if (received.isEmpty()) {
                if (wait == 0 && !pause(Math.max(1, Math.min(200, leftMs)))) {
                    break;
                }
                continue;
            }
            handle(received, tally);
            idleSince = nanoTime.getAsLong();
        }
        return tally.stats(Optional.empty());
    }

    /**
     * Whether a thread that caught {@code e} should stop rather than go on: the JVM's own errors
     * (out of memory, internal error), after which nothing it does can be trusted. A stack overflow
     * is not one of them: it unwinds the stack it overflowed and leaves the thread sound.
     */
    public static boolean isFatal(Throwable e) {
        return e instanceof VirtualMachineError && !(e instanceof StackOverflowError);
    }

    private void handle(List<Message> received, Tally tally) {
        tally.batches++;
        tally.messages += received.size();
        List<Message> done;
        try {
            SQSBatchResponse response = handler.handleRequest(event(received), null);
            Set<String> failed = response.getBatchItemFailures().stream()
                    .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
            done = received.stream().filter(m -> !failed.contains(m.messageId())).toList();
        } catch (RuntimeException | Error e) {
            // whatever one batch does must not end the worker: its messages stay on the queue
            if (isFatal(e)) {
                throw e;
            }
            log.accept("batch of " + received.size() + " messages failed (" + describe(e) + "); left on the queue: "
                    + "SQS delivers them again after the visibility timeout, the DLQ takes them after maxReceiveCount");
            tally.retried += received.size();
            return;
        }
        int deleted = delete(done);
        tally.deleted += deleted;
        tally.retried += received.size() - deleted;
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
        } catch (RuntimeException | Error e) {
            if (isFatal(e)) {
                throw e;
            }
            log.accept("delete failed (" + describe(e) + "); the batch will be delivered again and deduplicated "
                    + "downstream");
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

    /** Waits; false when interrupted, which ends the run (the interrupt stays set for the caller). */
    private boolean pause(long ms) {
        try {
            sleeper.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Where the client sends requests, for messages: its endpoint override, else the queue URL's origin. */
    private String endpoint() {
        try {
            Optional<URI> override = sqs.serviceClientConfiguration().endpointOverride();
            if (override.isPresent()) {
                return override.get().toString();
            }
        } catch (RuntimeException e) {
            // a client without a configuration to show: fall back to the queue URL
        }
        URI q = URI.create(queueUrl);
        return q.getScheme() + "://" + q.getAuthority();
    }

    static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + Backoff.firstLine(e.getMessage());
    }

    /** Counts over one run. */
    private static final class Tally {
        int batches;
        int messages;
        int deleted;
        int retried;

        Stats stats(Optional<String> failure) {
            return new Stats(batches, messages, deleted, retried, failure);
        }
    }
}
