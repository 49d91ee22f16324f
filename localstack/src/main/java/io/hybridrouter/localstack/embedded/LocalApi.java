package io.hybridrouter.localstack.embedded;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.ingest.ApiHandler;
import io.hybridrouter.ingest.JobProducer;
import io.hybridrouter.ingest.PredictHandler;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.events.Backoff;
import io.hybridrouter.shared.log.RouterLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The HTTP API of {@code router up} on 127.0.0.1: {@code POST /predict} answered by the predict
 * function's code ({@link PredictHandler}) and {@code POST /jobs} by the API function's
 * ({@link ApiHandler}, which puts the job on the embedded jobs queue and answers 202 with its id), so
 * the answers are those of the deployed API. {@code curl} needs no signature here, so what a web
 * page could make a browser send is refused before a handler sees it: a {@code Host} other than
 * {@code localhost}, {@code 127.0.0.1} or {@code [::1]} with this port gets 403 (as at the
 * {@link FrontDoor}); a body that is not {@code Content-Type: application/json} gets 415 (a cross-site
 * form can only send form or text types, and a {@code fetch} with JSON needs a pre-flight
 * {@code OPTIONS}, which gets 405); a body over {@link ApiHandler#MAX_BODY_BYTES} gets 413 without
 * being read. Thread-safe; requests are served concurrently.
 */
public final class LocalApi implements AutoCloseable {

    private static final String JSON = "application/json";

    private final HttpServer server;
    private final ExecutorService threads;
    private final int port;
    private final PredictHandler predict;
    private final ApiHandler jobs;

    private LocalApi(int port, PredictHandler predict, ApiHandler jobs) throws IOException {
        this.predict = predict;
        this.jobs = jobs;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
        this.port = server.getAddress().getPort();
        AtomicInteger n = new AtomicInteger();
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "http-api-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Serves on 127.0.0.1:{@code port} (0: any free port), deciding with {@code router} and queueing
     * on {@code jobsQueueUrl} through {@code sqs}; handler failures are logged to {@code log}.
     */
    public static LocalApi start(int port, JobRouter router, SqsClient sqs, String jobsQueueUrl, RouterLog log)
            throws IOException {
        JobValidator validator = new JobValidator();
        JobProducer producer = new JobProducer(sqs, jobsQueueUrl, Backoff.DEFAULT, Backoff.Sleeper.REAL, validator);
        return new LocalApi(port, new PredictHandler(validator, router, log),
                new ApiHandler(validator, router, Optional.of(producer), log));
    }

    /** Serves {@code stack}'s router and jobs queue on 127.0.0.1:{@code port} (0: any free port). */
    public static LocalApi start(int port, EmbeddedStack stack, RouterLog log) throws IOException {
        return start(port, stack.router(), stack.sqs(), stack.jobsQueueUrl(), log);
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** Where to send requests. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<String> refused = FrontDoor.hostRefusal(exchange.getRequestHeaders().getFirst("Host"), port);
            if (refused.isPresent()) {
                reply(exchange, 403, Map.of(), error(refused.get()));
                return;
            }
            String path = exchange.getRequestURI().getRawPath().replaceAll("/+$", "");
            if (!PredictHandler.PATH.equals(path) && !"/jobs".equals(path)) {
                reply(exchange, 404, Map.of(), Json.write(Json.object().put("error", "no route for "
                        + FrontDoor.oneLine(path.isEmpty() ? "/" : path)).put("routes", "POST /jobs, POST /predict")));
                return;
            }
            String method = exchange.getRequestMethod();
            if (!"POST".equals(method)) {
                reply(exchange, 405, Map.of("Allow", "POST"), error(FrontDoor.oneLine(method) + " is not allowed on "
                        + path + "; use POST"));
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !JSON.equals(type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))) {
                reply(exchange, 415, Map.of(), error("Content-Type " + (type == null ? "(none)" : "'"
                        + FrontDoor.oneLine(type) + "'") + " is not application/json; send the job as JSON"));
                return;
            }
            Optional<byte[]> body = readAtMost(exchange, ApiHandler.MAX_BODY_BYTES);
            if (body.isEmpty()) {
                reply(exchange, 413, Map.of("Connection", "close"), error("body is over the "
                        + ApiHandler.MAX_BODY_BYTES + "-byte limit; keep large data in S3 and send its location in"
                        + " payload"));
                return;
            }
            String charset = charset(type);
            if (charset != null && !"utf-8".equals(charset) && !"utf8".equals(charset)) {
                reply(exchange, 415, Map.of(), error("charset '" + FrontDoor.oneLine(charset)
                        + "' is not UTF-8; send the job as UTF-8 JSON"));
                return;
            }
            String text;
            try {
                // strictly: a lenient decoder would put U+FFFD in place of bad bytes and queue a changed job
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body.get())).toString();
            } catch (CharacterCodingException e) {
                reply(exchange, 400, Map.of(), error("body is not valid UTF-8; send the job as UTF-8 JSON"));
                return;
            }
            if (PredictHandler.PATH.equals(path)) {
                PredictHandler.Answer a = predict.answer("POST", path, text);
                reply(exchange, a.status(), a.headers(), a.body());
            } else {
                APIGatewayProxyResponseEvent r = jobs.handleRequest(new APIGatewayProxyRequestEvent()
                        .withHttpMethod("POST").withPath(path).withResource(path).withBody(text)
                        .withIsBase64Encoded(false), null);
                reply(exchange, r.getStatusCode(), r.getHeaders() == null ? Map.of() : r.getHeaders(), r.getBody());
            }
        }
    }

    /** The {@code charset} parameter of a Content-Type, lower case, or null when there is none. */
    static String charset(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                return p.substring(8).trim().replace("\"", "").toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** The body, or empty when it is longer than {@code limit} (the rest is not read). */
    private static Optional<byte[]> readAtMost(HttpExchange exchange, int limit) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > limit) {
                    return Optional.empty();
                }
            } catch (NumberFormatException e) {
                // the server has already refused a malformed length; a chunked body is counted below
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(limit + 1);
            return bytes.length > limit ? Optional.empty() : Optional.of(bytes);
        }
    }

    private static String error(String message) {
        return Json.write(Json.object().put("error", message));
    }

    private static void reply(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.getResponseHeaders().set("Content-Type", JSON);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(bytes);
        }
    }

    /** Stops listening; requests in flight get up to a second to finish. */
    @Override
    public void close() {
        FrontDoor.stop(server, threads);
    }
}
