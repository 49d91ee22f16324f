package io.hybridrouter.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridrouter.cli.CliRun;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClassifierCommandTest {

    @Test
    void parsesIdleDurationsInTheUnitsPeopleType() {
        assertThat(ClassifierCommand.parseDuration("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(ClassifierCommand.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ClassifierCommand.parseDuration(" 2m ")).isEqualTo(Duration.ofMinutes(2));
        assertThat(ClassifierCommand.parseDuration("1H")).isEqualTo(Duration.ofHours(1));
        assertThat(ClassifierCommand.parseDuration("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(ClassifierCommand.parseDuration("0")).isGreaterThan(Duration.ofDays(365));
    }

    @Test
    void refusesWhatIsNotADuration() {
        for (String bad : new String[] {"soon", "-5s", "10x", ""}) {
            assertThatThrownBy(() -> ClassifierCommand.parseDuration(bad))
                    .hasMessageStartingWith("--max-idle must be a duration like 10s");
        }
    }

    @Test
    void aMaxIdleThatIsNotADurationIsAUsageError() {
        CliRun run = CliRun.of("classifier", "run", "--endpoint", "http://127.0.0.1:1", "--queue-url",
                "http://127.0.0.1:1/123456789012/jobs", "--bus", "router", "--max-idle", "bogus");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: --max-idle must be a duration like 10s");
    }

    @Test
    void runExitsNonZeroSayingWhatIsWrong_whenSqsCannotBeReachedForMaxIdle() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + port;
        CliRun run = CliRun.of("classifier", "run", "--endpoint", endpoint, "--queue-url",
                endpoint + "/123456789012/jobs", "--bus", "router", "--max-idle", "1s");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).containsOnlyOnce("cannot reach SQS at " + endpoint + ": connection refused; is the "
                + "emulator running? check --endpoint (retrying")
                .contains("error: no successful receive for 1 s");
    }
}
