package io.hybridrouter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.events.Backoff;
import io.hybridrouter.shared.testing.FakeSqs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiHandlerTest {

    private static final JobRouter ROUTER = new JobRouter(ModelArtefacts.loadBundled(), 0.6, Platform.LAMBDA,
            Clock.systemUTC());
    private final FakeSqs sqs = new FakeSqs();
    private final ApiHandler handler = new ApiHandler(new JobValidator(), ROUTER, Optional.of(
            new JobProducer(sqs, "https://sqs.example/q", new Backoff(2, 0, 0), ms -> { }, new JobValidator())));

    private static final String JOB = "{\"job_id\":\"api-9\",\"workload_type\":\"lightweight_api\","
            + "\"payload_size_kb\":2,\"time_window\":\"midday\",\"load_pattern\":\"burst_load\"}";

    private static APIGatewayProxyRequestEvent fixture(String method, String path, String body) throws IOException {
        try (InputStream in = ApiHandlerTest.class.getResourceAsStream("/events/apigw-post-jobs.json")) {
            APIGatewayProxyRequestEvent e = LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class,
                    ApiHandlerTest.class.getClassLoader()).fromJson(in);
            return e.withHttpMethod(method).withPath(path).withBody(body);
        }
    }

    private APIGatewayProxyResponseEvent call(String method, String path, String body) throws IOException {
        return handler.handleRequest(fixture(method, path, body), null);
    }

    @Test
    void postJobsEnqueuesAndAnswers202WithTheJobId() throws IOException {
        APIGatewayProxyResponseEvent r = call("POST", "/jobs", JOB);
        assertThat(r.getStatusCode()).isEqualTo(202);
        assertThat(Json.read(r.getBody()).get("job_id").asText()).isEqualTo("api-9");
        assertThat(r.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(sqs.accepted()).singleElement().satisfies(e -> assertThat(e.messageBody()).contains("api-9"));
    }

    @Test
    void postPredictAnswersInTheOriginalShape() throws IOException {
        APIGatewayProxyResponseEvent r = call("POST", "/predict/", JOB);
        assertThat(r.getStatusCode()).isEqualTo(200);
        JsonNode p = Json.read(r.getBody()).get("prediction");
        assertThat(p.get("platform").asText()).isEqualTo("lambda");
        assertThat(p.get("confidence").asDouble()).isBetween(0.0, 1.0);
        assertThat(p.get("scores").has("ecs")).isTrue();
        assertThat(p.get("reason").asText()).isEqualTo("model");
        assertThat(p.get("model_version").asText()).isNotBlank();
        assertThat(sqs.calls()).isEmpty();
    }

    @Test
    void invalidJsonOrJobIs400WithEveryError() throws IOException {
        APIGatewayProxyResponseEvent malformed = call("POST", "/jobs", "{\"workload_type\":");
        assertThat(malformed.getStatusCode()).isEqualTo(400);
        assertThat(Json.read(malformed.getBody()).get("errors").get(0).asText()).startsWith("job: malformed JSON");

        APIGatewayProxyResponseEvent invalid = call("POST", "/predict", "{\"job_id\":\"k\",\"payload_size_kb\":\"big\"}");
        assertThat(invalid.getStatusCode()).isEqualTo(400);
        JsonNode body = Json.read(invalid.getBody());
        assertThat(body.get("job_id").asText()).isEqualTo("k");
        assertThat(body.get("errors")).hasSize(4);
        assertThat(invalid.getBody()).doesNotContain("Exception").doesNotContain("at io.");
    }

    @Test
    void bodyOverTheLimitIs413() throws IOException {
        APIGatewayProxyResponseEvent r = call("POST", "/jobs", "x".repeat(ApiHandler.MAX_BODY_BYTES + 1));
        assertThat(r.getStatusCode()).isEqualTo(413);
        assertThat(sqs.calls()).isEmpty();
    }

    @Test
    void unknownRouteIs404AndWrongMethodIs405() throws IOException {
        assertThat(call("POST", "/nope", JOB).getStatusCode()).isEqualTo(404);
        APIGatewayProxyResponseEvent get = call("GET", "/jobs", null);
        assertThat(get.getStatusCode()).isEqualTo(405);
        assertThat(get.getHeaders()).containsEntry("Allow", "POST");
    }

    @Test
    void decodesBase64Bodies() throws IOException {
        APIGatewayProxyRequestEvent e = fixture("POST", "/predict",
                Base64.getEncoder().encodeToString(JOB.getBytes(StandardCharsets.UTF_8))).withIsBase64Encoded(true);
        assertThat(handler.handleRequest(e, null).getStatusCode()).isEqualTo(200);
    }

    @Test
    void queueOutageIs503WithRetryAfter() throws IOException {
        sqs.failNextCalls(5);
        APIGatewayProxyResponseEvent r = call("POST", "/jobs", JOB);
        assertThat(r.getStatusCode()).isEqualTo(503);
        assertThat(r.getHeaders()).containsEntry("Retry-After", "1");
    }

    @Test
    void aJobTheQueueRefusesAsItIsIs400WithTheReasonNeverARetry() throws IOException {
        sqs.rejectWhere(e -> true);
        APIGatewayProxyResponseEvent refused = call("POST", "/jobs", JOB);
        assertThat(refused.getStatusCode()).isEqualTo(400);
        assertThat(refused.getHeaders()).doesNotContainKey("Retry-After");
        assertThat(Json.read(refused.getBody()).get("errors").get(0).asText())
                .isEqualTo("job: the queue refused it (InvalidMessageContents: simulated)");

        // numbers written back as 1.0E9 make the queued job bigger than the body that came in
        String grows = "{\"job_id\":\"grows\",\"workload_type\":\"data_etl\",\"payload_size_kb\":1,"
                + "\"time_window\":\"night\",\"load_pattern\":\"low_load\",\"payload\":["
                + "1e9,".repeat(250_000) + "1e9]}";
        assertThat(grows.length()).isLessThan(ApiHandler.MAX_BODY_BYTES);
        APIGatewayProxyResponseEvent big = call("POST", "/jobs", grows);
        assertThat(big.getStatusCode()).isEqualTo(400);
        assertThat(big.getBody()).contains("over SQS's 1048576-byte limit");
    }

    @Test
    void submissionWithoutAQueueIs503AndPredictStillWorks() throws IOException {
        ApiHandler noQueue = new ApiHandler(new JobValidator(), ROUTER, Optional.empty());
        assertThat(noQueue.handleRequest(fixture("POST", "/jobs", JOB), null).getBody())
                .contains("ROUTER_JOBS_QUEUE_URL");
        assertThat(noQueue.handleRequest(fixture("POST", "/predict", JOB), null).getStatusCode()).isEqualTo(200);
    }
}
