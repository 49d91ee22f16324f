package io.hybridrouter.localstack.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.shared.JobParseResult;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.ValidationError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code router classify}: job JSON lines in, one decision JSON line out per job. An invalid line
 * gives {@code {"error": ..., "errors": [...], "line": n, "job_id": ...}}, the other lines go on, and
 * the exit code is 1. A job without {@code job_id} gets a random UUID (there is no message id to
 * derive one from; nothing runs the job). If stdout cannot be written, one line on stderr and exit 1.
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

    @Override
    public Integer call() throws IOException {
        JobRouter router = modelOptions.component().router();
        JobValidator validator = new JobValidator();
        PrintWriter out = spec.commandLine().getOut();
        int invalid = 0;
        try (BufferedReader reader = new BufferedReader(open())) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JobParseResult parsed = validator.parse(line);
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
                    answer = Json.write(error((JobParseResult.Invalid) parsed, number));
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

    private static ObjectNode error(JobParseResult.Invalid invalid, int line) {
        ObjectNode node = Json.object();
        node.put("error", "invalid job: " + invalid.summary());
        ArrayNode errors = node.putArray("errors");
        invalid.messages().forEach(errors::add);
        node.put("line", line);
        invalid.jobId().ifPresent(id -> node.put("job_id", id));
        return node;
    }

    private Reader open() throws IOException {
        if (input == null || "-".equals(input)) {
            return new InputStreamReader(System.in, StandardCharsets.UTF_8);
        }
        String trimmed = input.stripLeading();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            return new StringReader(input.replace('\n', ' '));
        }
        try {
            return Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("input file " + input + " does not exist (give a file, - for stdin, or a job as JSON)");
        }
    }
}
