package io.hybridrouter.localstack.e2e;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.hybridrouter.dispatch.EcsTaskMain;
import io.hybridrouter.dispatch.ExecutorHandler;
import io.hybridrouter.dispatch.JobExecutor;
import io.hybridrouter.shared.claim.EcsOverrides;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Plays the Lambda and ECS runtimes on an emulator that has neither: reads what the rules put on
 * the SQS taps and invokes the REAL executor handler with the event (parsed by the Lambda runtime's
 * own serialiser) and the REAL ECS entry point with the rendered container overrides as its
 * environment. A delivery that fails stays on the tap and is retried, as the services would. Each
 * event delivered to the executor is checked against its contract; a violation is one of {@link #errors}.
 */
final class LocalRuntime implements AutoCloseable {

    private static final PojoSerializer<ScheduledEvent> EVENTS = LambdaEventSerializers.serializerFor(
            ScheduledEvent.class, LocalRuntime.class.getClassLoader());

    private final SqsClient sqs;
    private final List<String> lambdaTaps;
    private final List<String> ecsTaps;
    private final ExecutorHandler handler;
    private final JobExecutor executor;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    final AtomicInteger lambdaInvocations = new AtomicInteger();
    final AtomicInteger ecsTasks = new AtomicInteger();
    /** The container overrides each ECS task was started with, as the emulator rendered them. */
    final List<String> overrides = Collections.synchronizedList(new ArrayList<>());
    final List<String> errors = Collections.synchronizedList(new ArrayList<>());

    LocalRuntime(SqsClient sqs, List<String> lambdaTaps, List<String> ecsTaps, JobExecutor executor) {
        this.sqs = sqs;
        this.lambdaTaps = List.copyOf(lambdaTaps);
        this.ecsTaps = List.copyOf(ecsTaps);
        this.executor = executor;
        this.handler = new ExecutorHandler(executor);
    }

    LocalRuntime start() {
        if (!lambdaTaps.isEmpty()) {
            threads.add(loop("lambda-runtime", lambdaTaps, this::invokeLambda));
        }
        if (!ecsTaps.isEmpty()) {
            threads.add(loop("ecs-runtime", ecsTaps, this::runTask));
        }
        return this;
    }

    private interface Delivery {
        boolean deliver(Message m);
    }

    /** One thread per platform reads all its options' taps in turn (short polls), resting when all are empty. */
    private Thread loop(String name, List<String> queues, Delivery delivery) {
        Thread t = new Thread(() -> {
            while (!stop.get()) {
                int delivered = 0;
                for (String queue : queues) {
                    List<Message> got;
                    try {
                        got = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(0)
                                .visibilityTimeout(5)).messages();
                    } catch (SdkException e) {
                        if (!stop.get()) {
                            errors.add(name + ": receive failed: " + e.getMessage());
                        }
                        continue;
                    }
                    for (Message m : got) {
                        delivered++;
                        if (delivery.deliver(m)) {
                            sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle()));
                        }
                    }
                }
                if (delivered == 0) {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private boolean invokeLambda(Message m) {
        lambdaInvocations.incrementAndGet();
        try {
            Queues.requireContract(m.body());
        } catch (AssertionError e) {
            errors.add("contract: " + e.getMessage());
        }
        try {
            ScheduledEvent event = EVENTS.fromJson(m.body());
            handler.handleRequest(event, null);
            return true;
        } catch (RuntimeException e) {
            errors.add("executor: " + e.getMessage());
            return false;
        }
    }

    private boolean runTask(Message m) {
        ecsTasks.incrementAndGet();
        overrides.add(m.body());
        Map<String, String> env = EcsOverrides.parse(m.body());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EcsTaskMain.run(env, executor, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        if (code != 0) {
            errors.add("ecs task exit " + code + ": " + err.toString(StandardCharsets.UTF_8).trim());
        }
        // a task that exits non-zero is not re-run by ECS; its failed outcome is already on the bus
        return true;
    }

    @Override
    public void close() {
        stop.set(true);
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
