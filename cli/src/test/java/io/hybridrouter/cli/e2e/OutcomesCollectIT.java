package io.hybridrouter.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.cli.CliRun;
import io.hybridrouter.localstack.e2e.EmulatorBackend;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.events.EventTypes;
import io.hybridrouter.training.offpolicy.LoggedOutcomes;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * {@code router outcomes collect} against the deployed stack's outcomes queue: every JobCompleted event
 * the bus routed there ends up once in the file, re-runs add nothing twice, and the queue is left empty.
 */
class OutcomesCollectIT {

    private static String outcome(int i) {
        return "{\"job_id\":\"oc-" + i + "\",\"platform\":\"lambda\",\"started_at\":\"2026-11-26T10:00:01Z\","
                + "\"duration_ms\":120,\"status\":\"succeeded\",\"model_version\":\"rtree-1\","
                + "\"workload_type\":\"lightweight_api\",\"job\":{\"job_id\":\"oc-" + i + "\","
                + "\"workload_type\":\"lightweight_api\",\"payload_size_kb\":" + (2 + i) + ",\"time_window\":\"midday\","
                + "\"load_pattern\":\"burst_load\"},\"propensity\":0.98,\"measured\":{\"platform\":\"lambda\","
                + "\"duration_ms\":120,\"startup_ms\":40,\"startup_source\":\"measured\",\"memory_mb\":512,"
                + "\"vcpu\":0.29,\"billed_usd\":0.0000012,\"slo_ms\":3000,\"slo_met\":true,\"source\":\"lambda\"}}";
    }

    private static void publish(EmulatorBackend backend, String bus, int from, int to) {
        List<PutEventsRequestEntry> entries = new ArrayList<>();
        for (int i = from; i < to; i++) {
            entries.add(PutEventsRequestEntry.builder().eventBusName(bus).source(EventTypes.SOURCE)
                    .detailType(EventTypes.JOB_COMPLETED).detail(outcome(i)).build());
            if (entries.size() == 10 || i == to - 1) {
                List<PutEventsRequestEntry> batch = List.copyOf(entries);
                assertThat(backend.clients().events.putEvents(b -> b.entries(batch)).failedEntryCount()).isZero();
                entries.clear();
            }
        }
    }

    private static List<JsonNode> lines(Path file) throws Exception {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(Json::read).toList();
    }

    @Test
    void drainsTheOutcomesQueueIntoEventLinesOnceEachAcrossReRuns(@TempDir Path dir) throws Exception {
        EmulatorBackend backend = EmulatorBackend.get();
        String endpoint = backend.endpoint().toString();
        String name = EmulatorBackend.uniqueName("e2e-outcomes");
        CliRun deploy = CliRun.of("stack", "deploy", "--endpoint", endpoint, "--name", name, "--emulator",
                backend.emulator().wireName(), "--json");
        assertThat(deploy.exitCode()).as(deploy.err()).isZero();
        JsonNode stack = Json.read(deploy.out());
        String queue = stack.get("outcomes_queue_url").asText();
        Path file = dir.resolve("outcomes.jsonl");
        try {
            publish(backend, stack.get("bus_name").asText(), 0, 12);
            // the bus delivers asynchronously on some emulators: collect until all twelve are in (re-runs are safe)
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                CliRun collect = CliRun.of("outcomes", "collect", "--endpoint-url", endpoint, "--queue-url", queue,
                        "--out", file.toString(), "--wait", "0");
                assertThat(collect.exitCode()).as(collect.err()).isZero();
                return lines(file).size() == 12;
            });
            List<JsonNode> first = lines(file);
            assertThat(first).extracting(e -> e.get("detail").get("job_id").asText()).doesNotHaveDuplicates()
                    .hasSize(12);

            // a message redelivered after its line was written (a crash before the delete), and three new events
            backend.clients().sqs.sendMessage(b -> b.queueUrl(queue).messageBody(Json.write(first.get(0))));
            publish(backend, stack.get("bus_name").asText(), 12, 15);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                CliRun collect = CliRun.of("outcomes", "collect", "--endpoint-url", endpoint, "--queue-url", queue,
                        "--out", file.toString(), "--wait", "0");
                assertThat(collect.exitCode()).as(collect.err()).isZero();
                return lines(file).size() == 15;
            });
            CliRun last = CliRun.of("outcomes", "collect", "--endpoint-url", endpoint, "--queue-url", queue,
                    "--out", file.toString(), "--wait", "1");
            assertThat(last.out()).startsWith("collected 0 new events").contains("holds 15 events");
            assertThat(lines(file)).extracting(e -> e.get("id").asText()).doesNotHaveDuplicates();
            assertThat(backend.clients().sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(0)).messages())
                    .isEmpty();

            // the file is what evaluate --outcomes and train --outcomes read
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                assertThat(new LoggedOutcomes().readRecords(in, file.toString()).records()).hasSize(15);
            }
        } finally {
            CliRun.of("stack", "destroy", "--endpoint", endpoint, "--name", name);
        }
    }
}
