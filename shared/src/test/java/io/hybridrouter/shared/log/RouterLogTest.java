package io.hybridrouter.shared.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.shared.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterLogTest {

    @Test
    void jsonLogWritesOneObjectPerLineWithLevelMessageTimeAndFields() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
        JsonLog log = new JsonLog(clock, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        log.warn("job j-1: rejected: job_id: already used\nby another job", Map.of("job_id", "j-1", "try", 2));
        log.info("plain");

        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = Json.read(lines[0]);
        assertThat(first.get("timestamp").asText()).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(first.get("level").asText()).isEqualTo("WARN");
        assertThat(first.get("message").asText()).isEqualTo("job j-1: rejected: job_id: already used\nby another job");
        assertThat(first.get("job_id").asText()).isEqualTo("j-1");
        assertThat(first.get("try").asInt()).isEqualTo(2);
        assertThat(Json.read(lines[1]).get("level").asText()).isEqualTo("INFO");
    }

    @Test
    void aFieldNeverOverwritesLevelOrMessage() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("level", "DEBUG");
        fields.put("message", "forged");
        String line = JsonLog.line(Instant.EPOCH, RouterLog.Level.ERROR, "real", fields);
        assertThat(Json.read(line).get("level").asText()).isEqualTo("ERROR");
        assertThat(Json.read(line).get("message").asText()).isEqualTo("real");
    }

    @Test
    void plainLogWritesTheMessageThenItsFields() {
        List<String> lines = new ArrayList<>();
        RouterLog log = RouterLog.plain(lines::add);
        log.warn("receive failed");
        log.error("job j-2 failed", Map.of("job_id", "j-2"));
        assertThat(lines).containsExactly("receive failed", "job j-2 failed [job_id=j-2]");
    }
}
