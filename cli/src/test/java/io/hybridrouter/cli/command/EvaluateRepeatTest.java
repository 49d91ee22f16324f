package io.hybridrouter.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code router evaluate --repeat K}: several held-out sets, pooled, with an interval over the sets. */
class EvaluateRepeatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Small sets and a small training set for the table baseline keep these tests fast. */
    private static final List<String> SMALL = List.of("evaluate", "--generate", "200", "--train-generate", "500");

    private static CliRun evaluate(String... more) {
        List<String> args = new java.util.ArrayList<>(SMALL);
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static JsonNode json(CliRun run) throws IOException {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    @Test
    void pooledRatiosAreTheRatiosOfTheCostsOfSingleEvaluationsOfEachSeedSummed() throws IOException {
        JsonNode pooled = json(evaluate("--seed", "11", "--repeat", "4", "--json"));

        double hybrid = 0;
        double hybrid2 = 0;
        double oracle = 0;
        int hybridViolations = 0;
        for (int seed = 11; seed <= 14; seed++) {
            JsonNode single = json(evaluate("--seed", String.valueOf(seed), "--json")).get("strategies");
            hybrid += single.get("hybrid").get("cost_usd").asDouble();
            hybrid2 += single.get("hybrid-2").get("cost_usd").asDouble();
            oracle += single.get("oracle").get("cost_usd").asDouble();
            hybridViolations += single.get("hybrid").get("slo_violations").asInt();
            JsonNode set = pooled.get("per_set").get(seed - 11);
            assertThat(set.get("seed").asLong()).isEqualTo(seed);
            assertThat(set.get("hybrid_vs_hybrid_2").asDouble()).isCloseTo(
                    single.get("hybrid").get("cost_usd").asDouble() / single.get("hybrid-2").get("cost_usd").asDouble(),
                    within(1e-12));
        }
        assertThat(pooled.get("sets").asInt()).isEqualTo(4);
        assertThat(pooled.get("jobs").asInt()).isEqualTo(800);
        assertThat(pooled.get("hybrid_vs_hybrid_2").get("pooled").asDouble()).isCloseTo(hybrid / hybrid2,
                within(1e-12));
        assertThat(pooled.get("regret").get("pooled").asDouble()).isCloseTo(hybrid / oracle - 1, within(1e-12));
        assertThat(pooled.get("strategies").get("hybrid").get("cost_usd").asDouble()).isCloseTo(hybrid, within(1e-12));
        assertThat(pooled.get("slo_violations").get("hybrid").asInt()).isEqualTo(hybridViolations);
    }

    @Test
    void intervalContainsThePooledRatioAndIsTheSameForTheSameBootstrapSeed() throws IOException {
        JsonNode a = json(evaluate("--seed", "21", "--repeat", "4", "--bootstrap-seed", "5", "--json"));
        JsonNode b = json(evaluate("--seed", "21", "--repeat", "4", "--bootstrap-seed", "5", "--json"));

        JsonNode ratio = a.get("hybrid_vs_hybrid_2");
        double pooled = ratio.get("pooled").asDouble();
        assertThat(ratio.get("ci95").get(0).asDouble()).isLessThanOrEqualTo(pooled);
        assertThat(ratio.get("ci95").get(1).asDouble()).isGreaterThanOrEqualTo(pooled);
        assertThat(b.get("hybrid_vs_hybrid_2").get("ci95")).isEqualTo(ratio.get("ci95"));
        assertThat(b.get("regret").get("ci95")).isEqualTo(a.get("regret").get("ci95"));
        assertThat(a.get("bootstrap").get("seed").asLong()).isEqualTo(5);
        assertThat(a.get("bootstrap").get("resamples").asInt()).isEqualTo(2000);
    }

    @Test
    void printsProgressPerSetThePooledTableWithIntervalsAndAReportWithEachSet(@TempDir Path dir) throws IOException {
        CliRun run = evaluate("--seed", "31", "--repeat", "3", "--report-dir", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).containsPattern("set 1/3 \\(seed 31\\): hybrid/hybrid-2 \\d\\.\\d{4}")
                .containsPattern("set 3/3 \\(seed 33\\): hybrid/hybrid-2 \\d\\.\\d{4}")
                .doesNotContain("(200/200)");
        assertThat(run.out()).contains("pooled over 3 sets, 600 jobs", "hybrid-2", "oracle", "lambda-only")
                .containsPattern("hybrid / hybrid-2 cost \\(pooled over 3 sets of 200 jobs\\): \\d\\.\\d{4}, 95% "
                        + "interval \\[\\d\\.\\d{4}, \\d\\.\\d{4}\\] \\(bootstrap over sets, 2,000 resamples\\); per set "
                        + "median \\d\\.\\d{4}, min \\d\\.\\d{4}, max \\d\\.\\d{4}")
                .containsPattern("regret vs oracle \\(pooled over 3 sets of 200 jobs\\): -?\\d\\.\\d{4}, 95% interval \\[")
                .containsPattern("SLO violations \\(pooled\\): hybrid \\d+, hybrid-2 \\d+; hybrid's <= hybrid-2's in "
                        + "\\d of 3 sets")
                .containsPattern("hybrid / cheaper single platform \\(pooled\\): \\d\\.\\d{4}")
                .contains("report: " + dir.resolve("report.md"));
        assertThat(Files.readString(dir.resolve("report.md"))).contains("| 31 | 200 |", "| 32 | 200 |", "| 33 | 200 |",
                "seeds 31 to 33");
    }

    @Test
    void twoSetsSayTheIntervalIsNotMeaningfulRatherThanPrintOne(@TempDir Path dir) throws IOException {
        CliRun run = evaluate("--seed", "31", "--repeat", "2", "--report-dir", dir.toString());
        JsonNode asJson = json(evaluate("--seed", "31", "--repeat", "2", "--json"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("95% interval n/a (needs >= 3 sets)").doesNotContain("interval [");
        assertThat(asJson.get("hybrid_vs_hybrid_2").has("ci95")).isFalse();
    }

    @Test
    void repeatOneGivesTodaysOutputExactly(@TempDir Path dir) throws IOException {
        CliRun today = evaluate("--seed", "9", "--report-dir", dir.resolve("a").toString());
        CliRun once = evaluate("--seed", "9", "--repeat", "1", "--report-dir", dir.resolve("b").toString());
        JsonNode todayJson = json(evaluate("--seed", "9", "--json"));
        JsonNode onceJson = json(evaluate("--seed", "9", "--repeat", "1", "--json"));

        // the decision timing (and the classifier's cost derived from it) differs from run to run
        assertThat(withoutTiming(onceJson)).isEqualTo(withoutTiming(todayJson));
        assertThat(once.exitCode()).isZero();
        assertThat(withoutTiming(once.out()).replace(dir.resolve("b").toString(), "DIR"))
                .isEqualTo(withoutTiming(today.out()).replace(dir.resolve("a").toString(), "DIR"));
    }

    private static JsonNode withoutTiming(JsonNode result) {
        ObjectNode copy = result.deepCopy();
        copy.remove(List.of("decide_median_us", "router_overhead_per_million"));
        return copy;
    }

    private static String withoutTiming(String table) {
        return table.lines().filter(l -> !l.startsWith("router overhead")).collect(Collectors.joining("\n"));
    }

    @Test
    void refusesRepeatWithSetsThatAreNotGeneratedAndCountsOutOfRangeInOneLine() {
        List<List<String>> refused = List.of(
                List.of("evaluate", "--repeat", "3", "--data", "jobs.csv"),
                List.of("evaluate", "--repeat", "3", "--outcomes", "log.jsonl"),
                List.of("evaluate", "--repeat", "3", "--simulate-log"),
                List.of("evaluate", "--repeat", "0"),
                List.of("evaluate", "--repeat", "-2"),
                List.of("evaluate", "--repeat", "1001"),
                List.of("evaluate", "--repeat", "2", "--seed", String.valueOf(Long.MAX_VALUE)));
        List<String> named = List.of("--data", "--outcomes", "--simulate-log", "from 1 to 1000, got 0",
                "from 1 to 1000, got -2", "from 1 to 1000, got 1001", "past the largest seed");
        for (int i = 0; i < refused.size(); i++) {
            CliRun run = CliRun.of(refused.get(i).toArray(String[]::new));
            assertThat(run.exitCode()).as(refused.get(i).toString()).isEqualTo(2);
            assertThat(run.err()).as(refused.get(i).toString()).startsWith("error: --").contains("--repeat",
                    named.get(i)).hasLineCount(1);
        }
    }

    @Test
    void warnsWhenASeedInTheRangeIsTheModelsTrainingSeed() {
        CliRun overlapping = CliRun.of("evaluate", "--generate", "50", "--train-generate", "500", "--seed", "40",
                "--repeat", "3", "--json");
        CliRun clear = CliRun.of("evaluate", "--generate", "50", "--train-generate", "500", "--seed", "43",
                "--repeat", "3", "--json");

        assertThat(overlapping.exitCode()).isZero();
        assertThat(overlapping.err()).contains("warning: seeds 40 to 42 include 42, the seed the model was trained with");
        assertThat(clear.err()).doesNotContain("trained with");
    }
    @Test
    void aReportDirThatIsAFileIsRefusedInOneLineBeforeAnySetIsEvaluated(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("afile"), "x");
        for (List<String> more : List.of(List.of("--seed", "9"), List.of("--seed", "9", "--repeat", "3"))) {
            List<String> args = new java.util.ArrayList<>(more);
            args.addAll(List.of("--report-dir", file.toString()));
            CliRun run = evaluate(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).as(more.toString()).startsWith("error: --report-dir").contains("not a folder")
                    .hasLineCount(1);
            // refused before the work: no set was evaluated, nothing printed
            assertThat(run.err()).doesNotContain("set 1/");
            assertThat(run.out()).isEmpty();
        }
        CliRun under = evaluate("--seed", "9", "--report-dir", file.resolve("sub").toString());
        assertThat(under.exitCode()).isNotZero();
        assertThat(under.err()).startsWith("error: --report-dir").hasLineCount(1).doesNotContain("\tat ");
    }

    @Test
    void theRepeatedReportSaysWhetherSpotWasOffered(@TempDir Path dir) throws IOException {
        evaluate("--seed", "9", "--repeat", "2", "--no-spot", "--report-dir", dir.resolve("off").toString());
        evaluate("--seed", "9", "--repeat", "2", "--report-dir", dir.resolve("on").toString());
        assertThat(Files.readString(dir.resolve("off").resolve("report.md"))).contains("Fargate Spot: not offered");
        assertThat(Files.readString(dir.resolve("on").resolve("report.md")))
                .contains("Fargate Spot: offered; simulated interruptions 0.050 per task-hour");
    }

    @Test
    void flagsThatContradictEachOtherOrAreOutOfRangeAreNamedInOneLine() {
        CliRun trainGenerate = CliRun.of("evaluate", "--generate", "50", "--seed", "9", "--train-generate", "0");
        assertThat(trainGenerate.exitCode()).isEqualTo(2);
        assertThat(trainGenerate.err()).startsWith("error: --train-generate").hasLineCount(1);
        CliRun spotRate = evaluate("--seed", "9", "--no-spot", "--spot-interruptions-per-hour", "2");
        assertThat(spotRate.exitCode()).isEqualTo(2);
        assertThat(spotRate.err()).startsWith("error: --spot-interruptions-per-hour").contains("--no-spot")
                .hasLineCount(1);
    }

    @Test
    void repeatOneIsTheDefaultAndSoWorksWithEveryKindOfSet(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("jobs.csv");
        CliRun generated = CliRun.of("generate", "--jobs", "100", "--seed", "9", "--out", csv.toString());
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        CliRun once = CliRun.of("evaluate", "--train-generate", "500", "--data", csv.toString(), "--repeat", "1",
                "--json");
        assertThat(once.exitCode()).as(once.err()).isZero();
        CliRun plain = CliRun.of("evaluate", "--train-generate", "500", "--data", csv.toString(), "--json");
        assertThat(withoutTiming(JSON.readTree(once.out()))).isEqualTo(withoutTiming(JSON.readTree(plain.out())));
    }
}

