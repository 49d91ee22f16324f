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
        // the split by option: the jobs' sizes spread them over several options, each with its runs, cost and SLO
        java.util.regex.Matcher used = java.util.regex.Pattern.compile("by option: (\\d+) options used; (\\d+) Spot "
                + "interruptions").matcher(out.toString());
        assertThat(used.find()).as(out.toString()).isTrue();
        assertThat(Integer.parseInt(used.group(1))).isGreaterThanOrEqualTo(4);
        assertThat(out.toString()).containsPattern("(?m)^option +runs +jobs +cost USD +SLO met +interrupted$")
                .containsPattern("(?m)^lambda-(x86_64|arm64)-\\d+mb +\\d+ +\\d+ +\\d+\\.\\d{6} +[\\d.]+% +\\d+$");
        // what the same jobs would cost on AWS prices each on the option it was decided to, not as its platform's
        // sized run: the router's options make it cheaper than the best two-way baseline
        assertThat(cost(out.toString(), "hybrid")).isLessThan(cost(out.toString(), "table"));
        assertThat(out.toString()).containsPattern("(?m)^oracle-2 ");
        assertThat(Files.readString(dir.resolve("report.md"))).contains("## The local run").contains("| hybrid |")
                .contains("| table |").contains("by option: ");
        assertThat(Files.size(dir.resolve("strategies.png"))).isPositive();
    }

    @Test
    void theJsonSummaryCarriesThePlatformAndOptionSplits(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = RouterCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("demo", "--jobs", "200", "--seed", "5", "--json", "--report-dir", dir.toString());

        assertThat(code).as(err.toString()).isZero();
        com.fasterxml.jackson.databind.JsonNode summary = io.hybridrouter.shared.Json.read(out.toString().trim());
        assertThat(summary.get("decided").asInt() + summary.get("rejected").asInt()).isEqualTo(200);
        assertThat(summary.get("platforms").get("lambda").asInt() + summary.get("platforms").get("ecs").asInt())
                .isEqualTo(summary.get("decided").asInt());
        assertThat(summary.get("options").size()).isEqualTo(summary.get("options_used").asInt())
                .isGreaterThanOrEqualTo(4);
        int jobs = 0;
        for (com.fasterxml.jackson.databind.JsonNode o : summary.get("options")) {
            jobs += o.get("jobs").asInt();
            assertThat(o.get("cost_usd").asDouble()).isPositive();
            assertThat(o.get("slo_met").asInt()).isBetween(0, o.get("jobs").asInt());
            assertThat(o.get("runs").asInt()).isEqualTo(o.get("jobs").asInt() + o.get("interruptions").asInt());
        }
        assertThat(jobs).as("every decided job ended on one option").isEqualTo(summary.get("outcomes").asInt())
                .isEqualTo(summary.get("decided").asInt());
    }

    /** The cost column of a strategy's row in the cost table. */
    private static double cost(String out, String strategy) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + java.util.regex.Pattern.quote(strategy)
                + " +([0-9.]+) ").matcher(out);
        assertThat(m.find()).as(strategy + " row in\n" + out).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
