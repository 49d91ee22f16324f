package io.hybridrouter.localstack.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.localstack.embedded.EmbeddedStack;
import io.hybridrouter.shared.Json;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code router up}: the embedded stack, running until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Run the whole router locally (embedded SQS, classifier, bus, executors); print each decision and outcome.")
public final class UpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--port", defaultValue = "9324", paramLabel = "PORT",
            description = "Port of the embedded SQS endpoint (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--events", paramLabel = "FILE", description = "Write the event lines here instead of to stdout.")
    Path events;

    @Override
    public Integer call() throws IOException, InterruptedException {
        RouterConfig config = modelOptions.config();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter sink = events == null ? out
                : new PrintWriter(Files.newBufferedWriter(events, StandardCharsets.UTF_8), true);
        EmbeddedStack stack;
        try {
            stack = EmbeddedStack.start(port, config, modelOptions.component().router(), (ObjectNode e) -> {
                synchronized (sink) {
                    sink.println(Json.write(e));
                    sink.flush();
                }
            });
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start the embedded SQS server on port " + port + ": "
                    + e.getMessage() + " (is the port in use? try --port)", e);
        }
        AtomicBoolean closing = new AtomicBoolean();
        Runnable shutdown = () -> {
            if (!closing.compareAndSet(false, true)) {
                return;
            }
            err.println("stopping: finishing the jobs in flight...");
            err.flush();
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
        err.println("  SQS endpoint   " + e + "  (any SQS client; credentials are not checked)");
        err.println("  jobs queue     " + q);
        err.println("  rejected jobs  " + stack.rejectedQueueUrl());
        err.println("  dead letters   " + stack.dlqUrl());
        err.println("try:");
        err.println("  AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x aws sqs send-message --region us-east-1 --endpoint-url "
                + e + " --queue-url " + q + " --message-body '{\"workload_type\":\"data_etl\",\"payload_size_kb\":"
                + "5000000,\"time_window\":\"night\",\"load_pattern\":\"low_load\"}'");
        err.println("  ./router submit --endpoint " + e + " --queue-url " + q + " jobs.jsonl");
        err.println((events == null ? "events below, one JSON line each" : "events go to " + events)
                + "; Ctrl-C stops after the jobs in flight");
        err.flush();
        // until Ctrl-C, or until the stack cannot decide jobs any more: then exit non-zero, not stay up stuck
        CompletableFuture<String> died = stack.died();
        try {
            CompletableFuture.anyOf(stopped, died).get();
        } catch (ExecutionException never) {
            throw new IllegalStateException(never.getCause());
        }
        if (stopped.isDone()) {
            return 0;
        }
        err.println("error: " + died.join() + "; stopping the router");
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
