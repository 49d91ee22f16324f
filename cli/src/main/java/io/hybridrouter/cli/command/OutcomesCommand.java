package io.hybridrouter.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.cli.di.CliComponent;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Utf16;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.shared.cost.AwsPricing;
import io.hybridrouter.shared.events.EventTypes;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;

/** {@code router outcomes collect}: the outcomes a deployed router logged, as JSON lines to train and evaluate on. */
@Command(name = "outcomes", mixinStandardHelpOptions = true,
        description = "Collect the outcomes a running router logged (`outcomes collect`).",
        subcommands = {OutcomesCommand.Collect.class})
public final class OutcomesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** No subcommand is a usage error: the usage goes to stderr and the exit code is 2. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /**
     * {@code router outcomes collect}: drains the outcomes queue into a file of event lines, one event
     * per line as {@code router up --events} writes them. Appends to the file and skips an event whose
     * {@code id} is already in it, so a re-run (after a crash between writing and deleting, or on a
     * file that {@code up --events} wrote) adds nothing twice. A message is deleted only after its line
     * is written and flushed to disk; a message that is not an event is left in the queue (and counted),
     * never dropped.
     */
    @Command(name = "collect", mixinStandardHelpOptions = true,
            description = "Drain the outcomes queue into JSON lines (one JobCompleted event per line); skips events already in the file; deletes a message only after its line is on disk.")
    public static final class Collect implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--queue-url", required = true, paramLabel = "URL", description = "The outcomes queue URL (`stack deploy` prints it).")
        String queueUrl;

        @Option(names = "--out", required = true, paramLabel = "FILE.jsonl", description = "Where the event lines go; appended to, created if absent.")
        Path out;

        @Option(names = "--wait", paramLabel = "S", defaultValue = "1", description = "Long-poll wait per receive, seconds, 0-20; the queue counts as drained after an empty receive (default: ${DEFAULT-VALUE}).")
        int waitSeconds;

        @Mixin
        AwsOptions aws;

        @Override
        public Integer call() throws IOException {
            if (waitSeconds < 0 || waitSeconds > AwsPricing.SQS_MAX_WAIT_TIME_S) {
                throw new IllegalArgumentException("--wait must be 0-" + AwsPricing.SQS_MAX_WAIT_TIME_S
                        + " seconds (SQS long polling), got " + waitSeconds);
            }
            PrintWriter err = spec.commandLine().getErr();
            PrintWriter stdout = spec.commandLine().getOut();
            Set<String> seen = existingIds(out);
            int before = seen.size();
            SqsClient sqs = CliComponent.create(RouterConfig.fromEnvironment(), aws.target()).sqs();
            Summary s = new Summary();
            try (FileOutputStream file = new FileOutputStream(out.toFile(), true);
                    Writer writer = new OutputStreamWriter(file, StandardCharsets.UTF_8)) {
                while (true) {
                    List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                            .maxNumberOfMessages(AwsPricing.SQS_MAX_BATCH_ENTRIES).waitTimeSeconds(waitSeconds))
                            .messages();
                    if (batch.isEmpty()) {
                        break;
                    }
                    List<Message> done = new ArrayList<>();
                    for (Message m : batch) {
                        JsonNode event = event(m.body());
                        if (event == null) {
                            s.unreadable++;
                            continue;
                        }
                        String id = event.path("id").asText(m.messageId());
                        if (!seen.add(id)) {
                            s.duplicates++;
                        } else {
                            writer.write(Utf16.escapeUnpaired(Json.write(event)));
                            writer.write('\n');
                            s.written++;
                            if (EventTypes.JOB_COMPLETED.equals(event.path("detail-type").asText())) {
                                s.completed++;
                            }
                        }
                        done.add(m);
                    }
                    // on disk before the messages go: a crash here leaves lines a re-run skips by id
                    writer.flush();
                    file.getFD().sync();
                    delete(sqs, done, s);
                    err.printf("collected %,d events (%,d JobCompleted), %,d already in %s%n", s.written, s.completed,
                            s.duplicates, out);
                    err.flush();
                }
            }
            stdout.printf("collected %,d new events (%,d JobCompleted) into %s; skipped %,d already there; "
                    + "%,d messages that are not events left in the queue; %,d not deleted (will come back); "
                    + "%s holds %,d events%n", s.written, s.completed, out, s.duplicates, s.unreadable, s.notDeleted,
                    out, before + s.written);
            stdout.flush();
            return s.unreadable > 0 || s.notDeleted > 0 ? 1 : 0;
        }

        private void delete(SqsClient sqs, List<Message> done, Summary s) {
            if (done.isEmpty()) {
                return;
            }
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < done.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(done.get(i).receiptHandle()).build());
            }
            DeleteMessageBatchResponse r = sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            // a message not deleted comes back after its visibility timeout; its id is in the file, so a re-run skips it
            s.notDeleted += r.failed().size();
        }

        /** The event in a message body, or null when it is not one. */
        private static JsonNode event(String body) {
            try {
                JsonNode n = Json.MAPPER.readTree(body);
                return n != null && n.isObject() && n.has("detail-type") ? n : null;
            } catch (JsonProcessingException e) {
                return null;
            }
        }

        /** The ids of the events already in the file (empty when there is none). */
        static Set<String> existingIds(Path file) throws IOException {
            Set<String> ids = new HashSet<>();
            if (!Files.exists(file)) {
                return ids;
            }
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                int lineNo = 0;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode n;
                    try {
                        n = Json.MAPPER.readTree(line);
                    } catch (JsonProcessingException e) {
                        throw new IllegalArgumentException(file + " line " + lineNo + ": not a JSON event line ("
                                + Json.describe(e) + "); "
                                + "collect into an events file or a new one");
                    }
                    if (n != null && n.hasNonNull("id")) {
                        ids.add(n.get("id").asText());
                    }
                }
            }
            return ids;
        }

        /** Counts for the summary. */
        private static final class Summary {
            int written;
            int completed;
            int duplicates;
            int unreadable;
            int notDeleted;
        }
    }
}
