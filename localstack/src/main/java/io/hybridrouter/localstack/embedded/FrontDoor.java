package io.hybridrouter.localstack.embedded;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded SQS server's only door to the machine: an HTTP listener on 127.0.0.1 that forwards
 * to the server (itself on an ephemeral loopback port) only requests that a web page cannot make.
 * A request is refused with 403 and a one-line reason when its {@code Host} is not
 * {@code localhost}, {@code 127.0.0.1} or {@code [::1]} with the bound port (a DNS-rebinding page
 * sends its own host name), or when it has no {@code Authorization} header (every AWS SDK and the
 * AWS CLI sign their requests; a cross-site form or a simple {@code fetch} cannot set that header,
 * and the pre-flight a browser would need is refused too). Credentials are not verified: any
 * signature passes. Thread-safe; requests are served concurrently.
 */
public final class FrontDoor implements AutoCloseable {

    /** SQS long polls wait up to 20 s; a forwarded call may take that long plus the server's own time. */
    static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(60);

    /** Hop-by-hop and length headers: the JDK client and server set these themselves. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection",
            "http2-settings");

    private final HttpServer server;
    private final ExecutorService threads;
    private final HttpClient client;
    static {
        // The JDK server writes a response's headers and body separately; with Nagle's algorithm on,
        // the body then waits for the client's delayed ACK, about 40 ms a request. Read once, when the
        // first HttpServer of the JVM is made, so it is set here unless the user set it.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private volatile URI backend;
    private final int port;

    private FrontDoor(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
        this.port = server.getAddress().getPort();
        AtomicInteger n = new AtomicInteger();
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sqs-front-door-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(threads).build();
        server.setExecutor(threads);
        server.createContext("/", this::handle);
    }

    /**
     * Binds 127.0.0.1:{@code port} (0: any free port) without serving yet, so that the server behind
     * can be told the port its queue URLs must name.
     */
    public static FrontDoor bind(int port) throws IOException {
        return new FrontDoor(port);
    }

    /** Starts serving, forwarding accepted requests to {@code target}. */
    public FrontDoor forwardTo(URI target) {
        backend = target;
        server.start();
        return this;
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** Why a request is refused, or empty when it may pass. */
    Optional<String> refusal(Headers headers) {
        Optional<String> host = hostRefusal(headers.getFirst("Host"), port);
        if (host.isPresent()) {
            return host;
        }
        String auth = headers.getFirst("Authorization");
        if (auth == null || auth.isBlank()) {
            return Optional.of("refused: unsigned request (no Authorization header); use an AWS SDK or the AWS CLI,"
                    + " any credentials");
        }
        return Optional.empty();
    }

    /**
     * Why a request with Host header {@code host} is refused by a listener on loopback port {@code port},
     * or empty when it names {@code localhost}, {@code 127.0.0.1} or {@code [::1]} with that port (a
     * DNS-rebinding page sends its own host name). Shared with {@link LocalApi}.
     */
    static Optional<String> hostRefusal(String host, int port) {
        if (host == null || !Set.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port)
                .contains(host.trim().toLowerCase(Locale.ROOT))) {
            return Optional.of("refused: Host " + (host == null ? "(none)" : "'" + oneLine(host) + "'")
                    + " is not localhost:" + port + ", 127.0.0.1:" + port + " or [::1]:" + port);
        }
        return Optional.empty();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            Optional<String> refused = refusal(exchange.getRequestHeaders());
            if (refused.isPresent()) {
                exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                reply(exchange, 403, "text/plain; charset=utf-8", (refused.get() + "\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            HttpResponse<byte[]> response;
            try {
                response = client.send(forward(exchange), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reply(exchange, 503, "text/plain; charset=utf-8", "the embedded SQS server is stopping\n"
                        .getBytes(StandardCharsets.UTF_8));
                return;
            } catch (IOException e) {
                reply(exchange, 502, "text/plain; charset=utf-8", ("the embedded SQS server did not answer: "
                        + oneLine(String.valueOf(e.getMessage())) + "\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            Headers out = exchange.getResponseHeaders();
            for (Map.Entry<String, List<String>> h : response.headers().map().entrySet()) {
                if (!h.getKey().startsWith(":") && !NOT_FORWARDED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                    out.put(h.getKey(), h.getValue());
                }
            }
            byte[] body = response.body();
            boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : body.length);
            if (!noBody) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(body);
                }
            }
        } finally {
            exchange.close();
        }
    }

    private HttpRequest forward(HttpExchange exchange) throws IOException {
        URI in = exchange.getRequestURI();
        String target = backend.toString() + in.getRawPath() + (in.getRawQuery() == null ? "" : "?" + in.getRawQuery());
        byte[] body;
        try (InputStream is = exchange.getRequestBody()) {
            body = is.readAllBytes();
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target)).timeout(FORWARD_TIMEOUT)
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
            if (NOT_FORWARDED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String v : h.getValue()) {
                try {
                    b.header(h.getKey(), v);
                } catch (IllegalArgumentException e) {
                    // a header the JDK client sets itself; SQS does not read it
                }
            }
        }
        return b.build();
    }

    private static void reply(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }

    static String oneLine(String s) {
        String t = s.replaceAll("[\\p{Cntrl}]", "?");
        return t.length() > 100 ? t.substring(0, 100) + "..." : t;
    }

    /** Stops listening; requests in flight get up to a second to finish. */
    @Override
    public void close() {
        stop(server, threads);
    }

    /** Stops a loopback server and its threads: requests in flight get up to a second, then two to wind down. */
    static void stop(HttpServer server, ExecutorService threads) {
        server.stop(1);
        threads.shutdown();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.shutdownNow();
    }
}
