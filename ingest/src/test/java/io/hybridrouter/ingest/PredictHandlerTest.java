package io.hybridrouter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.classifier.ModelSource;
import io.hybridrouter.contracts.Contracts;
import io.hybridrouter.ingest.PredictHandler.Convention;
import io.hybridrouter.shared.JobParseResult;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.shared.config.DecisionConfig;
import io.hybridrouter.shared.cost.Prices;
import io.hybridrouter.shared.events.Backoff;
import io.hybridrouter.shared.log.RouterLog;
import io.hybridrouter.shared.testing.FakeSqs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The predict function called every way the original's users called it: each event is built by the Lambda
 * runtime's own serialisation from a captured fixture, and each answer is read back with the serialiser of
 * the type that caller expects.
 */
class PredictHandlerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T05:00:00Z"), ZoneOffset.UTC);
    private static final JobRouter ROUTER = new JobRouter(ModelArtefacts.loadBundled(), 0.6, Platform.LAMBDA, CLOCK);
    private final List<String> logged = new ArrayList<>();
    private final PredictHandler handler = new PredictHandler(new JobValidator(), ROUTER,
            (level, message, fields) -> logged.add(message));

    private static final String JOB = "{\"job_id\":\"p-1\",\"workload_type\":\"lightweight_api\","
            + "\"payload_size_kb\":2,\"time_window\":\"midday\",\"load_pattern\":\"burst_load\"}";
    private static final String ETL = "{\"job_id\":\"p-2\",\"workload_type\":\"data_etl\","
            + "\"payload_size_kb\":6000000,\"time_window\":\"night\",\"load_pattern\":\"low_load\"}";
    private static final String INVALID = "{\"job_id\":\"bad-1\",\"payload_size_kb\":\"big\"}";

    private static final PojoSerializer<APIGatewayProxyRequestEvent> REST_IN = LambdaEventSerializers.serializerFor(
            APIGatewayProxyRequestEvent.class, PredictHandlerTest.class.getClassLoader());
    private static final PojoSerializer<APIGatewayProxyResponseEvent> REST_OUT = LambdaEventSerializers.serializerFor(
            APIGatewayProxyResponseEvent.class, PredictHandlerTest.class.getClassLoader());
    private static final PojoSerializer<APIGatewayV2HTTPEvent> V2_IN = LambdaEventSerializers.serializerFor(
            APIGatewayV2HTTPEvent.class, PredictHandlerTest.class.getClassLoader());
    private static final PojoSerializer<APIGatewayV2HTTPResponse> V2_OUT = LambdaEventSerializers.serializerFor(
            APIGatewayV2HTTPResponse.class, PredictHandlerTest.class.getClassLoader());

    // ------------------------------------------------------------------ plumbing

    private byte[] invoke(byte[] input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(input), out, null);
        return out.toByteArray();
    }

    private JsonNode invokeRaw(String job) throws IOException {
        return Json.read(new String(invoke(job.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
    }

    private static InputStream fixture(String name) {
        return PredictHandlerTest.class.getResourceAsStream("/events/" + name);
    }

    private static APIGatewayProxyRequestEvent rest(String method, String path, String body) {
        return REST_IN.fromJson(fixture("apigw-post-predict.json")).withHttpMethod(method).withPath(path)
                .withResource(path).withBody(body);
    }

    private APIGatewayProxyResponseEvent call(APIGatewayProxyRequestEvent e) throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        REST_IN.toJson(e, json);
        return REST_OUT.fromJson(new ByteArrayInputStream(invoke(json.toByteArray())));
    }

    private static APIGatewayV2HTTPEvent v2(String fixture, String method, String rawPath, String body) {
        APIGatewayV2HTTPEvent e = V2_IN.fromJson(fixture(fixture));
        e.setRawPath(rawPath);
        e.getRequestContext().getHttp().setMethod(method);
        e.getRequestContext().getHttp().setPath(rawPath);
        e.setBody(body);
        return e;
    }

    private APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent e) throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        V2_IN.toJson(e, json);
        return V2_OUT.fromJson(new ByteArrayInputStream(invoke(json.toByteArray())));
    }

    private static void assertPrediction(String body, String jobId, String platform) {
        JsonNode answer = Json.read(body);
        assertThat(Contracts.violations(Contracts.BASE_URI + "api.schema.json#/$defs/PredictResponse", answer))
                .as("the answer meets the published contract").isEmpty();
        JsonNode p = answer.get("prediction");
        assertThat(p.get("platform").asText()).isEqualTo(platform);
        assertThat(p.get("confidence").asDouble()).isBetween(0.0, 1.0);
        assertThat(p.get("scores").get("lambda").asDouble() + p.get("scores").get("ecs").asDouble())
                .isCloseTo(1.0, offset(1e-9));
        assertThat(p.get("reason").asText()).isNotBlank();
        assertThat(p.get("model_version").asText()).isEqualTo(ROUTER.model().version());
        assertThat(p.get("estimates").get("ecs").has("cost_usd")).isTrue();
        assertThat(p.get("propensity").asDouble()).isBetween(0.0, 1.0);
        assertThat(p.get("decided_at").asText()).isEqualTo("2026-11-27T05:00:00Z");
        assertThat(answer.get("job_id").asText()).isEqualTo(jobId);
    }

    // ------------------------------------------------------------------ direct invoke with a raw job

    @Test
    void aRawJobInvokedDirectlyAnswersInTheOriginalShape() throws IOException {
        JsonNode r = invokeRaw(JOB);
        assertThat(r.get("statusCode").asInt()).isEqualTo(200);
        assertThat(r.get("body").isTextual()).as("body is a JSON string, as the original's").isTrue();
        assertPrediction(r.get("body").asText(), "p-1", "lambda");
        assertThat(r.has("headers")).isFalse();
        assertPrediction(invokeRaw(ETL).get("body").asText(), "p-2", "ecs");
        JsonNode limited = Json.read(invokeRaw(JOB.replace("}", ",\"memory_mb\":16384}")).get("body").asText())
                .get("prediction");
        assertThat(limited.get("reason").asText()).startsWith("limit");
        assertThat(limited.get("estimates").has("lambda")).as("a hard limit leaves Lambda without an estimate").isFalse();
    }

    @Test
    void thePredictionNamesTheOptionTheJobWouldRunOnAndTheOptionsRuledOut() throws IOException {
        JsonNode big = Json.read(invokeRaw(ETL.replace("}", ",\"memory_mb\":16384}")).get("body").asText())
                .get("prediction");
        RoutingDecision d = ROUTER.decide(((JobParseResult.Valid) new JobValidator()
                .parse(ETL.replace("}", ",\"memory_mb\":16384}"))).job());
        assertThat(d.option()).isNotNull();
        assertThat(big.get("option").asText()).isEqualTo(d.option()).startsWith("ecs-");
        if (d.rejectedOptions() == null) {
            assertThat(big.has("rejected_options")).isFalse();
        } else {
            assertThat(big.get("rejected_options")).isEqualTo(Json.MAPPER.valueToTree(d.rejectedOptions()));
        }
        assertThat(Contracts.violations(Contracts.BASE_URI + "api.schema.json#/$defs/Prediction", big)).isEmpty();
    }

    @Test
    void anInvalidRawJobIs400WithEveryErrorNamingTheFieldAndTheRule() throws IOException {
        JsonNode r = invokeRaw(INVALID);
        assertThat(r.get("statusCode").asInt()).isEqualTo(400);
        JsonNode body = Json.read(r.get("body").asText());
        assertThat(Contracts.violations(Contracts.BASE_URI + "api.schema.json#/$defs/InvalidJob", body)).isEmpty();
        assertThat(body.get("job_id").asText()).isEqualTo("bad-1");
        assertThat(body.get("errors")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
                "workload_type: is required", "payload_size_kb: must be a finite number >= 0, got a string \"big\"",
                "time_window: is required when timestamp is absent", "load_pattern: is required");
        assertThat(Json.read(invokeRaw("{\"workload_type\":").get("body").asText()).get("errors").get(0).asText())
                .startsWith("job: malformed JSON");
        assertThat(Json.read(invokeRaw("").get("body").asText()).get("errors").get(0).asText())
                .isEqualTo("job: must be a JSON object, got an empty body");
        assertThat(invokeRaw("[1]").get("statusCode").asInt()).isEqualTo(400);
    }

    @Test
    void aRawJobWithFieldsNamedLikeAnEventsIsStillDecidedAsAJob() throws IOException {
        ObjectNode job = (ObjectNode) Json.read(JOB);
        job.put("version", "2.0").put("httpMethod", "GET").put("path", "/elsewhere").put("body", "not a job")
                .put("isBase64Encoded", true).putObject("requestContext").putObject("http").put("method", "GET");
        assertThat(PredictHandler.convention(job)).isEqualTo(Convention.RAW_JOB);
        JsonNode r = invokeRaw(Json.write(job));
        assertThat(r.get("statusCode").asInt()).isEqualTo(200);
        assertPrediction(r.get("body").asText(), "p-1", "lambda");
    }

    @Test
    void eachConventionIsToldApartByItsFields() {
        assertThat(PredictHandler.convention(Json.read(JOB))).isEqualTo(Convention.RAW_JOB);
        assertThat(PredictHandler.convention(Json.read("{\"requestContext\":{}}"))).isEqualTo(Convention.RAW_JOB);
        assertThat(PredictHandler.convention(null)).isEqualTo(Convention.RAW_JOB);
        assertThat(PredictHandler.convention(read("apigw-post-predict.json"))).isEqualTo(Convention.REST_API);
        assertThat(PredictHandler.convention(read("http-api-post-predict.json"))).isEqualTo(Convention.HTTP_API);
        assertThat(PredictHandler.convention(read("function-url-post.json"))).isEqualTo(Convention.FUNCTION_URL);
    }

    private static JsonNode read(String name) {
        try (InputStream in = fixture(name)) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ API Gateway REST proxy

    @Test
    void aRestApiProxyEventGetsAProxyResponseWithThePrediction() throws IOException {
        APIGatewayProxyResponseEvent r = call(rest("POST", "/predict", JOB));
        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(r.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(r.getIsBase64Encoded()).isFalse();
        assertPrediction(r.getBody(), "p-1", "lambda");

        APIGatewayProxyRequestEvent encoded = rest("POST", "/predict/",
                Base64.getEncoder().encodeToString(ETL.getBytes(StandardCharsets.UTF_8))).withIsBase64Encoded(true);
        assertPrediction(call(encoded).getBody(), "p-2", "ecs");
    }

    @Test
    void restApiErrorsAre400404405And413() throws IOException {
        APIGatewayProxyResponseEvent invalid = call(rest("POST", "/predict", INVALID));
        assertThat(invalid.getStatusCode()).isEqualTo(400);
        assertThat(Json.read(invalid.getBody()).get("errors")).hasSize(4);
        assertThat(invalid.getBody()).doesNotContain("Exception").doesNotContain("at io.");
        assertThat(call(rest("POST", "/predict", "not json")).getStatusCode()).isEqualTo(400);
        assertThat(Json.read(call(rest("POST", "/predict", null)).getBody()).get("errors").get(0).asText())
                .isEqualTo("job: must be a JSON object, got an empty body");
        assertThat(call(rest("POST", "/jobs", JOB)).getStatusCode()).isEqualTo(404);
        APIGatewayProxyResponseEvent get = call(rest("GET", "/predict", null));
        assertThat(get.getStatusCode()).isEqualTo(405);
        assertThat(get.getHeaders()).containsEntry("Allow", "POST");
        assertThat(call(rest("POST", "/predict", "x".repeat(PredictHandler.MAX_BODY_BYTES + 1))).getStatusCode())
                .isEqualTo(413);
        APIGatewayProxyResponseEvent notBase64 = call(rest("POST", "/predict", "%%%").withIsBase64Encoded(true));
        assertThat(notBase64.getStatusCode()).isEqualTo(400);
        assertThat(notBase64.getBody()).contains("body: isBase64Encoded is true but the body is not base64");
    }

    // ------------------------------------------------------------------ HTTP API, payload 2.0

    @Test
    void anHttpApiEventGetsAPayload2ResponseWithThePrediction() throws IOException {
        APIGatewayV2HTTPResponse r = call(v2("http-api-post-predict.json", "POST", "/v1/predict", JOB));
        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(r.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(r.getIsBase64Encoded()).isFalse();
        assertPrediction(r.getBody(), "p-1", "lambda");

        APIGatewayV2HTTPEvent defaultStage = v2("http-api-post-predict.json", "POST", "/predict",
                Base64.getEncoder().encodeToString(ETL.getBytes(StandardCharsets.UTF_8)));
        defaultStage.getRequestContext().setStage("$default");
        defaultStage.setIsBase64Encoded(true);
        assertPrediction(call(defaultStage).getBody(), "p-2", "ecs");
    }

    @Test
    void httpApiErrorsAre400404And405() throws IOException {
        assertThat(call(v2("http-api-post-predict.json", "POST", "/v1/predict", INVALID)).getStatusCode())
                .isEqualTo(400);
        assertThat(call(v2("http-api-post-predict.json", "POST", "/v1/predict", "{")).getStatusCode())
                .isEqualTo(400);
        assertThat(call(v2("http-api-post-predict.json", "POST", "/v1/predict", null)).getStatusCode())
                .isEqualTo(400);
        assertThat(call(v2("http-api-post-predict.json", "POST", "/v1/other", JOB)).getStatusCode()).isEqualTo(404);
        assertThat(call(v2("http-api-post-predict.json", "POST", "/", JOB)).getStatusCode()).isEqualTo(404);
        APIGatewayV2HTTPResponse put = call(v2("http-api-post-predict.json", "PUT", "/v1/predict", JOB));
        assertThat(put.getStatusCode()).isEqualTo(405);
        assertThat(put.getHeaders()).containsEntry("Allow", "POST");
    }

    // ------------------------------------------------------------------ Lambda function URL

    @Test
    void aFunctionUrlEventGetsAPayload2ResponseAtItsRootAndAtPredict() throws IOException {
        for (String path : List.of("/predict", "/")) {
            APIGatewayV2HTTPResponse r = call(v2("function-url-post.json", "POST", path, JOB));
            assertThat(r.getStatusCode()).as(path).isEqualTo(200);
            assertThat(r.getHeaders()).containsEntry("Content-Type", "application/json");
            assertPrediction(r.getBody(), "p-1", "lambda");
        }
        APIGatewayV2HTTPEvent encoded = v2("function-url-post.json", "POST", "/predict",
                Base64.getEncoder().encodeToString(JOB.getBytes(StandardCharsets.UTF_8)));
        encoded.setIsBase64Encoded(true);
        assertThat(call(encoded).getStatusCode()).isEqualTo(200);
    }

    @Test
    void functionUrlErrorsAre400404And405() throws IOException {
        assertThat(Json.read(call(v2("function-url-post.json", "POST", "/predict", INVALID)).getBody())
                .get("errors")).hasSize(4);
        assertThat(call(v2("function-url-post.json", "POST", "/predict", "nope")).getStatusCode()).isEqualTo(400);
        assertThat(call(v2("function-url-post.json", "POST", "/predict", "")).getStatusCode()).isEqualTo(400);
        assertThat(call(v2("function-url-post.json", "POST", "/jobs", JOB)).getStatusCode()).isEqualTo(404);
        assertThat(call(v2("function-url-post.json", "GET", "/", null)).getStatusCode()).isEqualTo(405);
    }

    // ------------------------------------------------------------------ failures and the other /predict

    @Test
    void aRouterFailureIs500WithTheRequestIdAndNoStackTrace() throws IOException {
        JobRouter broken = new JobRouter((ModelSource) () -> {
            throw new IllegalStateException("model file unreadable");
        }, Prices.defaults(), 0.6, Platform.LAMBDA, DecisionConfig.defaults(), CLOCK);
        PredictHandler h = new PredictHandler(new JobValidator(), broken, (level, message, fields) -> logged.add(message));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        h.handleRequest(new ByteArrayInputStream(JOB.getBytes(StandardCharsets.UTF_8)), out,
                context("req-7"));
        JsonNode r = Json.read(out.toString(StandardCharsets.UTF_8));
        assertThat(r.get("statusCode").asInt()).isEqualTo(500);
        assertThat(r.get("body").asText()).isEqualTo("{\"error\":\"internal error\",\"request_id\":\"req-7\"}");
        // the body openapi.yaml documents for 500
        assertThat(Contracts.violations(Contracts.BASE_URI + "api.schema.json#/$defs/Error",
                Json.read(r.get("body").asText()))).isEmpty();
        assertThat(logged).singleElement().asString().contains("model file unreadable");
    }

    /** A Lambda context that knows only its request id. */
    private static Context context(String requestId) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> "getAwsRequestId".equals(method.getName()) ? requestId : null);
    }

    @Test
    void theApiFunctionsPredictRouteAnswersExactlyAsThePredictFunction() throws IOException {
        ApiHandler api = new ApiHandler(new JobValidator(), ROUTER, Optional.of(new JobProducer(new FakeSqs(),
                "https://sqs.example/q", new Backoff(2, 0, 0), ms -> { }, new JobValidator())), RouterLog.NONE);
        for (String job : List.of(JOB, ETL, INVALID)) {
            APIGatewayProxyResponseEvent viaApi = api.handleRequest(rest("POST", "/predict", job), null);
            APIGatewayProxyResponseEvent viaPredict = call(rest("POST", "/predict", job));
            assertThat(viaApi.getStatusCode()).isEqualTo(viaPredict.getStatusCode());
            assertThat(viaApi.getBody()).isEqualTo(viaPredict.getBody());
        }
    }
}
