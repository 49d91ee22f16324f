package io.hybridrouter.localstack.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

class ClassifierWorkerTest {

    private static final String QUEUE = "http://localhost:5000/123456789012/jobs";
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong();
    private final List<Long> sleeps = Collections.synchronizedList(new ArrayList<>());
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final ScriptedSqs sqs = new ScriptedSqs(clock);

    private ClassifierWorker worker(RequestHandler<SQSEvent, SQSBatchResponse> handler, Duration maxIdle,
            DoubleSupplier jitter) {
        return ClassifierWorker.builder(sqs, QUEUE, handler).maxIdle(maxIdle).log(log::add)
                .nanoTime(clock::get).sleeper(ms -> {
                    sleeps.add(ms);
                    clock.addAndGet(ms * 1_000_000L);
                }).jitter(jitter).build();
    }

    private static SQSBatchResponse allDone(SQSEvent event, Context context) {
        return SQSBatchResponse.builder().withBatchItemFailures(List.of()).build();
    }

    private static SdkClientException connectionRefused() {
        return SdkClientException.builder().message("Unable to execute HTTP request: Connection refused")
                .cause(new ConnectException("Connection refused")).build();
    }

    private static QueueDoesNotExistException noSuchQueue() {
        return QueueDoesNotExistException.builder()
                .message("The specified queue does not exist.").statusCode(400).awsErrorDetails(
                        AwsErrorDetails.builder().errorCode("AWS.SimpleQueueService.NonExistentQueue").build()).build();
    }

    @Test
    void keepsHandlingLaterBatches_whenTheHandlerThrowsOnOne() {
        sqs.batch(2).batch(3).batch(4).batch(5);
        AtomicInteger calls = new AtomicInteger();
        ClassifierWorker w = worker((event, context) -> {
            switch (calls.incrementAndGet()) {
                case 2 -> throw new IllegalStateException("cannot write event: depth 1001");
                case 3 -> throw new StackOverflowError();
                default -> {
                    return allDone(event, context);
                }
            }
        }, Duration.ofSeconds(2), () -> 0.5);

        ClassifierWorker.Stats stats = w.run(new AtomicBoolean());

        assertThat(stats.batches()).isEqualTo(4);
        assertThat(stats.messages()).isEqualTo(14);
        assertThat(stats.deleted()).isEqualTo(7);
        assertThat(stats.retried()).isEqualTo(7);
        assertThat(stats.failure()).isEmpty();
        // the batches that failed stay on the queue, for redelivery and, after maxReceiveCount, the DLQ
        assertThat(sqs.deleted()).containsExactlyInAnyOrder("rh-m1", "rh-m2", "rh-m10", "rh-m11", "rh-m12",
                "rh-m13", "rh-m14");
        assertThat(log).filteredOn(l -> l.contains("IllegalStateException: cannot write event: depth 1001"))
                .singleElement().asString().contains("batch of 3 messages").contains("left on the queue");
        assertThat(log).filteredOn(l -> l.contains("StackOverflowError")).hasSize(1);
    }

    @Test
    void leavesTheBatchForRedeliveryAndGoesOn_whenDeleteThrows() {
        sqs.batch(2).batch(2).failNextDelete(new IllegalStateException("Connection pool shut down"));
        ClassifierWorker.Stats stats = worker(ClassifierWorkerTest::allDone, Duration.ofSeconds(2), () -> 0.5)
                .run(new AtomicBoolean());

        assertThat(stats.batches()).isEqualTo(2);
        assertThat(stats.deleted()).isEqualTo(2);
        assertThat(stats.retried()).isEqualTo(2);
        assertThat(sqs.deleted()).containsExactly("rh-m3", "rh-m4");
        assertThat(log).anyMatch(l -> l.contains("Connection pool shut down"));
    }

    @Test
    void endsTheRunWithTheError_whenTheJvmCannotGoOn() {
        sqs.batch(1).batch(1);
        ClassifierWorker w = worker((event, context) -> {
            throw new OutOfMemoryError("Java heap space");
        }, Duration.ofSeconds(2), () -> 0.5);

        assertThatThrownBy(() -> w.run(new AtomicBoolean())).isInstanceOf(OutOfMemoryError.class);
        assertThat(sqs.deleted()).isEmpty();
    }

    @Test
    void aBatchSlowerThanMaxIdleDoesNotEndTheRun() {
        sqs.batch(10).batch(10).batch(10);
        List<Long> batchEnds = new ArrayList<>();
        ClassifierWorker w = worker((event, context) -> {
            clock.addAndGet(5 * SECOND);
            batchEnds.add(clock.get());
            return allDone(event, context);
        }, Duration.ofSeconds(2), () -> 0.5);

        ClassifierWorker.Stats stats = w.run(new AtomicBoolean());

        assertThat(stats.batches()).isEqualTo(3);
        assertThat(stats.deleted()).isEqualTo(30);
        // idle is counted from the end of the last batch: the run waits the whole --max-idle for more work
        assertThat(clock.get() - batchEnds.get(2)).isGreaterThanOrEqualTo(2 * SECOND);
    }

    @Test
    void backsOffExponentiallyUpToTheCap_whileReceiveFails() {
        sqs.failing(10, connectionRefused());
        worker(ClassifierWorkerTest::allDone, Duration.ofDays(1), () -> 0.5).run(stopAfterReceives(11));

        // full jitter with the random draw fixed at 0.5: half of 200 ms doubling to the 10 s cap
        assertThat(sleeps.subList(0, 10)).containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L,
                5000L, 5000L);
    }

    @Test
    void drawsEachDelayAtRandomUpToItsCeiling() {
        sqs.failing(30, connectionRefused());
        Random random = new Random(7);
        worker(ClassifierWorkerTest::allDone, Duration.ofDays(1), random::nextDouble).run(stopAfterReceives(31));

        List<Long> delays = sleeps.subList(0, 30);
        for (int i = 0; i < delays.size(); i++) {
            long ceiling = Math.min(10_000, 200L << i);
            assertThat(delays.get(i)).as("delay %d", i + 1).isBetween(0L, ceiling);
        }
        assertThat(delays.subList(10, 30)).as("jittered, not fixed").doesNotHaveDuplicates();
    }

    @Test
    void saysOnceWhatIsWrongAndHowToFixIt_untilTheCauseChanges() {
        sqs.failing(20, connectionRefused()).failing(20, noSuchQueue()).batch(1);
        worker(ClassifierWorkerTest::allDone, Duration.ofDays(1), () -> 0.5).run(stopAfterReceives(42));

        assertThat(log).filteredOn(l -> l.contains("cannot reach SQS at http://localhost:5000: connection refused; "
                + "is the emulator running? check --endpoint")).hasSize(1);
        assertThat(log).filteredOn(l -> l.contains("queue " + QUEUE + " does not exist; run `./router stack deploy` "
                + "or check --queue-url")).hasSize(1);
        assertThat(log).filteredOn(l -> l.contains("receive works again")).hasSize(1);
        assertThat(log).hasSize(3);
    }

    @Test
    void repeatsTheNoteEveryFewMinutes_whileTheFailureLasts() {
        AtomicBoolean stop = new AtomicBoolean();
        sqs.failing(1_000, connectionRefused()).stopAt(16 * 60 * SECOND, stop);
        worker(ClassifierWorkerTest::allDone, Duration.ofDays(1), () -> 0.5).run(stop);

        // at the start, then after 5, 10 and 15 minutes
        assertThat(log).hasSize(4).allMatch(l -> l.contains("cannot reach SQS at http://localhost:5000"));
    }

    @Test
    void endsTheRunWithWhatIsWrong_whenReceiveFailsForMaxIdle() {
        sqs.failing(1_000, connectionRefused());
        ClassifierWorker.Stats stats = worker(ClassifierWorkerTest::allDone, Duration.ofSeconds(2), () -> 0.5)
                .run(new AtomicBoolean());

        assertThat(stats.failure()).hasValueSatisfying(f -> assertThat(f)
                .contains("cannot reach SQS at http://localhost:5000: connection refused"));
        assertThat(clock.get()).isBetween(2 * SECOND, 3 * SECOND);
    }

    @Test
    void describesCommonReceiveFailuresWithTheFix() {
        ReceiveFailures f = new ReceiveFailures("http://localhost:5000", QUEUE, () -> 0.5, line -> { });
        assertThat(f.describe(connectionRefused())).isEqualTo(
                "cannot reach SQS at http://localhost:5000: connection refused; is the emulator running? check --endpoint");
        assertThat(f.describe(noSuchQueue())).isEqualTo(
                "queue " + QUEUE + " does not exist; run `./router stack deploy` or check --queue-url");
        assertThat(f.describe(SdkClientException.create("Unable to load credentials from any of the providers in "
                + "the chain AwsCredentialsProviderChain(...)"))).isEqualTo(
                        "no AWS credentials found (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY); for an emulator "
                + "pass --endpoint-url URL or set AWS_ENDPOINT_URL");
        assertThat(f.describe(software.amazon.awssdk.services.sqs.model.SqsException.builder().message("denied")
                .statusCode(403).awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").build()).build()))
                .startsWith("SQS at http://localhost:5000 refused access to queue " + QUEUE + " (AccessDenied)");
        assertThat(f.describe(SdkClientException.builder().message("Unable to execute HTTP request: nosuchhost")
                .cause(new java.net.UnknownHostException("nosuchhost")).build()))
                .isEqualTo("cannot reach SQS at http://localhost:5000: unknown host nosuchhost; check --endpoint");
    }

    /** A stop flag that the fake SQS sets at its {@code n}-th receive. */
    private AtomicBoolean stopAfterReceives(int n) {
        AtomicBoolean stop = new AtomicBoolean();
        sqs.stopAfterReceives(n, stop);
        return stop;
    }
}
