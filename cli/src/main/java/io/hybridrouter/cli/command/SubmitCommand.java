package io.hybridrouter.cli.command;

import io.hybridrouter.cli.di.CliComponent;
import io.hybridrouter.ingest.JobProducer;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.shared.events.Backoff;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code router submit}: job JSON lines onto the jobs queue, with progress and a summary. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Send job JSON lines (file or - for stdin) to the jobs queue; print what was sent, rejected, failed.")
public final class SubmitCommand implements Callable<Integer> {

    /** Lines read and sent at a time, so any input size runs in bounded memory. */
    static final int CHUNK = 500;
    private static final int MAX_LISTED = 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--queue-url", required = true, paramLabel = "URL", description = "The jobs queue URL.")
    String queueUrl;

    @Option(names = "--endpoint", paramLabel = "URL", description = "AWS endpoint (LocalStack, moto); default: $AWS_ENDPOINT_URL, else AWS.")
    String endpoint;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE|-", description = "Job JSON lines; stdin when absent or -.")
    String input;

    @Override
    public Integer call() throws IOException {
        RouterConfig config = RouterConfig.fromEnvironment();
        if (endpoint != null) {
            config = config.withEndpoint(RouterConfig.endpoint(endpoint));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JobProducer producer = new JobProducer(CliComponent.create(config).sqs(), queueUrl, Backoff.DEFAULT,
                Backoff.Sleeper.REAL, new JobValidator());
        long total = input == null || "-".equals(input) ? -1 : countLines(Path.of(input));
        Progress progress = total > CHUNK ? new Progress(err, "submitting", total) : null;
        int sent = 0;
        int rejected = 0;
        int failed = 0;
        int lineNumber = 0;
        List<String> problems = new ArrayList<>();
        try (BufferedReader reader = open()) {
            List<String> chunk = new ArrayList<>(CHUNK);
            List<Integer> lines = new ArrayList<>(CHUNK);
            String line;
            boolean more = true;
            while (more) {
                line = reader.readLine();
                more = line != null;
                if (more) {
                    lineNumber++;
                    if (!line.isBlank()) {
                        chunk.add(line);
                        lines.add(lineNumber);
                    }
                }
                if (chunk.size() == CHUNK || (!more && !chunk.isEmpty())) {
                    for (JobProducer.Result r : producer.sendRaw(chunk, n -> { })) {
                        switch (r.status()) {
                            case SENT -> sent++;
                            case REJECTED -> rejected++;
                            case FAILED -> failed++;
                            default -> throw new IllegalStateException(r.status().name());
                        }
                        if (r.status() != JobProducer.Status.SENT && problems.size() < MAX_LISTED) {
                            problems.add("line " + lines.get(r.index()) + (r.jobId() == null ? "" : " (" + r.jobId()
                                    + ")") + ": " + r.status().name().toLowerCase() + ": " + String.join("; ", r.errors()));
                        }
                    }
                    chunk.clear();
                    lines.clear();
                    if (progress != null) {
                        progress.update(lineNumber);
                    }
                }
            }
        }
        if (progress != null) {
            progress.done();
        }
        problems.forEach(err::println);
        int notListed = rejected + failed - problems.size();
        if (notListed > 0) {
            err.println("... and " + notListed + " more");
        }
        out.printf("sent %d, rejected %d, failed %d (queue %s)%n", sent, rejected, failed, queueUrl);
        return rejected + failed == 0 ? 0 : 1;
    }

    private BufferedReader open() throws IOException {
        if (input == null || "-".equals(input)) {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        try {
            return Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("input file " + input + " does not exist");
        }
    }

    private static long countLines(Path file) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.count();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("input file " + file + " does not exist");
        }
    }
}
