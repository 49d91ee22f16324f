package io.hybridrouter.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridrouter.cli.RouterCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code router demo} accounts for every job and writes its report (a small run; the timing is in bench/RESULTS.md). */
class DemoIT {

    @Test
    void everySubmittedJobIsDecidedOrRejectedAndEveryDecisionHasAnOutcome(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = RouterCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("demo", "--jobs", "300", "--seed", "11", "--report-dir", dir.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("submitted 300: decided 297 \\(lambda \\d+, ecs \\d+\\), rejected 3 "
                + "\\(3 sent invalid on purpose\\); outcomes 297 \\(297 succeeded\\)");
        assertThat(out.toString()).contains("jobs/s").contains("hybrid").contains("oracle")
                .containsPattern("(?m)^lambda-unless-limit ").containsPattern("(?m)^table ");
        assertThat(Files.readString(dir.resolve("report.md"))).contains("## The local run").contains("| hybrid |")
                .contains("| table |");
        assertThat(Files.size(dir.resolve("strategies.png"))).isPositive();
    }
}
