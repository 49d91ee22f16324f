package io.hybridrouter.localstack.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.ingest.PredictHandler;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.shared.log.RouterLog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code router up}'s HTTP API in front of a real embedded stack on free ports: {@code /predict} answers as the
 * predict function does, {@code /jobs} queues a job that the stack then decides, and what a web page could make
 * a browser send is refused.
 */
class LocalApiIT {

    private static final String JOB = "{\"job_id\":\"http-1\",\"workload_type\":\"lightweight_api\","
            + "\"payload_size_kb\":2,\"time_window\":\"midday\",\"load_pattern\":\"burst_load\"}";
    private static final JobRouter ROUTER = new JobRouter(ModelArtefacts.loadBundled(), RouterConfig.defaults(),
            Clock.fixed(Instant.parse("2026-11-27T05:00:00Z"), ZoneOffset.UTC));
    private static final Map<String, CompletableFuture<ObjectNode>> DECIDED = new ConcurrentHashMap<>();

    private static EmbeddedStack stack;
    private static LocalApi api;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        stack = EmbeddedStack.start(0, RouterConfig.defaults(), ROUTER, event -> {
            if ("RoutingDecision".equals(event.path("detail-type").asText())) {
                decided(event.path("detail").path("job_id").asText()).complete(event);
            }
        });
        api = LocalApi.start(0, stack, RouterLog.NONE);
    }

    @AfterAll
    static void stop() {
        api.close();
        stack.close();
    }

    private static CompletableFuture<ObjectNode> decided(String jobId) {
        return DECIDED.computeIfAbsent(jobId, id -> new CompletableFuture<>());
    }

    private static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void postPredictAnswersExactlyAsThePredictFunction() throws Exception {
        HttpResponse<String> r = post("/predict", "application/json; charset=utf-8", JOB);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode p = Json.read(r.body()).get("prediction");
        assertThat(p.get("platform").asText()).isEqualTo("lambda");
        assertThat(p.get("confidence").asDouble()).isBetween(0.0, 1.0);
        assertThat(r.body()).isEqualTo(new PredictHandler(new JobValidator(), ROUTER, RouterLog.NONE)
                .answer("POST", "/predict", JOB).body());
        assertThat(decided("http-1")).as("a prediction queues nothing").isNotDone();

        HttpResponse<String> invalid = post("/predict", "application/json", "{\"job_id\":\"k\",\"payload_size_kb\":-1}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(Json.read(invalid.body()).get("errors")).hasSize(4);
    }

    @Test
    void postJobsAnswers202WithTheJobIdAndTheStackDecidesIt() throws Exception {
        String job = JOB.replace("http-1", "http-queued");
        HttpResponse<String> r = post("/jobs", "application/json", job);
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(Json.read(r.body()).get("job_id").asText()).isEqualTo("http-queued");
        ObjectNode decision = decided("http-queued").get(60, TimeUnit.SECONDS);
        assertThat(decision.get("detail").get("platform").asText()).isEqualTo("lambda");
    }

    @Test
    void aBodyThatIsNotJsonTypedIs415AndNeverQueued() throws Exception {
        String job = JOB.replace("http-1", "http-form");
        HttpResponse<String> form = post("/jobs", "application/x-www-form-urlencoded", job);
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(Json.read(form.body()).get("error").asText())
                .isEqualTo("Content-Type 'application/x-www-form-urlencoded' is not application/json; send the job as JSON");
        assertThat(post("/predict", "text/plain", JOB).statusCode()).isEqualTo(415);
        assertThat(post("/predict", null, JOB).statusCode()).isEqualTo(415);
        assertThat(decided("http-form").completeOnTimeout(null, 2, TimeUnit.SECONDS).get()).isNull();
    }

    @Test
    void aBodyThatIsNotUtf8Is400AndAnotherCharset415NeverQueuedChanged() throws Exception {
        byte[] latin1 = JOB.replace("http-1", "http-latin1").replace("}", ",\"payload\":{\"n\":\"caf\u00e9\"}}")
                .getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> bad = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port()
                + "/jobs")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(
                        latin1)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Json.read(bad.body()).get("error").asText()).isEqualTo("body is not valid UTF-8; send the job as "
                + "UTF-8 JSON");
        assertThat(post("/predict", "application/json; charset=iso-8859-1", JOB).statusCode()).isEqualTo(415);
        assertThat(post("/predict", "application/json; charset=UTF-8", JOB).statusCode()).isEqualTo(200);
        assertThat(decided("http-latin1").completeOnTimeout(null, 2, TimeUnit.SECONDS).get()).isNull();
    }

    @Test
    void aForeignHostIs403AndOtherRoutesAndMethodsAre404And405() throws Exception {
        String foreign = raw("POST /predict HTTP/1.1\r\nHost: attacker.example:" + api.port()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + JOB.length() + "\r\n", JOB);
        assertThat(foreign).startsWith("HTTP/1.1 403").contains("refused: Host 'attacker.example:" + api.port()
                + "' is not localhost:");
        assertThat(raw("POST /predict HTTP/1.1\r\nHost: localhost:" + api.port() + "\r\nContent-Type: application/json"
                + "\r\nContent-Length: " + JOB.length() + "\r\n", JOB)).startsWith("HTTP/1.1 200");
        assertThat(post("/nope", "application/json", JOB).statusCode()).isEqualTo(404);
        HttpResponse<String> get = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port()
                + "/predict")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertThat(raw("OPTIONS /jobs HTTP/1.1\r\nHost: localhost:" + api.port() + "\r\nOrigin: https://evil.example"
                + "\r\nAccess-Control-Request-Method: POST\r\n", "")).startsWith("HTTP/1.1 405")
                .doesNotContainIgnoringCase("Access-Control-Allow");
    }

    @Test
    void aBodyOverTheJobSizeLimitIs413() throws Exception {
        String big = "x".repeat(1_040_001);
        HttpResponse<String> sized = post("/jobs", "application/json", big);
        assertThat(sized.statusCode()).isEqualTo(413);
        assertThat(sized.body()).contains("over the 1040000-byte limit");
        // no Content-Length: counted as it is read
        HttpResponse<String> chunked = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port()
                + "/predict")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
    }

    /** A raw HTTP exchange with any headers; the whole response. */
    private static String raw(String head, String body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", api.port())) {
            s.setSoTimeout(10_000);
            OutputStream os = s.getOutputStream();
            os.write((head + "Connection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            os.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
