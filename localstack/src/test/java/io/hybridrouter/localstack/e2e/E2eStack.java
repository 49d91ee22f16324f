package io.hybridrouter.localstack.e2e;

import io.hybridrouter.classifier.BatchClassifier;
import io.hybridrouter.classifier.ClassifierHandler;
import io.hybridrouter.classifier.DecisionDispatch;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.dispatch.JobExecutor;
import io.hybridrouter.dispatch.idempotency.DynamoDbIdempotencyStore;
import io.hybridrouter.dispatch.runner.Runners;
import io.hybridrouter.ingest.JobProducer;
import io.hybridrouter.localstack.stack.StackClients;
import io.hybridrouter.localstack.stack.StackNames;
import io.hybridrouter.localstack.stack.StackOutputs;
import io.hybridrouter.localstack.stack.StackProvisioner;
import io.hybridrouter.localstack.stack.StackSpec;
import io.hybridrouter.localstack.worker.ClassifierWorker;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.claim.S3ClaimCheckStore;
import io.hybridrouter.shared.events.Backoff;
import io.hybridrouter.shared.events.EventPublisher;
import io.hybridrouter.shared.log.RouterLog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * One test's stack: deployed under a unique name, with the pieces the backend cannot run played
 * locally (the classifier worker where no classifier function was deployed, the executor and ECS
 * task where taps stand in for them), destroyed at the end.
 */
public final class E2eStack implements AutoCloseable {

    public final EmulatorBackend backend;
    public final StackClients aws;
    public final StackOutputs out;
    private final AtomicBoolean stopWorker = new AtomicBoolean();
    private Thread worker;
    private LocalRuntime runtime;

    private static volatile boolean expectFailures;

    public E2eStack(EmulatorBackend backend, String prefix, int maxReceiveCount, int visibilityTimeoutS) {
        this.backend = backend;
        this.aws = backend.clients();
        StackSpec spec = StackSpec.forEmulator(EmulatorBackend.uniqueName(prefix), backend.emulator())
                .withQueueSettings(maxReceiveCount, visibilityTimeoutS);
        spec = new StackSpec(spec.names(), spec.emulator(), spec.maxReceiveCount(), spec.visibilityTimeoutS(),
                spec.subnets(), spec.securityGroups(), spec.workerImage(),
                Path.of(System.getProperty("router.repo.root", "..")));
        this.out = new StackProvisioner(aws, step -> { }).deploy(spec);
    }

    /** Publishes to the stack's bus through {@code client} (the emulator's, or one behind a proxy). */
    public EventPublisher publisher(EventBridgeClient client) {
        return EventPublisher.builder(client, out.busName()).log(RouterLog.plain(E2eStack::log)).build();
    }

    public ClassifierHandler classifier(EventBridgeClient client) {
        JobRouter router = new JobRouter(ModelArtefacts.loadBundled(), 0.6, Platform.LAMBDA, Clock.systemUTC());
        return new ClassifierHandler(BatchClassifier.builder(router, publisher(client))
                .dispatch(new DecisionDispatch(Optional.of(new S3ClaimCheckStore(aws.s3, out.claimBucket()))))
                .log(RouterLog.plain(E2eStack::log)).build());
    }

    public JobExecutor executor() {
        return JobExecutor.builder(Runners.discover(), new DynamoDbIdempotencyStore(aws.dynamo,
                out.idempotencyTable(), Clock.systemUTC()), publisher(aws.events))
                .claims(new S3ClaimCheckStore(aws.s3, out.claimBucket())).build();
    }

    public JobProducer producer() {
        return new JobProducer(aws.sqs, out.jobsQueueUrl(), Backoff.DEFAULT, Backoff.Sleeper.REAL, new JobValidator());
    }

    /** Starts what the backend does not run itself. */
    public E2eStack start() {
        return start(aws.events);
    }

    /** As {@link #start()}, with the classifier publishing through {@code classifierEvents}. */
    public E2eStack start(EventBridgeClient classifierEvents) {
        if (out.functions() == null) {
            startWorker(classifierEvents);
        }
        if (out.taps() != null) {
            runtime = new LocalRuntime(aws.sqs, out.tapsOf(Platform.LAMBDA), out.tapsOf(Platform.ECS), executor())
                    .start();
        }
        return this;
    }

    public void startWorker(EventBridgeClient events) {
        ClassifierWorker w = ClassifierWorker.builder(aws.sqs, out.jobsQueueUrl(), classifier(events))
                .maxIdle(Duration.ofDays(1)).log(E2eStack::log).build();
        worker = new Thread(() -> w.run(stopWorker), "classifier-worker");
        worker.setDaemon(true);
        worker.start();
    }

    public static void log(String line) {
        System.err.println((expectFailures ? "[e2e] [expected] " : "[e2e] ") + line);
    }

    /**
     * Marks what the pipeline logs from now on as expected, for tests that inject failures: their
     * "publish failed" lines are the point of the test, not a problem in it.
     */
    public static void expectFailures(boolean expected) {
        expectFailures = expected;
    }

    public LocalRuntime runtime() {
        return runtime;
    }

    @Override
    public void close() {
        stopWorker.set(true);
        if (worker != null) {
            try {
                worker.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (runtime != null) {
            runtime.close();
        }
        new StackProvisioner(aws, step -> { }).destroy(new StackNames(out.stack()));
    }
}
