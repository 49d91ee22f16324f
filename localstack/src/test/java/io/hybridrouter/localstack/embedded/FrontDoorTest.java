package io.hybridrouter.localstack.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The front door of {@code router up}, in front of a loopback stand-in for the SQS server. */
class FrontDoorTest {

    private HttpServer backend;
    private FrontDoor door;
    private final List<String> forwarded = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        backend.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            forwarded.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " auth="
                    + exchange.getRequestHeaders().getFirst("Authorization") + " body=" + body);
            byte[] answer = "{\"QueueUrl\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("x-amzn-RequestId", "r-1");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(answer);
            }
        });
        backend.start();
        door = FrontDoor.bind(0).forwardTo(URI.create("http://127.0.0.1:" + backend.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        door.close();
        backend.stop(0);
    }

    @Test
    void anUnsignedCrossSiteFormPostIsRefusedWith403AndNeverReachesTheQueue() throws IOException {
        String response = send("POST / HTTP/1.1\r\nHost: localhost:" + door.port() + "\r\n"
                + "Origin: https://evil.example\r\nContent-Type: application/x-www-form-urlencoded\r\n",
                "Action=SendMessage&QueueUrl=http://localhost/123456789012/hybrid-router-jobs&MessageBody=x");
        assertThat(response).startsWith("HTTP/1.1 403");
        assertThat(body(response)).isEqualTo("refused: unsigned request (no Authorization header); use an AWS SDK or"
                + " the AWS CLI, any credentials\n");
        assertThat(forwarded).isEmpty();
    }

    @Test
    void aRequestForAnotherHostNameIsRefusedWith403EvenWhenSigned() throws IOException {
        String response = send("POST / HTTP/1.1\r\nHost: attacker.example:" + door.port() + "\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=x/20261127/us-east-1/sqs/aws4_request\r\n", "{}");
        assertThat(response).startsWith("HTTP/1.1 403");
        assertThat(body(response)).startsWith("refused: Host 'attacker.example:" + door.port() + "' is not localhost:")
                .hasLineCount(1);
        assertThat(forwarded).isEmpty();
    }

    @Test
    void aLoopbackHostOnAnotherPortIsRefused() throws IOException {
        assertThat(send("GET / HTTP/1.1\r\nHost: localhost:1\r\nAuthorization: x\r\n", "")).startsWith("HTTP/1.1 403");
        assertThat(send("GET / HTTP/1.1\r\nHost: localhost\r\nAuthorization: x\r\n", "")).startsWith("HTTP/1.1 403");
    }

    @Test
    void aSignedRequestToEachLoopbackNameIsForwardedWithPathQueryBodyAndHeaders() throws IOException {
        for (String host : List.of("localhost", "127.0.0.1", "[::1]", "LOCALHOST")) {
            String response = send("POST /123456789012/jobs?Action=x HTTP/1.1\r\nHost: " + host + ":" + door.port()
                    + "\r\nAuthorization: AWS4-HMAC-SHA256 sig\r\nContent-Type: application/x-amz-json-1.0\r\n",
                    "{\"QueueName\":\"jobs\"}");
            assertThat(response).startsWith("HTTP/1.1 200").containsIgnoringCase("x-amzn-RequestId: r-1");
            assertThat(body(response)).isEqualTo("{\"QueueUrl\":\"ok\"}");
        }
        assertThat(forwarded).hasSize(4).allSatisfy(f -> assertThat(f).isEqualTo(
                "POST /123456789012/jobs?Action=x auth=AWS4-HMAC-SHA256 sig body={\"QueueName\":\"jobs\"}"));
    }

    /** One raw HTTP/1.1 exchange, so that the test can send any Host header a browser or a rebinding page would. */
    private String send(String head, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), door.port())) {
            s.setSoTimeout(10_000);
            OutputStream os = s.getOutputStream();
            os.write((head + "Content-Length: " + b.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            os.write(b);
            os.flush();
            InputStream is = s.getInputStream();
            return new String(is.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }
}
