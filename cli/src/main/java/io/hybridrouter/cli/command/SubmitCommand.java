package io.hybridrouter.cli.command;

import io.hybridrouter.cli.di.CliComponent;
import io.hybridrouter.ingest.JobProducer;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.shared.events.Backoff;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code router submit}: job JSON lines onto the jobs queue, with progress and a summary. A line that
 * is not valid UTF-8 is rejected with its line number; the others are still sent.
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Send job JSON lines (file or - for stdin) to the jobs queue; print what was sent, rejected, failed.")
public final class SubmitCommand implements Callable<Integer> {

    /** Lines read and sent at a time, so any input size runs in bounded memory. */
    static final int CHUNK = 500;
    private static final int MAX_LISTED = 20;
    private static final int MAX_PROBLEM = 300;

    @Spec
    CommandSpec spec;

    @Option(names = "--queue-url", required = true, paramLabel = "URL", description = "The jobs queue URL.")
    String queueUrl;

    @Mixin
    AwsOptions aws;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE|-", description = "Job JSON lines; stdin when absent or -.")
    String input;

    /** Where {@code -} reads from; a field so that tests can give their own. */
    InputStream stdin = System.in;

    @Override
    public Integer call() throws IOException {
        RouterConfig config = RouterConfig.fromEnvironment();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SqsClient sqs = CliComponent.create(config, aws.target()).sqs();
        // without credentials, one line now rather than the SDK's long message once per job
        sqs.serviceClientConfiguration().credentialsProvider().resolveIdentity().join();
        JobProducer producer = new JobProducer(sqs, queueUrl, Backoff.DEFAULT, Backoff.Sleeper.REAL,
                new JobValidator());
        long total = input == null || "-".equals(input) ? -1 : JobLines.count(JobLines.file(input));
        Progress progress = total > CHUNK ? new Progress(err, "submitting", total) : null;
        int sent = 0;
        int rejected = 0;
        int failed = 0;
        int lineNumber = 0;
        List<String> problems = new ArrayList<>();
        try (JobLines reader = JobLines.open(input, stdin)) {
            List<String> chunk = new ArrayList<>(CHUNK);
            List<Integer> lines = new ArrayList<>(CHUNK);
            boolean more = true;
            while (more) {
                JobLines.Line line = reader.next();
                more = line != null;
                if (more) {
                    lineNumber = line.number();
                    if (!line.validUtf8()) {
                        rejected++;
                        if (problems.size() < MAX_LISTED) {
                            problems.add(line.utf8Error() + ": rejected");
                        }
                    } else if (!line.text().isBlank()) {
                        chunk.add(line.text());
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
                            problems.add(oneLine("line " + lines.get(r.index()) + (r.jobId() == null ? "" : " ("
                                    + r.jobId() + ")") + ": " + r.status().name().toLowerCase() + ": "
                                    + String.join("; ", r.errors())));
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

    /** At most {@value #MAX_PROBLEM} characters on one line: SDK messages can run to thousands. */
    private static String oneLine(String problem) {
        String line = problem.replaceAll("\\s*\\R\\s*", " ");
        return line.length() > MAX_PROBLEM ? line.substring(0, MAX_PROBLEM - 3) + "..." : line;
    }
}
