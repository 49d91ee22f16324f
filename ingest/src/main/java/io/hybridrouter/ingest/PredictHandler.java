package io.hybridrouter.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.ingest.di.PredictComponent;
import io.hybridrouter.shared.JobParseResult;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.shared.log.RouterLog;
import io.hybridrouter.shared.snapstart.Priming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The predict function: decides one job synchronously and answers in the original router's shape,
 * {@code {"prediction": {"platform": ..., "option": ..., "confidence": ..., "scores": ..., "reason": ...,
 * "model_version": ..., "estimates": ..., "rejected_options": ..., "propensity": ..., "decided_at": ...},
 * "job_id": ...}}, to
 * whichever way it is called. Nothing is queued or published. Thread-safe (stateless around the
 * thread-safe router).
 *
 * <p>How a call is told apart, in this order, from the top-level fields of the input:
 * <ol>
 *   <li>Not a JSON object, or any field a job has ({@code job_id}, {@code workload_type},
 *       {@code payload_size_kb}, {@code time_window}, {@code load_pattern}, {@code timestamp},
 *       {@code expected_duration_s}, {@code memory_mb}, {@code payload}): a <b>raw job</b>, as
 *       {@code aws lambda invoke --payload '{"workload_type": ...}'} sends it. No event carries these
 *       at its top level, so a job that also has a field named like an event's is still a job.</li>
 *   <li>{@code "version": "2.0"} and {@code requestContext.http.method} a string: payload format 2.0,
 *       a <b>function URL</b> when {@code requestContext.domainName} holds {@code .lambda-url.}, else
 *       an <b>HTTP API</b>.</li>
 *   <li>{@code httpMethod} a string and {@code requestContext} an object: a <b>REST API proxy</b>
 *       event (and an HTTP API payload 1.0 event, which has the same shape).</li>
 *   <li>Anything else: a raw job (the validator then names what is missing).</li>
 * </ol>
 *
 * <p>Answers: a raw job gets {@code {"statusCode": N, "body": "<JSON>"}}, as the original did; the
 * HTTP conventions get their proxy response ({@code statusCode}, {@code headers},
 * {@code isBase64Encoded}, {@code body}). The route is {@code POST /predict} (a function URL also
 * takes {@code /}, its own root; an HTTP API's named stage is stripped from {@code rawPath}). Base64
 * bodies are decoded. Statuses: 200; 400 for a body that is empty, not JSON or not a valid job, with
 * every error as {@code field: rule}; 404 for another path; 405 (with {@code Allow: POST}) for
 * another method; 413 for a body over {@link #MAX_BODY_BYTES}; 500 with the request id, never a
 * stack trace, when the router itself fails.
 */
public final class PredictHandler implements RequestStreamHandler {

    /** The same limit as {@code POST /jobs}: a job that could not be queued is not decided here either. */
    public static final int MAX_BODY_BYTES = ApiHandler.MAX_BODY_BYTES;

    /** The route. */
    public static final String PATH = "/predict";

    /** A job's top-level fields (see {@link JobValidator}): their presence makes the input a raw job. */
    static final Set<String> JOB_FIELDS = Set.of("job_id", "workload_type", "payload_size_kb", "time_window",
            "load_pattern", "timestamp", "expected_duration_s", "memory_mb", "payload");

    /** How the function was called. */
    public enum Convention {
        RAW_JOB, REST_API, HTTP_API, FUNCTION_URL
    }

    /**
     * An HTTP answer, whatever carries it.
     *
     * @param status  the HTTP status
     * @param headers the response headers
     * @param body    JSON
     */
    public record Answer(int status, Map<String, String> headers, String body) {
    }

    private final JobValidator validator;
    private final JobRouter router;
    private final RouterLog log;

    /** Used by the Lambda runtime: the graph is built once per container. */
    public PredictHandler() {
        this(new JobValidator(), Graph.COMPONENT.router(), Graph.COMPONENT.log());
    }

    /** A handler deciding with {@code router}; failures are logged to {@code log}. */
    public PredictHandler(JobValidator validator, JobRouter router, RouterLog log) {
        this.validator = validator;
        this.router = router;
        this.log = log;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String requestId = context != null ? context.getAwsRequestId() : null;
        byte[] in = input.readAllBytes();
        output.write(Json.write(respond(in, requestId)).getBytes(StandardCharsets.UTF_8));
        output.flush();
    }

    /** The response document for one invocation's input, in the shape its convention expects. */
    ObjectNode respond(byte[] input, String requestId) {
        String text = new String(input, StandardCharsets.UTF_8);
        JsonNode event = parse(text);
        Convention convention = convention(event);
        Answer answer;
        try {
            answer = switch (convention) {
                case RAW_JOB -> decide(text, input.length);
                case REST_API -> http(convention, event.path("httpMethod").asText(), restPath(event), event);
                case HTTP_API, FUNCTION_URL -> http(convention, event.path("requestContext").path("http")
                        .path("method").asText(), httpApiPath(event), event);
            };
        } catch (RuntimeException e) {
            answer = failed(e, requestId);
        }
        ObjectNode out = Json.object().put("statusCode", answer.status());
        if (convention != Convention.RAW_JOB) {
            ObjectNode headers = out.putObject("headers");
            answer.headers().forEach(headers::put);
            out.put("isBase64Encoded", false);
        }
        out.put("body", answer.body());
        return out;
    }

    /**
     * The answer to one HTTP request: {@code POST /predict} with a job in {@code body}; shared by
     * every convention, {@code ApiHandler} and {@code router up}'s HTTP port.
     */
    public Answer answer(String method, String path, String body) {
        try {
            return route(method, path, body, Set.of(PATH));
        } catch (RuntimeException e) {
            return failed(e, null);
        }
    }

    /** How an input is told apart (see the class comment); {@code event} may be null (not JSON). */
    static Convention convention(JsonNode event) {
        if (event == null || !event.isObject()) {
            return Convention.RAW_JOB;
        }
        for (Iterator<String> names = event.fieldNames(); names.hasNext();) {
            if (JOB_FIELDS.contains(names.next())) {
                return Convention.RAW_JOB;
            }
        }
        JsonNode context = event.get("requestContext");
        if (context == null || !context.isObject()) {
            return Convention.RAW_JOB;
        }
        if ("2.0".equals(event.path("version").asText(null)) && context.path("http").path("method").isTextual()) {
            return context.path("domainName").asText("").contains(".lambda-url.") ? Convention.FUNCTION_URL
                    : Convention.HTTP_API;
        }
        if (event.path("httpMethod").isTextual()) {
            return Convention.REST_API;
        }
        return Convention.RAW_JOB;
    }

    private static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            // not JSON: a raw job, for the validator to describe
            return null;
        }
    }

    private Answer http(Convention convention, String method, String path, JsonNode event) {
        JsonNode raw = event.get("body");
        String body = raw == null || raw.isNull() ? "" : raw.asText();
        if (event.path("isBase64Encoded").asBoolean(false)) {
            try {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return json(400, ApiHandler.invalidJob(
                        List.of("body: isBase64Encoded is true but the body is not base64"), null));
            }
        }
        return route(method, path, body, convention == Convention.FUNCTION_URL ? Set.of(PATH, "") : Set.of(PATH));
    }

    private Answer route(String method, String path, String body, Set<String> paths) {
        String p = path == null ? "" : path.replaceAll("/+$", "");
        if (!paths.contains(p)) {
            return json(404, Json.object().put("error", "no route for " + (p.isEmpty() ? "/" : p))
                    .put("routes", "POST " + PATH));
        }
        if (!"POST".equals(method)) {
            Answer a = json(405, Json.object().put("error", method + " is not allowed on " + (p.isEmpty() ? "/" : p)
                    + "; use POST"));
            a.headers().put("Allow", "POST");
            return a;
        }
        return decide(body, body.getBytes(StandardCharsets.UTF_8).length);
    }

    private Answer decide(String body, int bytes) {
        if (bytes > MAX_BODY_BYTES) {
            return json(413, ApiHandler.tooLarge(bytes));
        }
        JobParseResult parsed = validator.parse(body);
        if (parsed instanceof JobParseResult.Invalid invalid) {
            return json(400, ApiHandler.invalidJob(invalid.messages(), invalid.jobId().orElse(null)));
        }
        return json(200, predictionBody(router.decide(((JobParseResult.Valid) parsed).job())));
    }

    /** The body of a 200 answer: {@code {"prediction": {...}, "job_id": ...}}. */
    public static ObjectNode predictionBody(RoutingDecision d) {
        ObjectNode out = Json.object();
        ObjectNode prediction = out.putObject("prediction");
        prediction.put("platform", d.platform().wireName());
        if (d.option() != null) {
            prediction.put("option", d.option());
        }
        prediction.put("confidence", d.confidence());
        prediction.set("scores", Json.MAPPER.valueToTree(d.scores()));
        prediction.put("reason", d.reason().wireName());
        prediction.put("model_version", d.modelVersion());
        if (d.estimates() != null) {
            prediction.set("estimates", Json.MAPPER.valueToTree(d.estimates()));
        }
        if (d.rejectedOptions() != null) {
            prediction.set("rejected_options", Json.MAPPER.valueToTree(d.rejectedOptions()));
        }
        if (d.propensity() != null) {
            prediction.put("propensity", d.propensity());
        }
        prediction.put("decided_at", d.decidedAt());
        out.put("job_id", d.jobId());
        return out;
    }

    private Answer failed(RuntimeException e, String requestId) {
        // logged for the operator; the caller only learns that it was not their fault
        log.error("request " + requestId + " failed: " + e, Map.of("request_id", String.valueOf(requestId)));
        ObjectNode body = Json.object().put("error", "internal error");
        if (requestId != null) {
            body.put("request_id", requestId);
        }
        return json(500, body);
    }

    private static String restPath(JsonNode event) {
        // the resource is the route as declared; the path may carry a custom domain's base path
        JsonNode resource = event.get("resource");
        if (resource != null && resource.isTextual() && PATH.equals(resource.asText().replaceAll("/+$", ""))) {
            return PATH;
        }
        return event.path("path").asText("/");
    }

    private static String httpApiPath(JsonNode event) {
        String path = event.path("rawPath").asText("/");
        String stage = event.path("requestContext").path("stage").asText("$default");
        String prefix = "/" + stage;
        if (!"$default".equals(stage) && (path.equals(prefix) || path.startsWith(prefix + "/"))) {
            return path.substring(prefix.length());
        }
        return path;
    }

    private static Answer json(int status, ObjectNode body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        return new Answer(status, headers, Json.write(body));
    }

    /**
     * The function's SnapStart hooks: before the snapshot, the canned job is decided as a direct
     * invoke and as an HTTP API request (parse, validate, decide, JSON out; 200 expected) and an
     * empty job is refused (400 expected). Nothing here calls the network and nothing is random, so
     * there is nothing to reseed after a restore. Not registered: the caller registers the result and
     * keeps a reference to it.
     */
    public static Priming priming(PredictHandler handler, RouterLog log) {
        return new Priming("predict", log)
                .prime("raw-job", () -> expect(handler.respond(Priming.CANNED_JOB.getBytes(StandardCharsets.UTF_8),
                        null), 200))
                .prime("http-api", () -> expect(handler.respond(Json.write(Json.object().put("version", "2.0")
                        .put("rawPath", PATH).put("body", Priming.CANNED_JOB).put("isBase64Encoded", false)
                        .set("requestContext", Json.object().set("http", Json.object().put("method", "POST")
                                .put("path", PATH)))).getBytes(StandardCharsets.UTF_8), null), 200))
                .prime("reject", () -> expect(handler.respond("{}".getBytes(StandardCharsets.UTF_8), null), 400));
    }

    private static void expect(ObjectNode response, int status) {
        if (response.path("statusCode").asInt() != status) {
            throw new IllegalStateException("answered " + response.path("statusCode").asInt() + ", not " + status
                    + ": " + response.path("body").asText());
        }
    }

    private static final class Graph {
        static final PredictComponent COMPONENT = PredictComponent.create();
        /** Held here: CRaC keeps registered resources only weakly. */
        static final Priming PRIMING = priming(new PredictHandler(new JobValidator(), COMPONENT.router(),
                COMPONENT.log()), COMPONENT.log()).register();
    }
}
