package io.hybridrouter.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridrouter.shared.Json;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLinesTest {

    private final List<String> failures = new ArrayList<>();

    @Test
    void writesAnUnpairedSurrogateAsItsJsonEscapeAndKeepsRecording(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("events.jsonl");
        try (EventLines lines = new EventLines(Files.newBufferedWriter(file, StandardCharsets.UTF_8), file.toString(),
                () -> { }, failures::add)) {
            lines.accept(Json.object().put("n", 1));
            lines.accept(Json.object().put("text", "\ud800"));
            lines.accept(Json.object().put("n", 3));
            assertThat(lines.failed()).isFalse();
        }
        assertThat(failures).isEmpty();
        assertThat(Files.readAllLines(file)).containsExactly("{\"n\":1}", "{\"text\":\"\\ud800\"}", "{\"n\":3}");
        assertThat(Json.read(Files.readAllLines(file).get(1)).get("text").asText()).isEqualTo("\ud800");
    }

    @Test
    void reportsAWriterThatFails() {
        EventLines lines = new EventLines(new Writer() {
            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        }, "events.jsonl", () -> { }, failures::add);
        lines.accept(Json.object().put("n", 1));
        lines.accept(Json.object().put("n", 2));
        assertThat(failures).singleElement().asString().startsWith("cannot write events to events.jsonl")
                .contains("No space left on device");
    }
}
