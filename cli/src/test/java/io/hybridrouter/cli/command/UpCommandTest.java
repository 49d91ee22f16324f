package io.hybridrouter.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridrouter.cli.CliRun;
import org.junit.jupiter.api.Test;

class UpCommandTest {

    @Test
    void theHttpApiListensNextToTheSqsEndpointUnlessToldOtherwise() {
        assertThat(UpCommand.httpPort(9324, null)).isEqualTo(9325);
        assertThat(UpCommand.httpPort(9324, 8080)).isEqualTo(8080);
        assertThat(UpCommand.httpPort(9324, 0)).as("0: any free port").isZero();
        assertThat(UpCommand.httpPort(0, null)).as("any free SQS port: any free HTTP port").isZero();
    }

    @Test
    void aPortOutOfRangeIsAUsageErrorBeforeAnythingStarts() {
        CliRun high = CliRun.of("up", "--port", "0", "--http-port", "70000");
        assertThat(high.exitCode()).isEqualTo(2);
        assertThat(high.err()).startsWith("error: --http-port must be from 0 (any free port) to 65535, got 70000");
        assertThat(CliRun.of("up", "--port", "-1").exitCode()).isEqualTo(2);
        CliRun last = CliRun.of("up", "--port", "65535");
        assertThat(last.exitCode()).isEqualTo(2);
        assertThat(last.err()).contains("leaves no port above it for the HTTP API; give --http-port");
    }

    @Test
    void aSpotInterruptionRateOutsideItsRangeIsAOneLineUsageErrorForUpAndDemo() {
        for (String command : new String[] {"up", "demo"}) {
            for (String bad : new String[] {"-1", "61", "NaN", "Infinity"}) {
                CliRun run = CliRun.of(command, "--spot-interruptions-per-hour", bad);
                assertThat(run.exitCode()).as(command + " " + bad).isEqualTo(2);
                assertThat(run.err()).as(command + " " + bad).startsWith(
                        "error: --spot-interruptions-per-hour must be from 0 (none) to 60 per task-hour, got ")
                        .doesNotContain("\tat ");
            }
            CliRun notANumber = CliRun.of(command, "--spot-interruptions-per-hour", "often");
            assertThat(notANumber.exitCode()).isEqualTo(2);
            assertThat(notANumber.err()).contains("--spot-interruptions-per-hour").doesNotContain("\tat ");
        }
        assertThat(UpCommand.spotInterruptionsPerHour(null)).isEqualTo(1.0);
        assertThat(UpCommand.spotInterruptionsPerHour(0.0)).as("0: no interruptions").isZero();
    }
}
