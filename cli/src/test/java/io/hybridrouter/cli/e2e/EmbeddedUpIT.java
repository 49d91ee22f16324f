package io.hybridrouter.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.cli.RouterCli;
import io.hybridrouter.localstack.e2e.AwsCli;
import io.hybridrouter.shared.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * {@code router up} as a user runs it: a separate process, a plain SQS client and the AWS CLI, events in
 * a file, requests a web page could send refused, Ctrl-C.
 */
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
        // --http-port 0: the default (the SQS port + 1) may be taken by another process on a busy machine
        Process up = new ProcessBuilder("java", "-jar", jar.toString(), "up", "--port", Integer.toString(port),
                "--http-port", "0", "--events", events.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            awaitLogged(up, log, "jobs queue");
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
                        entry("3", "{\"job_id\":\"up-bad\",\"payload_size_kb\":-1}"),
                        entry("4", deepJob("up-deep", 992)),
                        entry("5", deepJob("up-too-deep", 993)),
                        entry("6", "{\"job_id\":\"up-surrogate\",\"workload_type\":\"lightweight_api\","
                                + "\"payload_size_kb\":2,\"time_window\":\"midday\",\"load_pattern\":\"burst_load\","
                                + "\"payload\":{\"notes\":\"\\ud800\"}}"),
                        entry("7", "{\"job_id\":\"up-ml\",\"workload_type\":\"ml_inference\",\"payload_size_kb\":50000,"
                                + "\"time_window\":\"night\",\"load_pattern\":\"low_load\"}"),
                        entry("8", "{\"job_id\":\"up-video\",\"workload_type\":\"video_transcoding\","
                                + "\"payload_size_kb\":200000,\"time_window\":\"night\",\"load_pattern\":\"low_load\"}")));
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                        .until(() -> lines(events).stream().filter(e -> "JobRejected".equals(e.get("detail-type")
                                .asText())).count() == 3);
                // the events file still records after the bad jobs
                sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"job_id\":\"up-after\","
                        + "\"workload_type\":\"lightweight_api\",\"payload_size_kb\":2,\"time_window\":\"midday\","
                        + "\"load_pattern\":\"burst_load\"}"));
            }
            boolean cli = AwsCli.sendMessage("http://localhost:" + port, queueUrl,
                    "{\"job_id\":\"up-cli\",\"workload_type\":\"thumbnail_processing\","
                    + "\"payload_size_kb\":300,\"time_window\":\"evening\",\"load_pattern\":\"low_load\"}");
            int completed = cli ? 7 : 6;

            // what a web page can make a browser send: an unsigned form POST, or any request under its own host name
            String form = "Action=SendMessage&QueueUrl=" + queueUrl + "&MessageBody=%7B%22workload_type%22%3A%22x%22%7D";
            assertThat(rawPost(port, "localhost:" + port, null, form)).startsWith("HTTP/1.1 403")
                    .contains("no Authorization header");
            assertThat(rawPost(port, "attacker.example", "AWS4-HMAC-SHA256 Credential=x", form))
                    .startsWith("HTTP/1.1 403").contains("Host 'attacker.example' is not localhost:" + port);

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> lines(events).stream().filter(e -> "JobCompleted".equals(e.get("detail-type").asText()))
                            .count() == completed);
            List<JsonNode> all = lines(events);
            assertThat(all).filteredOn(e -> "RoutingDecision".equals(e.get("detail-type").asText()))
                    .extracting(e -> e.get("detail").get("job_id").asText() + "->" + e.get("detail").get("platform").asText())
                    .containsAll(List.of("up-api->lambda", "up-etl->ecs", "up-deep->lambda", "up-after->lambda")).hasSize(completed);
            assertThat(all).filteredOn(e -> "JobCompleted".equals(e.get("detail-type").asText()))
                    .extracting(e -> e.get("detail").get("job_id").asText() + "@" + e.get("detail").get("platform").asText())
                    .containsAll(List.of("up-api@lambda", "up-etl@ecs", "up-deep@lambda", "up-after@lambda")).hasSize(completed);
            if (cli) {
                assertThat(all).extracting(e -> e.get("detail").path("job_id").asText()).contains("up-cli");
            }
            // every job ran on the option its decision named, and the jobs' sizes spread them over several
            Map<String, String> decided = all.stream().filter(e -> "RoutingDecision".equals(e.get("detail-type").asText()))
                    .collect(java.util.stream.Collectors.toMap(e -> e.get("detail").get("job_id").asText(),
                            e -> e.get("detail").get("option").asText()));
            List<JsonNode> ran = all.stream().filter(e -> "JobCompleted".equals(e.get("detail-type").asText()))
                    .map(e -> e.get("detail")).toList();
            assertThat(ran).allSatisfy(o -> assertThat(o.get("option").asText()).isEqualTo(decided.get(o.get("job_id")
                    .asText())));
            assertThat(ran.stream().map(o -> o.get("option").asText()).distinct()).as("options used").hasSizeGreaterThanOrEqualTo(4);
            assertThat(ran).allSatisfy(o -> assertThat(o.get("measured").get("arch").asText()).isIn("x86_64", "arm64"));
            assertThat(all).filteredOn(e -> "JobRejected".equals(e.get("detail-type").asText()))
                    .extracting(e -> e.get("detail").get("job_id").asText() + ": " + e.get("detail").get("errors").get(0)
                            .asText())
                    .containsExactlyInAnyOrder("up-bad: workload_type: is required",
                            "up-too-deep: payload: nests 993 levels; at most 992",
                            "up-surrogate: payload.notes: contains an unpaired UTF-16 surrogate (\\ud800); text must be "
                                    + "valid Unicode");
        } finally {
            up.destroy();
            assertThat(up.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(log)).contains("stopping: finishing the jobs in flight").contains("stopped");
    }

    @Test
    void upServesPredictAndJobsOverHttpAsTheOriginalsUsersCalledIt(@TempDir Path dir) throws Exception {
        Path jar = Path.of(System.getProperty("router.repo.root", "..")).resolve("cli/target/router-cli.jar");
        assertThat(jar).as("the CLI jar is built in the package phase").exists();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path events = dir.resolve("events.jsonl");
        Path log = dir.resolve("up.log");
        Process up = new ProcessBuilder("java", "-jar", jar.toString(), "up", "--port", Integer.toString(port),
                "--http-port", "0", "--events", events.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            awaitLogged(up, log, "events go to");
            String banner = Files.readString(log);
            String http = banner.lines().filter(l -> l.contains("HTTP API")).findFirst().orElseThrow().trim()
                    .split("\\s+")[2];
            assertThat(http).startsWith("http://localhost:").isNotEqualTo("http://localhost:0");
            assertThat(banner).contains("curl -s -X POST " + http + "/predict -H 'Content-Type: application/json'");
            String job = "{\"job_id\":\"up-http\",\"workload_type\":\"lightweight_api\",\"payload_size_kb\":2,"
                    + "\"time_window\":\"midday\",\"load_pattern\":\"burst_load\"}";

            // what the banner tells a user to run
            Process curl = new ProcessBuilder("curl", "-s", "-X", "POST", http + "/predict", "-H",
                    "Content-Type: application/json", "-d", job).redirectErrorStream(true).start();
            String answer = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
            JsonNode prediction = Json.read(answer).get("prediction");
            assertThat(prediction.get("platform").asText()).as(answer).isEqualTo("lambda");
            assertThat(prediction.get("confidence").asDouble()).isBetween(0.0, 1.0);

            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> queued = client.send(HttpRequest.newBuilder(URI.create(http + "/jobs"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            job.replace("up-http", "up-http-queued"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
            assertThat(Json.read(queued.body()).get("job_id").asText()).isEqualTo("up-http-queued");
            HttpResponse<String> form = client.send(HttpRequest.newBuilder(URI.create(http + "/jobs"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers
                            .ofString(job)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(form.statusCode()).isEqualTo(415);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> lines(events).stream().anyMatch(e -> "JobCompleted".equals(e.get("detail-type")
                            .asText()) && "up-http-queued".equals(e.get("detail").get("job_id").asText())));
            assertThat(lines(events)).extracting(e -> e.get("detail").path("job_id").asText())
                    .as("a prediction is not queued").doesNotContain("up-http");
        } finally {
            up.destroy();
            assertThat(up.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void upExitsNonZeroNamingTheCause_whenTheClassifierWorkerDies() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cli = RouterCli.commandLine();
        // decisions go to stdout on the worker's thread: an error the JVM cannot recover from, thrown there
        cli.setOut(new PrintWriter(new Writer() {
            @Override
            public void write(char[] buf, int off, int len) {
                if (new String(buf, off, len).contains("RoutingDecision")) {
                    throw new OutOfMemoryError("simulated: no room for an event line");
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        }));
        cli.setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("up", "--port", "0"));

        await().atMost(Duration.ofSeconds(60)).until(() -> err.toString().contains("jobs queue"));
        String queueUrl = err.toString().lines().filter(l -> l.contains("jobs queue")).findFirst().orElseThrow()
                .trim().split("\\s+")[2];
        URI queue = URI.create(queueUrl);
        try (SqsClient sqs = SqsClient.builder().endpointOverride(URI.create(queue.getScheme() + "://"
                + queue.getAuthority())).region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("any", "any"))).build()) {
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"job_id\":\"up-oom\",\"workload_type\":"
                    + "\"lightweight_api\",\"payload_size_kb\":2,\"time_window\":\"midday\",\"load_pattern\":"
                    + "\"burst_load\"}"));
        }

        assertThat(exit.get(60, TimeUnit.SECONDS)).as(err.toString()).isEqualTo(1);
        assertThat(err.toString()).contains("error: the classifier worker died: OutOfMemoryError: simulated: no room "
                + "for an event line; stopping the router").contains("stopped");
    }

    /** Waits for {@code up} to log {@code text}; fails at once, with its log, if it exits first. */
    private static void awaitLogged(Process up, Path log, String text) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String logged = Files.readString(log);
            if (!logged.contains(text) && !up.isAlive()) {
                throw new AssertionError("router up exited with " + up.exitValue() + " before logging '" + text
                        + "':\n" + logged);
            }
            return logged.contains(text);
        });
    }

    private static String deepJob(String id, int payloadDepth) {
        return "{\"job_id\":\"" + id + "\",\"workload_type\":\"lightweight_api\",\"payload_size_kb\":2,"
                + "\"time_window\":\"midday\",\"load_pattern\":\"burst_load\",\"payload\":"
                + "[".repeat(payloadDepth) + "]".repeat(payloadDepth) + "}";
    }

    /** A raw HTTP POST with any Host header and an optional Authorization header; the whole response. */
    private static String rawPost(int port, String host, String authorization, String form) throws IOException {
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream os = s.getOutputStream();
            os.write(("POST / HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            os.write(body);
            os.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
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
