package io.hybridrouter.cli.command;

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
import java.util.concurrent.CountDownLatch;
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
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            err.println("stopping: finishing the jobs in flight...");
            err.flush();
            stack.close();
            if (events != null) {
                sink.close();
            }
            err.println("stopped");
            err.flush();
            stopped.countDown();
        }, "router-up-shutdown"));
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
        stopped.await();
        return 0;
    }
}
