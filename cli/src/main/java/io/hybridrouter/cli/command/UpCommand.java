package io.hybridrouter.cli.command;

import io.hybridrouter.localstack.embedded.EmbeddedStack;
import io.hybridrouter.localstack.embedded.LocalApi;
import io.hybridrouter.shared.config.RouterConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code router up}: the embedded stack and its HTTP API ({@link LocalApi}), running until Ctrl-C. If the
 * events cannot be written (file or stdout), it says so in one line on stderr, stops after the jobs in
 * flight and exits 1.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Run the whole router locally (embedded SQS, classifier, bus, executors, an HTTP API for /predict"
                + " and /jobs); print each decision and outcome.")
public final class UpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--port", defaultValue = "9324", paramLabel = "PORT",
            description = "Port of the embedded SQS endpoint on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--events", paramLabel = "FILE", description = "Write the event lines here instead of to stdout.")
    Path events;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "Port of the HTTP API (POST /predict, POST /jobs) on 127.0.0.1 (default: the SQS port + 1;"
                    + " 0: any free port).")
    Integer httpPort;

    @Option(names = "--spot-interruptions-per-hour", paramLabel = "R", description = "Fargate Spot interruptions per "
            + "task-hour of simulated Fargate time; an interrupted job is re-run, Spot again then on-demand (default: "
            + EmbeddedStack.DEFAULT_SPOT_INTERRUPTIONS_PER_HOUR + "; 0: none; at most " + MAX_SPOT_INTERRUPTIONS_PER_HOUR
            + ").")
    Double spotInterruptionsPerHour;

    /** One interruption per task-minute: beyond that hardly a Spot task would finish. */
    static final double MAX_SPOT_INTERRUPTIONS_PER_HOUR = 60;

    /** The Spot interruption rate: as given (0 to {@link #MAX_SPOT_INTERRUPTIONS_PER_HOUR}), else the default. */
    static double spotInterruptionsPerHour(Double given) {
        if (given == null) {
            return EmbeddedStack.DEFAULT_SPOT_INTERRUPTIONS_PER_HOUR;
        }
        if (!(given >= 0 && given <= MAX_SPOT_INTERRUPTIONS_PER_HOUR)) {
            throw new UsageError("--spot-interruptions-per-hour must be from 0 (none) to "
                    + (int) MAX_SPOT_INTERRUPTIONS_PER_HOUR + " per task-hour, got " + given);
        }
        return given;
    }

    /** The HTTP API's port: as given, else the SQS port + 1 (any free port when the SQS port is any free port). */
    static int httpPort(int sqsPort, Integer httpPort) {
        if (sqsPort < 0 || sqsPort > MAX_PORT) {
            throw new UsageError("--port must be from 0 (any free port) to " + MAX_PORT + ", got " + sqsPort);
        }
        if (httpPort != null) {
            if (httpPort < 0 || httpPort > MAX_PORT) {
                throw new UsageError("--http-port must be from 0 (any free port) to " + MAX_PORT + ", got " + httpPort);
            }
            return httpPort;
        }
        if (sqsPort == MAX_PORT) {
            throw new UsageError("--port " + MAX_PORT + " leaves no port above it for the HTTP API; give --http-port");
        }
        return sqsPort == 0 ? 0 : sqsPort + 1;
    }

    private static final int MAX_PORT = 65_535;

    @Override
    public Integer call() throws IOException, InterruptedException {
        // checked before anything starts: a bad port is a usage error, not a failure after the stack is up
        int wantedHttpPort = httpPort(port, httpPort);
        double spotRate = spotInterruptionsPerHour(spotInterruptionsPerHour);
        RouterConfig config = modelOptions.config();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CompletableFuture<String> writerFailed = new CompletableFuture<>();
        Consumer<String> onFailure = writerFailed::complete;
        // a writer that throws (its encoder reports unencodable text), unlike PrintWriter
        EventLines sink = events == null ? new EventLines(out, "standard output", () -> StdoutLines.check(out), onFailure)
                : new EventLines(Files.newBufferedWriter(events, StandardCharsets.UTF_8), events.toString(), () -> { },
                        onFailure);
        EmbeddedStack stack;
        try {
            stack = EmbeddedStack.start(port, config, modelOptions.component().router(), sink, spotRate);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start the embedded SQS server on 127.0.0.1:" + port + ": "
                    + e.getMessage() + " (is the port in use? try --port)", e);
        }
        LocalApi api;
        try {
            api = LocalApi.start(wantedHttpPort, stack, (level, message, fields) -> err.println("http: " + message));
        } catch (IOException | RuntimeException e) {
            stack.close();
            throw new IllegalStateException("cannot start the HTTP API on 127.0.0.1:" + wantedHttpPort + ": "
                    + e.getMessage() + " (is the port in use? try --http-port)", e);
        }
        AtomicBoolean closing = new AtomicBoolean();
        Runnable shutdown = () -> {
            if (!closing.compareAndSet(false, true)) {
                return;
            }
            err.println("stopping: finishing the jobs in flight...");
            err.flush();
            api.close();
            stack.close();
            if (events != null) {
                sink.close();
            }
            err.println("stopped");
            err.flush();
        };
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        Thread hook = new Thread(() -> {
            shutdown.run();
            stopped.complete(null);
        }, "router-up-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        String e = stack.endpoint().toString();
        String q = stack.jobsQueueUrl();
        err.println("hybrid-router is up (model " + stack.router().model().version() + ")");
        err.println("  SQS endpoint   " + e + "  (any AWS SDK or the AWS CLI, any credentials; requests must be"
                + " signed and sent to localhost, 127.0.0.1 or [::1] on this port, others get 403)");
        err.println("  jobs queue     " + q);
        String h = "http://localhost:" + api.port();
        err.println("  HTTP API       " + h + "  (POST /predict, POST /jobs with Content-Type: application/json;"
                + " sent to localhost, 127.0.0.1 or [::1] on this port, others get 403)");
        err.println("  rejected jobs  " + stack.rejectedQueueUrl());
        err.println("  dead letters   " + stack.dlqUrl());
        err.println("try:");
        err.println("  AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x aws sqs send-message --region us-east-1 --endpoint-url "
                + e + " --queue-url " + q + " --message-body '{\"workload_type\":\"data_etl\",\"payload_size_kb\":"
                + "5000000,\"time_window\":\"night\",\"load_pattern\":\"low_load\"}'");
        err.println("  ./router submit --endpoint " + e + " --queue-url " + q + " jobs.jsonl");
        err.println("  curl -s -X POST " + h + "/predict -H 'Content-Type: application/json' -d '{\"workload_type\":"
                + "\"lightweight_api\",\"payload_size_kb\":2,\"time_window\":\"midday\",\"load_pattern\":\"burst_load\"}'");
        err.println((events == null ? "events below, one JSON line each" : "events go to " + events)
                + "; Ctrl-C stops after the jobs in flight");
        err.flush();
        // until Ctrl-C, or until the stack cannot decide jobs or record events any more: then exit non-zero, not stay up stuck
        CompletableFuture<String> died = stack.died();
        try {
            CompletableFuture.anyOf(stopped, died, writerFailed).get();
        } catch (ExecutionException never) {
            throw new IllegalStateException(never.getCause());
        }
        if (stopped.isDone()) {
            return 0;
        }
        String why = died.isDone() ? died.join() : writerFailed.join();
        err.println("error: " + why + "; stopping the router");
        err.flush();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // already shutting down: the hook closes the stack
            return 1;
        }
        shutdown.run();
        return 1;
    }
}
