package io.hybridrouter.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.ingest.di.ApiComponent;
import io.hybridrouter.shared.JobParseResult;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.log.RouterLog;
import io.hybridrouter.shared.snapstart.Jitter;
import io.hybridrouter.shared.snapstart.Priming;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API Gateway (REST, proxy integration) function.
 *
 * <ul>
 *   <li>{@code POST /jobs}: validates the job and puts it on the jobs queue; 202 {@code {"job_id": ...}}.</li>
 *   <li>{@code POST /predict}: decides synchronously, answering exactly as {@link PredictHandler} (which
 *       serves {@code /predict} in the SAM template; this route stays for callers of this function).</li>
 * </ul>
 * Invalid JSON or job: 400 with every error; body over {@link #MAX_BODY_BYTES}: 413; unknown route:
 * 404; wrong method: 405. Never a stack trace in a response. SnapStart hooks: {@link #priming}.
 */
public final class ApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    /** What one SQS message can carry, less room for the attributes. */
    public static final int MAX_BODY_BYTES = 1_040_000;

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    private final JobValidator validator;
    private final JobRouter router;
    private final Optional<JobProducer> producer;
    private final RouterLog log;

    /** Used by the Lambda runtime: the graph is built once per container. */
    public ApiHandler() {
        this(new JobValidator(), Graph.COMPONENT.router(), Graph.COMPONENT.producer(), Graph.COMPONENT.log());
    }

    /** For tests. */
    public ApiHandler(JobValidator validator, JobRouter router, Optional<JobProducer> producer) {
        this(validator, router, producer, RouterLog.NONE);
    }

    /** A handler whose internal errors are logged to {@code log} (the embedded stack's HTTP port). */
    public ApiHandler(JobValidator validator, JobRouter router, Optional<JobProducer> producer, RouterLog log) {
        this.validator = validator;
        this.router = router;
        this.producer = producer;
        this.log = log;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        String requestId = context != null ? context.getAwsRequestId() : null;
        try {
            return route(request);
        } catch (RuntimeException e) {
            // logged for the operator; the caller only learns that it was not their fault
            log.error("request " + requestId + " failed: " + e, Map.of("request_id", String.valueOf(requestId)));
            ObjectNode body = Json.object().put("error", "internal error");
            if (requestId != null) {
                body.put("request_id", requestId);
            }
            return respond(500, body);
        }
    }

    private APIGatewayProxyResponseEvent route(APIGatewayProxyRequestEvent request) {
        String path = request.getPath() == null ? "/" : request.getPath().replaceAll("/+$", "");
        String method = request.getHttpMethod() == null ? "" : request.getHttpMethod();
        if (!"/jobs".equals(path) && !"/predict".equals(path)) {
            return respond(404, Json.object().put("error", "no route for " + path).put("routes", "POST /jobs, POST /predict"));
        }
        if (!"POST".equals(method)) {
            APIGatewayProxyResponseEvent r = respond(405, Json.object().put("error", method + " is not allowed on "
                    + path + "; use POST"));
            r.getHeaders().put("Allow", "POST");
            return r;
        }
        String body = body(request);
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BODY_BYTES) {
            return respond(413, tooLarge(bytes));
        }
        JobParseResult parsed = validator.parse(body);
        if (parsed instanceof JobParseResult.Invalid invalid) {
            return respond(400, invalidJob(invalid.messages(), invalid.jobId().orElse(null)));
        }
        JobParseResult.Valid valid = (JobParseResult.Valid) parsed;
        return "/jobs".equals(path) ? enqueue(valid) : predict(valid);
    }

    private APIGatewayProxyResponseEvent enqueue(JobParseResult.Valid valid) {
        if (producer.isEmpty()) {
            return respond(503, Json.object().put("error", "job submission is not configured "
                    + "(ROUTER_JOBS_QUEUE_URL is unset)"));
        }
        JobProducer.Result r = producer.get().send(List.of(valid.job())).get(0);
        if (r.status() == JobProducer.Status.REJECTED) {
            // the job cannot be queued as it is: a retry would fail the same way
            return respond(400, invalidJob(r.errors(), r.jobId()));
        }
        if (r.status() != JobProducer.Status.SENT) {
            APIGatewayProxyResponseEvent resp = respond(503, Json.object()
                    .put("error", "the queue did not accept the job; retry").put("job_id", r.jobId()));
            resp.getHeaders().put("Retry-After", "1");
            return resp;
        }
        return respond(202, Json.object().put("job_id", r.jobId()).put("message_id", r.messageId()));
    }

    private APIGatewayProxyResponseEvent predict(JobParseResult.Valid valid) {
        // the predict function's answer, so that /predict answers alike wherever it is served
        return respond(200, PredictHandler.predictionBody(router.decide(valid.job())));
    }

    /**
     * The function's SnapStart hooks: before the snapshot, a canned job and an empty one are posted
     * to {@code /predict} through {@code handler} (parse, validate, decide, JSON out; 200 and 400
     * expected), and the canned job's {@code SendMessageBatch} is marshalled and signed by the
     * producer's SQS client but not sent; after a restore, {@code jitter} (the producer's) is reseeded.
     * Not registered: the caller registers the result and keeps a reference to it.
     */
    public static Priming priming(ApiHandler handler, Optional<JobProducer> producer, Jitter jitter, RouterLog log) {
        return new Priming("api", log)
                .prime("predict", () -> expect(handler, 200, Priming.CANNED_JOB))
                .prime("reject", () -> expect(handler, 400, "{}"))
                .prime("send-message", () -> producer.ifPresent(p -> p.dryRun(
                        ((JobParseResult.Valid) handler.validator.parse(Priming.CANNED_JOB)).job())))
                .reseed(jitter::reseed);
    }

    private static void expect(ApiHandler handler, int status, String body) {
        APIGatewayProxyResponseEvent r = handler.handleRequest(new APIGatewayProxyRequestEvent().withPath("/predict")
                .withHttpMethod("POST").withHeaders(new HashMap<>(JSON)).withBody(body), null);
        if (r.getStatusCode() != status) {
            throw new IllegalStateException("POST /predict answered " + r.getStatusCode() + ", not " + status + ": "
                    + r.getBody());
        }
    }

    private static String body(APIGatewayProxyRequestEvent request) {
        String body = request.getBody();
        if (body == null) {
            return "";
        }
        if (Boolean.TRUE.equals(request.getIsBase64Encoded())) {
            try {
                return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return "\u0000invalid base64";
            }
        }
        return body;
    }

    /** The 400 body for a job that cannot be taken: every error, and its id when known; for /jobs and /predict. */
    static ObjectNode invalidJob(List<String> errors, String jobId) {
        ObjectNode out = Json.object().put("error", "invalid job");
        ArrayNode list = out.putArray("errors");
        errors.forEach(list::add);
        if (jobId != null) {
            out.put("job_id", jobId);
        }
        return out;
    }

    /** The 413 body for a request body over {@link #MAX_BODY_BYTES}; for /jobs and /predict. */
    static ObjectNode tooLarge(int bytes) {
        return Json.object().put("error", "body of " + bytes + " bytes is over the " + MAX_BODY_BYTES
                + "-byte limit; keep large data in S3 and send its location in payload");
    }

    private static APIGatewayProxyResponseEvent respond(int status, ObjectNode body) {
        return new APIGatewayProxyResponseEvent().withStatusCode(status).withHeaders(new HashMap<>(JSON))
                .withBody(Json.write(body));
    }

    private static final class Graph {
        static final ApiComponent COMPONENT = ApiComponent.create();
        /** Held here: CRaC keeps registered resources only weakly. */
        static final Priming PRIMING = priming(new ApiHandler(new JobValidator(), COMPONENT.router(),
                COMPONENT.producer(), COMPONENT.log()), COMPONENT.producer(), COMPONENT.jitter(), COMPONENT.log())
                .register();
    }
}
