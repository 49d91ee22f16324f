package io.hybridrouter.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.shared.JobParseResult;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Json;
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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code router classify}: job JSON lines in, one decision JSON line out per job. An invalid line
 * gives {@code {"error": ..., "errors": [...], "line": n, "job_id": ...}} and makes the exit code 1.
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
                if (parsed instanceof JobParseResult.Valid valid) {
                    out.println(Json.write(router.decide(valid.job())));
                } else {
                    invalid++;
                    out.println(Json.write(error((JobParseResult.Invalid) parsed, number)));
                }
                out.flush();
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
