package io.hybridrouter.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.shared.JobParseResult;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.ValidationError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code router classify}: job JSON lines in, one decision JSON line out per job. An invalid line
 * (bad JSON, a broken rule, or bytes that are not UTF-8) gives
 * {@code {"error": ..., "errors": [...], "line": n, "job_id": ...}}, the other lines are still
 * decided, and the exit code is 1. A job without {@code job_id} gets a random UUID (there is no
 * message id to derive one from; nothing runs the job). If stdout cannot be written, one line on
 * stderr and exit 1.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Decide where jobs run: job JSON lines in (file, - for stdin, or one JSON object), decisions out.")
public final class ClassifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE|-|JOB_JSON",
            description = "Jobs, one JSON object per line; stdin when absent or -.")
    String input;

    /** Where {@code -} reads from; a field so that tests can give their own. */
    InputStream stdin = System.in;

    /** Whether stdin is a terminal, for the hint that jobs are awaited. */
    BooleanSupplier stdinIsTerminal = Terminal::interactive;

    @Override
    public Integer call() throws IOException {
        JobRouter router = modelOptions.component().router();
        JobValidator validator = new JobValidator();
        PrintWriter out = spec.commandLine().getOut();
        int invalid = 0;
        try (JobLines lines = open()) {
            JobLines.Line line;
            while ((line = lines.next()) != null) {
                if (!line.validUtf8()) {
                    invalid++;
                    StdoutLines.print(out, Json.write(notUtf8(line)));
                    continue;
                }
                if (line.text().isBlank()) {
                    continue;
                }
                JobParseResult parsed = validator.parse(line.text());
                String answer;
                try {
                    answer = parsed instanceof JobParseResult.Valid valid ? Json.write(router.decide(valid.job()))
                            : null;
                } catch (Json.WriteException e) {
                    JobParseResult.Valid valid = (JobParseResult.Valid) parsed;
                    parsed = new JobParseResult.Invalid(List.of(new ValidationError("job",
                            "cannot be written as JSON (" + e.getMessage() + ")")), Optional.of(valid.job().jobId()));
                    answer = null;
                }
                if (answer == null) {
                    invalid++;
                    answer = Json.write(error((JobParseResult.Invalid) parsed, line.number()));
                }
                StdoutLines.print(out, answer);
            }
        }
        if (invalid > 0) {
            spec.commandLine().getErr().printf("%d invalid job%s%n", invalid, invalid == 1 ? "" : "s");
            return 1;
        }
        return 0;
    }

    /** {@code invalid job: <errors>}, without repeating "job" when the error is about the document as a whole. */
    static String invalidJob(JobParseResult.Invalid invalid) {
        boolean wholeDocument = invalid.errors().stream().allMatch(e -> "job".equals(e.field()));
        return "invalid job: " + (wholeDocument ? invalid.errors().stream().map(ValidationError::rule)
                .collect(Collectors.joining("; ")) : invalid.summary());
    }

    private static ObjectNode error(JobParseResult.Invalid invalid, int line) {
        ObjectNode node = Json.object();
        node.put("error", invalidJob(invalid));
        ArrayNode errors = node.putArray("errors");
        invalid.messages().forEach(errors::add);
        node.put("line", line);
        invalid.jobId().ifPresent(id -> node.put("job_id", id));
        return node;
    }

    private static ObjectNode notUtf8(JobLines.Line line) {
        ObjectNode node = Json.object();
        node.put("error", line.utf8Error());
        node.putArray("errors").add("job: not valid UTF-8");
        node.put("line", line.number());
        return node;
    }

    private JobLines open() throws IOException {
        if (input != null) {
            String trimmed = input.stripLeading();
            if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
                return new JobLines(new ByteArrayInputStream(input.replace('\n', ' ').getBytes(StandardCharsets.UTF_8)));
            }
        }
        if ((input == null || "-".equals(input)) && stdinIsTerminal.getAsBoolean()) {
            spec.commandLine().getErr().println("reading jobs from stdin (Ctrl-D to end)");
            spec.commandLine().getErr().flush();
        }
        return JobLines.open(input, stdin);
    }
}
