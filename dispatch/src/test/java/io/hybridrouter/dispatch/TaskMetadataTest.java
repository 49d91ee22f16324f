package io.hybridrouter.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.hybridrouter.shared.Measured;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskMetadataTest {

    private static String fixture() throws IOException {
        try (InputStream in = TaskMetadataTest.class.getResourceAsStream("/ecs/task-metadata-v4.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsPullStartStartAndTheTaskLimitsFromATaskResponse() throws IOException {
        TaskMetadata.Task t = TaskMetadata.parse(fixture());

        assertThat(t.pullStartedAt()).isEqualTo(Instant.parse("2026-11-26T09:59:40.202617438Z"));
        assertThat(t.startedAt()).isEqualTo(Instant.parse("2026-11-26T09:59:54.004Z"));
        // the task's limits, in vCPUs and MiB (the container's CPU is in CPU units and is not read)
        assertThat(t.vcpu()).isEqualTo(1.0);
        assertThat(t.memoryMb()).isEqualTo(2048);
    }

    @Test
    void fieldsTheResponseLacksStayUnknownRatherThanInvented() {
        TaskMetadata.Task t = TaskMetadata.parse("{\"KnownStatus\":\"RUNNING\",\"PullStartedAt\":\"not a time\"}");

        assertThat(t).isEqualTo(new TaskMetadata.Task(null, null, null, null));
        assertThatThrownBy(() -> TaskMetadata.parse("[1]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("task metadata");
    }

    @Test
    void withoutTheEndpointTheSiteSaysSoAndBillsFromTheJobsStart() {
        RunSite site = TaskMetadata.site(Map.of());

        assertThat(site.source()).isEqualTo(Measured.ECS);
        assertThat(site.memoryMb()).isNull();
        assertThat(site.billedFrom()).isNull();
        assertThat(site.billingNote()).contains("no " + TaskMetadata.ENV_URI);
    }

    @Test
    void theSiteIsSizedAndBilledFromWhatTheEndpointAnswers() throws IOException {
        byte[] body = fixture().getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v4/abc/task", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String uri = "http://127.0.0.1:" + server.getAddress().getPort() + "/v4/abc";
            RunSite site = TaskMetadata.site(Map.of(TaskMetadata.ENV_URI, uri));

            assertThat(site.memoryMb()).isEqualTo(2048);
            assertThat(site.vcpu()).isEqualTo(1.0);
            assertThat(site.sizingSource()).isEqualTo("task-metadata");
            assertThat(site.billedFrom()).isEqualTo(Instant.parse("2026-11-26T09:59:40.202617438Z"));
            assertThat(site.billingNote()).contains("PullStartedAt");

            RunSite broken = TaskMetadata.site(Map.of(TaskMetadata.ENV_URI, uri + "/missing"));
            assertThat(broken.memoryMb()).isNull();
            assertThat(broken.billingNote()).contains("task metadata unreadable").contains("HTTP 404");
        } finally {
            server.stop(0);
        }
    }
}
