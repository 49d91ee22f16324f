package io.hybridrouter.localstack.embedded;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.classifier.ClassifierHandler;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.dispatch.EcsTaskMain;
import io.hybridrouter.dispatch.ExecutorHandler;
import io.hybridrouter.dispatch.JobExecutor;
import io.hybridrouter.dispatch.RunInterruption;
import io.hybridrouter.dispatch.RunSite;
import io.hybridrouter.dispatch.topology.RoutingTopology;
import io.hybridrouter.localstack.di.EmbeddedComponent;
import io.hybridrouter.localstack.stack.StackNames;
import io.hybridrouter.localstack.worker.ClassifierWorker;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Measured;
import io.hybridrouter.shared.aws.AwsClientsModule;
import io.hybridrouter.shared.claim.EcsOverrides;
import io.hybridrouter.shared.aws.AwsTarget;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.shared.option.RunOption;
import io.hybridrouter.training.sim.CostModel;
import io.hybridrouter.training.sim.Draws;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.elasticmq.NodeAddress;
import org.elasticmq.RelaxedSQSLimits$;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole router in one JVM, no AWS and no Docker: an ElasticMQ server with the jobs, DLQ and
 * rejected-jobs queues (named as {@code stack deploy} names them), reachable from outside only
 * through its {@link FrontDoor} (signed requests to a loopback host name); the classifier worker reading
 * the jobs queue with the classifier Lambda's handler; an in-process bus matching the declared
 * rules; the executor Lambda's handler (async, like Lambda's event invocation, retried twice);
 * the ECS entry point on its own threads with the rendered container overrides as its environment;
 * every decision, rejection and outcome handed to an event listener. Every declared option runs: the bus
 * routes by the option rules, a Lambda option's local runtime reports that option's memory and
 * architecture, an ECS option's local Fargate its size, architecture and capacity; a Fargate Spot task is
 * interrupted at {@code spotInterruptionsPerHour} of its simulated task time, the interruption delivered
 * to the running job as the ECS task's SIGTERM handler delivers it ({@link RunInterruption}), so that the
 * job takes the same interrupted-outcome and re-run path as on ECS. {@link #close()} stops taking
 * jobs, finishes what is in flight, then stops the server. Nothing a target throws is lost: it
 * becomes a {@code TargetFailed} event; a classifier worker that dies, or an error the JVM cannot
 * recover from on any of its threads, completes {@link #died()} so the caller can stop rather than
 * stay alive and stuck. Thread-safe.
 */
public final class EmbeddedStack implements AutoCloseable {

    /** The Lambda runtime's own event parser, built once: building it is reflection-heavy. */
    private static final PojoSerializer<ScheduledEvent> EVENTS = LambdaEventSerializers.serializerFor(
            ScheduledEvent.class, EmbeddedStack.class.getClassLoader());

    /** Lambda's asynchronous invocation retries a failed event twice. */
    static final int LAMBDA_ATTEMPTS = 3;
    /** Seeds the simulated Fargate start-ups: the same job always starts up in the same time. */
    static final long SIMULATION_SEED = 42;
    /**
     * Spot interruptions per task-hour of simulated Fargate time unless told otherwise: far above what AWS
     * reports (the simulator's {@link CostModel#DEFAULT_SPOT_INTERRUPTIONS_PER_HOUR}), so that a demo of a few
     * thousand jobs shows the interrupt and re-run path at work.
     */
    public static final double DEFAULT_SPOT_INTERRUPTIONS_PER_HOUR = 1.0;
    private static final CostModel TRUTH = new CostModel();

    private final FrontDoor door;
    private final SQSRestServer server;
    private final SqsClient sqs;
    private final String jobsQueueUrl;
    private final String rejectedQueueUrl;
    private final String dlqUrl;
    private final URI endpoint;
    private final ExecutorService lambdaPool;
    private final ExecutorService ecsPool;
    private final AtomicBoolean stopWorker = new AtomicBoolean();
    private final Thread worker;
    private final Consumer<ObjectNode> listener;
    private final AtomicInteger targetFailures = new AtomicInteger();
    private final CompletableFuture<String> died = new CompletableFuture<>();
    private final JobRouter router;
    private final JobExecutor executor;
    private final ExecutorHandler executorHandler;
    private final double spotInterruptionsPerHour;
    private final EmbeddedBus bus;
    private final AtomicInteger spotInterruptions = new AtomicInteger();

    private EmbeddedStack(int port, RouterConfig config, JobRouter router, Consumer<ObjectNode> listener,
            double spotInterruptionsPerHour) {
        if (!(spotInterruptionsPerHour >= 0)) {
            throw new IllegalArgumentException("spot interruptions per hour must be 0 or more, got "
                    + spotInterruptionsPerHour);
        }
        this.spotInterruptionsPerHour = spotInterruptionsPerHour;
        this.listener = listener;
        this.router = router;
        try {
            door = FrontDoor.bind(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        // ElasticMQ itself listens on a free loopback port that only the front door and this JVM use;
        // its queue URLs name the front door's port, the one clients are told about
        URI backend;
        try {
            server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(0).withAWSAccountId(EmbeddedBus.ACCOUNT)
                    .withAWSRegion(EmbeddedBus.REGION).withSQSLimits(RelaxedSQSLimits$.MODULE$)
                    .withServerAddress(NodeAddress.apply("http", "127.0.0.1", door.port(), "")).start();
            backend = URI.create("http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort());
        } catch (RuntimeException e) {
            door.close();
            throw e;
        }
        door.forwardTo(backend);
        endpoint = URI.create("http://127.0.0.1:" + door.port());
        sqs = AwsClientsModule.configure(SqsClient.builder(), AwsTarget.endpoint(backend),
                UrlConnectionHttpClient.builder().build()).build();
        StackNames names = new StackNames(StackNames.DEFAULT);
        dlqUrl = sqs.createQueue(b -> b.queueName(names.jobsDlq())).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        jobsQueueUrl = sqs.createQueue(b -> b.queueName(names.jobsQueue()).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "30",
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"5\"}")))
                .queueUrl();
        rejectedQueueUrl = sqs.createQueue(b -> b.queueName(names.rejectedQueue())).queueUrl();

        int cores = Runtime.getRuntime().availableProcessors();
        lambdaPool = Executors.newFixedThreadPool(Math.max(2, cores), daemon("lambda-executor"));
        ecsPool = Executors.newFixedThreadPool(Math.max(2, cores), daemon("ecs-task"));
        bus = new EmbeddedBus(config.eventBus(), this::deliver, Clock.systemUTC());
        EmbeddedComponent graph = EmbeddedComponent.create(config, router, bus);
        executor = graph.executor();
        executorHandler = new ExecutorHandler(executor, Measured.EMBEDDED);
        ClassifierHandler classifier = new ClassifierHandler(graph.batchClassifier());
        ClassifierWorker w = ClassifierWorker.builder(sqs, jobsQueueUrl, classifier).maxIdle(Duration.ofDays(36_500))
                .log(System.err::println).build();
        worker = new Thread(() -> runWorker(w), "classifier-worker");
        worker.start();
    }

    /** Starts the stack with its SQS endpoint on 127.0.0.1:{@code port} (0: any free port). */
    public static EmbeddedStack start(int port, RouterConfig config, JobRouter router, Consumer<ObjectNode> listener) {
        return start(port, config, router, listener, DEFAULT_SPOT_INTERRUPTIONS_PER_HOUR);
    }

    /**
     * As {@link #start(int, RouterConfig, JobRouter, Consumer)}, interrupting Fargate Spot tasks at
     * {@code spotInterruptionsPerHour} (0: never; infinity: every Spot task).
     */
    public static EmbeddedStack start(int port, RouterConfig config, JobRouter router, Consumer<ObjectNode> listener,
            double spotInterruptionsPerHour) {
        return new EmbeddedStack(port, config, router, listener, spotInterruptionsPerHour);
    }

    private void runWorker(ClassifierWorker w) {
        try {
            w.run(stopWorker);
            if (!stopWorker.get()) {
                died.complete("the classifier worker stopped before the stack was closed");
            }
        } catch (RuntimeException | Error e) {
            died.complete("the classifier worker died: " + describe(e));
        }
    }

    private void deliver(RoutingTopology.Target target, ObjectNode event, String input) {
        switch (target.resource()) {
            // execute, not submit: a Future nobody reads would swallow what the task throws
            case EXECUTOR_FUNCTION -> lambdaPool.execute(() -> guarded("executor", event,
                    () -> invokeLambda(event, target.option().orElse(null))));
            case WORKER_TASK -> ecsPool.execute(() -> guarded("ecs-task", event,
                    () -> runTask(event, input, target.option().orElse(null))));
            case REJECTED_QUEUE -> {
                sqs.sendMessage(b -> b.queueUrl(rejectedQueueUrl).messageBody(input));
                listener.accept(event);
            }
            case AUDIT_QUEUE, OUTCOMES_QUEUE -> listener.accept(event);
            default -> throw new IllegalStateException("unknown target " + target.resource());
        }
    }

    private void invokeLambda(ObjectNode event, RunOption option) {
        ScheduledEvent scheduled = EVENTS.fromJson(Json.write(event));
        for (int attempt = 1; attempt <= LAMBDA_ATTEMPTS; attempt++) {
            try {
                executorHandler.handleRequest(scheduled, null, option);
                return;
            } catch (RuntimeException | Error e) {
                // an error fails the invocation as an exception does, and Lambda retries it alike
                if (ClassifierWorker.isFatal(e)) {
                    throw e;
                }
                if (attempt == LAMBDA_ATTEMPTS) {
                    targetFailed("executor", event, String.valueOf(e.getMessage()));
                }
            }
        }
    }

    private void runTask(ObjectNode event, String overrides, RunOption option) {
        Map<String, String> env = EcsOverrides.parse(overrides);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RunSite site = simulatedFargate(env.get(EcsOverrides.ENV_JOB_ID));
        RunInterruption sigterm = new RunInterruption();
        if (option != null) {
            site = site.as(option);
            if (interrupted(event, option, EcsOverrides.attempt(env))) {
                // the local run lasts milliseconds, too short to stop halfway: the SIGTERM stops it as it starts
                spotInterruptions.incrementAndGet();
                sigterm.interrupt();
            }
        }
        // the decision's time and propensity reach the task through the overrides, as on ECS
        int code = EcsTaskMain.run(env, executor, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), site, null, null, sigterm);
        String said = err.toString(StandardCharsets.UTF_8);
        // a failed or last interrupted outcome, or a rejection, is already on the bus; anything else is the target failing
        if (code != 0 && !said.contains("failed:") && !said.contains(" rejected: ") && !said.contains(", the last;")) {
            targetFailed("ecs-task", null, said.trim());
        }
    }

    /**
     * Whether Fargate Spot interrupts this task: with probability {@code 1 - exp(-rate x hours)}, the hours
     * being the simulator's run of the job on the option's on-demand twin (start-up and work); drawn from
     * the job's id and attempt, so the same run is interrupted the same way every time. Never on-demand.
     */
    boolean interrupted(ObjectNode event, RunOption option, int attempt) {
        if (!option.spot() || spotInterruptionsPerHour == 0) {
            return false;
        }
        Optional<Job> job = Optional.ofNullable(event.path("detail").get("job"))
                .map(j -> Json.MAPPER.convertValue(j, Job.class));
        if (job.isEmpty()) {
            return false;
        }
        double hours = TRUTH.simulate(job.get(), option.onDemand(), Draws.forJob(SIMULATION_SEED, job.get().jobId()))
                .latencyMs() / 3_600_000.0;
        double p = 1 - Math.exp(-spotInterruptionsPerHour * hours);
        long seed = SIMULATION_SEED * 31 + job.get().jobId().hashCode() * 7L + attempt;
        return new SplittableRandom(seed).nextDouble() < p;
    }

    /**
     * Where the embedded stack runs an ECS job: the work is run and timed for real, but a Fargate task's
     * start-up cannot be measured on one machine, so it is drawn from the simulator's start-up
     * distribution (30–90 s, see {@link Draws}) for this job, with the billed share of it, and marked
     * {@code simulated}; the task is sized as the router sizes it.
     */
    static RunSite simulatedFargate(String jobId) {
        Draws d = Draws.forJob(SIMULATION_SEED, String.valueOf(jobId));
        long startupMs = Math.round(d.fargateStartS() * 1000);
        long billedMs = Math.round(startupMs * (1 - d.fargateBilledShare()));
        return new RunSite(Measured.EMBEDDED, null, null, null, null, startupMs, Measured.STARTUP_SIMULATED, null,
                billedMs, "fargate: from the image pull, the simulated share of the simulated start-up");
    }

    /**
     * Runs one delivery so that nothing it throws is lost: the job gets a {@code TargetFailed}
     * event, and an error the JVM cannot recover from also marks the stack dead.
     */
    private void guarded(String target, ObjectNode event, Runnable delivery) {
        try {
            delivery.run();
        } catch (RuntimeException | Error e) {
            targetFailed(target, event, describe(e));
            if (ClassifierWorker.isFatal(e)) {
                died.complete("a thread running the " + target + " died: " + describe(e));
            }
        }
    }

    private void targetFailed(String target, ObjectNode event, String error) {
        targetFailures.incrementAndGet();
        ObjectNode failure = Json.object().put("detail-type", "TargetFailed").put("target", target)
                .put("error", error);
        if (event != null) {
            failure.set("event", event);
        }
        try {
            listener.accept(failure);
        } catch (RuntimeException | Error e) {
            System.err.println("cannot report a failed " + target + " (" + error + "): " + describe(e));
        }
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** The SQS endpoint clients use: the front door. */
    public URI endpoint() {
        return endpoint;
    }

    public String jobsQueueUrl() {
        return jobsQueueUrl;
    }

    public String rejectedQueueUrl() {
        return rejectedQueueUrl;
    }

    public String dlqUrl() {
        return dlqUrl;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public JobRouter router() {
        return router;
    }

    public int targetFailures() {
        return targetFailures.get();
    }

    /** Spot tasks interrupted so far. */
    public int spotInterruptions() {
        return spotInterruptions.get();
    }

    /** The stack's event bus: events put here are routed by the declared rules, as the classifier's are. */
    public software.amazon.awssdk.services.eventbridge.EventBridgeClient bus() {
        return bus;
    }

    /**
     * Completes, with a one-line cause, when the stack can no longer decide jobs: the classifier
     * worker died, or one of its threads hit an error the JVM cannot recover from. Never completes
     * while the stack is sound, nor because of {@link #close()}.
     */
    public CompletableFuture<String> died() {
        return died.copy();
    }

    /** Stops reading jobs, lets every job in flight finish, then stops the server. */
    @Override
    public void close() {
        stopWorker.set(true);
        try {
            worker.join(TimeUnit.SECONDS.toMillis(30));
            lambdaPool.shutdown();
            lambdaPool.awaitTermination(60, TimeUnit.SECONDS);
            ecsPool.shutdown();
            ecsPool.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        door.close();
        sqs.close();
        server.stopAndWait();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
