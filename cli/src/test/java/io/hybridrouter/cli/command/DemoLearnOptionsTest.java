package io.hybridrouter.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridrouter.cli.CliRun;
import org.junit.jupiter.api.Test;

/** {@code router demo --learn}'s options are checked before anything starts: a usage error (exit 2), one line. */
class DemoLearnOptionsTest {

    @Test
    void aMalformedDriftIsAUsageErrorNamingThePartAndTheRule() {
        CliRun run = CliRun.of("demo", "--learn", "--drift", "data_etl.duration*3,etl.memory*2");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("error: --drift part \"etl.memory*2\": \"etl\" is not a workload type: one of "
                + "lightweight_api, thumbnail_processing, data_etl, ml_inference, video_transcoding, batch_report, "
                + "other or *");
    }

    @Test
    void learnWithoutADriftIsAUsageError() {
        CliRun run = CliRun.of("demo", "--learn");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--learn needs --drift SPEC");
    }

    @Test
    void learningOptionsWithoutLearnAreAUsageError() {
        CliRun run = CliRun.of("demo", "--drift", "ecs.startup*0.3");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("go with --learn");
    }

    @Test
    void aRoundCountBelowOneIsAUsageError() {
        CliRun run = CliRun.of("demo", "--learn", "--rounds", "0", "--drift", "ecs.startup*0.3");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--rounds must be at least 1, got 0");
    }

    @Test
    void aJobCountBelowOneIsAUsageError() {
        CliRun run = CliRun.of("demo", "--learn", "--jobs", "0", "--drift", "ecs.startup*0.3");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--jobs must be a positive number, got 0");
    }
}
