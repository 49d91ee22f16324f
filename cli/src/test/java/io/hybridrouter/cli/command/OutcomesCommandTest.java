package io.hybridrouter.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridrouter.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutcomesCommandTest {

    @Test
    void theIdsOfAnEventsFileAreWhatACollectSkips(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, "{\"id\":\"e-1\",\"detail-type\":\"RoutingDecision\",\"detail\":{}}\n\n"
                + "{\"id\":\"e-2\",\"detail-type\":\"JobCompleted\",\"detail\":{}}\n");

        assertThat(OutcomesCommand.Collect.existingIds(file)).containsExactlyInAnyOrder("e-1", "e-2");
        assertThat(OutcomesCommand.Collect.existingIds(dir.resolve("absent.jsonl"))).isEmpty();
    }

    @Test
    void collectingIntoAFileThatIsNotEventLinesIsRefusedWithTheLineBeforeAnyMessageIsTaken(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("jobs.csv");
        Files.writeString(file, "{\"id\":\"e-1\"}\nworkload_type,payload_size_kb\n");

        CliRun run = CliRun.of("outcomes", "collect", "--endpoint-url", "http://127.0.0.1:9", "--queue-url",
                "http://127.0.0.1:9/000000000000/q", "--out", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: " + file + " line 2: not a JSON event line");
    }

    @Test
    void aWaitBeyondSqsLongPollingIsRefusedNamingTheFlag(@TempDir Path dir) {
        CliRun run = CliRun.of("outcomes", "collect", "--queue-url", "http://127.0.0.1:9/000000000000/q", "--out",
                dir.resolve("o.jsonl").toString(), "--wait", "21");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--wait must be 0-20 seconds");
    }
}
