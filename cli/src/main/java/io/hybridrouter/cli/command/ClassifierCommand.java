package io.hybridrouter.cli.command;

import io.hybridrouter.classifier.ClassifierHandler;
import io.hybridrouter.cli.di.CliComponent;
import io.hybridrouter.localstack.worker.ClassifierWorker;
import io.hybridrouter.shared.config.RouterConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code router classifier run}: the classifier Lambda's handler as a queue worker. */
@Command(name = "classifier", mixinStandardHelpOptions = true,
        description = "Run the classifier outside Lambda: `classifier run` long-polls the jobs queue.",
        subcommands = ClassifierCommand.Run.class)
public final class ClassifierCommand implements Runnable {

    /** How long a stop request waits for the batch in hand. */
    static final long SHUTDOWN_GRACE_S = 30;

    @Spec
    CommandSpec spec;

    /** No subcommand is a usage error: the usage goes to stderr and the exit code is 2. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** {@code router classifier run}. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Long-poll the jobs queue and classify each batch with the classifier Lambda's handler.")
    public static final class Run implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ModelOptions modelOptions;

        @Option(names = "--queue-url", required = true, paramLabel = "URL", description = "The jobs queue.")
        String queueUrl;

        @Mixin
        StackOptions stack;

        @Mixin
        AwsOptions aws;

        @Option(names = "--claim-bucket", paramLabel = "BUCKET", description = "S3 bucket for claim checks (default: $ROUTER_CLAIM_BUCKET).")
        String claimBucket;

        @Option(names = "--max-idle", paramLabel = "DURATION", defaultValue = "10s",
                description = "Stop after this long with nothing to read, like 10s, 2m, or 0 to run until stopped (default: ${DEFAULT-VALUE}).")
        String maxIdle;

        @Option(names = "--model-refresh", paramLabel = "DURATION",
                description = "How often, at most, a followed model store is checked for a new model, at the start of a batch: ISO-8601, like PT1M or PT30S (default: $ROUTER_MODEL_REFRESH, else PT1M).")
        String modelRefresh;

        @Override
        public Integer call() throws InterruptedException {
            String bus = stack.name();
            RouterConfig config = modelOptions.config().withEventBus(bus);
            if (modelRefresh != null) {
                try {
                    config = config.withModelRefresh(RouterConfig.modelRefresh(modelRefresh));
                } catch (RouterConfig.ConfigException e) {
                    throw new UsageError("--model-refresh " + e.getMessage());
                }
            }
            if (claimBucket != null) {
                config = config.withClaimBucket(claimBucket);
            }
            Duration idle = parseDuration(maxIdle);
            PrintWriter err = spec.commandLine().getErr();
            CliComponent component = CliComponent.create(config, aws.target());
            // without credentials, one line now rather than a failed receive every second
            component.sqs().serviceClientConfiguration().credentialsProvider().resolveIdentity().join();
            ClassifierWorker worker = ClassifierWorker.builder(component.sqs(), queueUrl,
                    new ClassifierHandler(component.batchClassifier())).maxIdle(idle).log(line -> {
                        err.println(line);
                        err.flush();
                    }).build();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch finished = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                stop.set(true);
                try {
                    finished.await(SHUTDOWN_GRACE_S, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "classifier-worker-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            err.println("classifier: reading " + queueUrl + ", publishing to bus " + bus + " (model "
                    + component.router().model().version() + ")");
            err.flush();
            ClassifierWorker.Stats s;
            try {
                s = worker.run(stop);
                PrintWriter out = spec.commandLine().getOut();
                out.printf("classifier: %d batch%s, %d message%s, %d done, %d returned for retry%n", s.batches(),
                        s.batches() == 1 ? "" : "es", s.messages(), s.messages() == 1 ? "" : "s", s.deleted(), s.retried());
                out.flush();
            } catch (VirtualMachineError e) {
                // the worker does not go on after such an error; neither does the process (exit 1, not a hang)
                throw new IllegalStateException("the classifier worker died: " + e.getClass().getSimpleName() + ": "
                        + e.getMessage() + "; the batch in hand stays on the queue for redelivery", e);
            } finally {
                // the shutdown hook waits for this, so a SIGTERM lets the batch in hand finish and be reported
                finished.countDown();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
            if (s.failure().isPresent()) {
                throw new IllegalStateException(s.failure().get());
            }
            // messages left for redelivery are work not done: a script running this must be able to tell
            return s.retried() > 0 ? 1 : 0;
        }
    }

    /** {@code 10s}, {@code 500ms}, {@code 2m}, {@code 1h}, or a number of seconds; 0 means no limit. */
    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            } else if (t.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            } else if (t.endsWith("h")) {
                d = Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
            } else {
                d = Duration.ofSeconds(Long.parseLong(t));
            }
            if (d.isNegative()) {
                throw new NumberFormatException();
            }
            return d.isZero() ? Duration.ofDays(36_500) : d;
        } catch (NumberFormatException e) {
            throw new UsageError("--max-idle must be a duration like 10s, 500ms, 2m or 1h, got \""
                    + text + "\"");
        }
    }
}
