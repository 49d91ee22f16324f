package io.hybridrouter.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.shared.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** {@code router up} as a user runs it: a separate process, a plain SQS client, events in a file, Ctrl-C. */
class EmbeddedUpIT {

    @Test
    void jobsSentWithAPlainSqsClientAreDecidedRunAndReported(@TempDir Path dir) throws Exception {
        Path root = Path.of(System.getProperty("router.repo.root", ".."));
        Path jar = root.resolve("cli/target/router-cli.jar");
        assertThat(jar).as("the CLI jar is built in the package phase").exists();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path events = dir.resolve("events.jsonl");
        Path log = dir.resolve("up.log");
        Process up = new ProcessBuilder("java", "-jar", jar.toString(), "up", "--port", Integer.toString(port),
                "--events", events.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains("jobs queue"));
            String queueUrl = Files.readAllLines(log).stream().filter(l -> l.contains("jobs queue")).findFirst()
                    .orElseThrow().trim().split("\\s+")[2];
            try (SqsClient sqs = SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port))
                    .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("any", "any"))).build()) {
                sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(
                        entry("1", "{\"job_id\":\"up-api\",\"workload_type\":\"lightweight_api\",\"payload_size_kb\":2,"
                                + "\"time_window\":\"midday\",\"load_pattern\":\"burst_load\"}"),
                        entry("2", "{\"job_id\":\"up-etl\",\"workload_type\":\"data_etl\",\"payload_size_kb\":6000000,"
                                + "\"time_window\":\"night\",\"load_pattern\":\"low_load\"}"),
                        entry("3", "{\"job_id\":\"up-bad\",\"payload_size_kb\":-1}")));
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> lines(events).stream().filter(e -> "JobCompleted".equals(e.get("detail-type").asText()))
                            .count() == 2);
            List<JsonNode> all = lines(events);
            assertThat(all).filteredOn(e -> "RoutingDecision".equals(e.get("detail-type").asText()))
                    .extracting(e -> e.get("detail").get("job_id").asText() + "->" + e.get("detail").get("platform").asText())
                    .containsExactlyInAnyOrder("up-api->lambda", "up-etl->ecs");
            assertThat(all).filteredOn(e -> "JobCompleted".equals(e.get("detail-type").asText()))
                    .extracting(e -> e.get("detail").get("job_id").asText() + "@" + e.get("detail").get("platform").asText())
                    .containsExactlyInAnyOrder("up-api@lambda", "up-etl@ecs");
            assertThat(all).filteredOn(e -> "JobRejected".equals(e.get("detail-type").asText()))
                    .singleElement().satisfies(e -> assertThat(e.get("detail").get("job_id").asText()).isEqualTo("up-bad"));
        } finally {
            up.destroy();
            assertThat(up.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(log)).contains("stopping: finishing the jobs in flight").contains("stopped");
    }

    private static SendMessageBatchRequestEntry entry(String id, String body) {
        return SendMessageBatchRequestEntry.builder().id(id).messageBody(body).build();
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).map(Json::read)
                .toList();
    }
}
