package io.hybridrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.cost.PriceTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.model.SqsException;

class RouterCliTest {

    @Test
    void helpListsEveryCommandWithADescription() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        for (String command : List.of("generate", "train", "evaluate", "classify")) {
            assertThat(run.out()).containsPattern("(?m)^\\s+" + command + "\\s+\\S+");
        }
    }

    @Test
    void everyCommandsHelpRendersWithoutAFormatWarning() {
        // picocli formats descriptions with String.format: a bare '%' makes it print a warning and the raw text
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> rendered = new ArrayList<>();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            Deque<CommandLine> todo = new ArrayDeque<>(List.of(RouterCli.commandLine()));
            while (!todo.isEmpty()) {
                CommandLine c = todo.pop();
                rendered.add(c.getCommandName());
                c.getUsageMessage();
                todo.addAll(c.getSubcommands().values());
            }
        } finally {
            System.setErr(stderr);
        }
        assertThat(rendered).contains("evaluate", "demo", "promote");
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }

    @Test
    void generateWritesALabelledDataSet(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("jobs.csv");
        CliRun run = CliRun.of("generate", "--jobs", "300", "--seed", "3", "--out", csv.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("wrote 300 jobs to " + csv);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(301);
        assertThat(lines.get(0)).startsWith("job_id,workload_type,payload_size_kb").endsWith(",slo_ms,label");
    }

    @Test
    void evaluateOnADataSetWithoutRunsPerOptionSaysSoFirstRatherThanScoringOptionsAsTheirPlatform(@TempDir Path dir)
            throws IOException {
        Path csv = dir.resolve("jobs.csv");
        assertThat(CliRun.of("generate", "--jobs", "300", "--seed", "7", "--out", csv.toString()).exitCode()).isZero();
        CliRun eval = CliRun.of("evaluate", "--data", csv.toString(), "--report-dir", dir.resolve("r").toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out().lines().filter(l -> !l.isBlank()).findFirst().orElseThrow())
                .startsWith("warning: these jobs have no simulated run per option");
        assertThat(eval.out()).contains("Fargate Spot: not simulated").doesNotContain("Fargate Spot: offered");
        assertThat(CliRun.of("evaluate", "--generate", "300", "--seed", "7", "--train-generate", "2000").out())
                .doesNotContain("warning: these jobs have no simulated run per option");
    }

    @Test
    void trainWritesTheThreeArtefactsAndEvaluateUsesThem(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("jobs.csv");
        assertThat(CliRun.of("generate", "--jobs", "2000", "--seed", "5", "--out", csv.toString()).exitCode()).isZero();
        Path model = dir.resolve("model");
        CliRun train = CliRun.of("train", "--data", csv.toString(), "--seed", "5", "--out", model.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).contains("lambda").contains("ecs").contains("coverage(90%)")
                .contains("held-out accuracy vs oracle");
        assertThat(model.resolve("model.tribuo")).exists();
        assertThat(model.resolve("feature_columns.json")).exists();
        JsonNode metadata = Json.read(Files.readString(model.resolve("model_metadata.json")));
        for (String field : List.of("model_version", "trained_at", "tribuo_version", "trainer_configuration", "seed",
                "data_hash", "trained_on", "platforms", "decisions", "calibration")) {
            assertThat(metadata.has(field)).as(field).isTrue();
        }

        CliRun eval = CliRun.of("evaluate", "--model", model.toString(), "--generate", "500", "--seed", "8", "--json");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        JsonNode result = Json.read(eval.out());
        assertThat(result.get("model_version").asText()).isEqualTo(metadata.get("model_version").asText());
    }

    @Test
    void classifyPricesDecisionsWithThePriceTableGivenAndExplainsABadOne(@TempDir Path dir) throws IOException {
        String job = "{\"job_id\":\"etl-mid\",\"workload_type\":\"data_etl\",\"payload_size_kb\":20480,"
                + "\"time_window\":\"night\",\"load_pattern\":\"low_load\"}";
        // at the bundled prices Fargate Spot takes this extract; without Spot (a table with no fargate_spot
        // section) Lambda does; with on-demand Fargate at a tenth of its price, Fargate does again
        JsonNode bundledDecision = Json.read(CliRun.of("classify", job).out());
        assertThat(bundledDecision.get("option").asText()).startsWith("ecs-").endsWith("-spot");
        String bundled;
        try (InputStream in = PriceTable.class.getResourceAsStream(PriceTable.BUNDLED)) {
            bundled = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String noSpot = bundled.substring(0, bundled.indexOf("\"fargate_spot\""))
                + bundled.substring(bundled.indexOf("\"eventbridge\""));
        Path cheapFargate = dir.resolve("prices.json");
        Files.writeString(cheapFargate, noSpot);
        JsonNode before = Json.read(CliRun.of("classify", "--prices", cheapFargate.toString(), job).out());
        assertThat(before.get("platform").asText()).isEqualTo("lambda");
        assertThat(before.get("estimates").get("ecs").has("p_slo")).isTrue();
        Files.writeString(cheapFargate, noSpot.replace("\"usd_per_vcpu_hour\": 0.04048", "\"usd_per_vcpu_hour\": 0.004048")
                .replace("\"usd_per_gb_hour\": 0.004445", "\"usd_per_gb_hour\": 0.0004445")
                .replace("\"usd_per_vcpu_hour\": 0.03238", "\"usd_per_vcpu_hour\": 0.003238")
                .replace("\"usd_per_gb_hour\": 0.00356", "\"usd_per_gb_hour\": 0.000356"));
        CliRun after = CliRun.of("classify", "--prices", cheapFargate.toString(), job);
        assertThat(after.exitCode()).as(after.err()).isZero();
        assertThat(Json.read(after.out()).get("platform").asText()).isEqualTo("ecs");

        Files.writeString(cheapFargate, bundled.replace("\"usd_per_request\": 0.0000002", "\"usd_per_request\": -2"));
        CliRun bad = CliRun.of("classify", "--prices", cheapFargate.toString(), job);
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("regions.us-east-1.lambda.usd_per_request: must be a finite number >= 0")
                .doesNotContain("\tat ");
    }

    @Test
    void evaluateJsonIsExactlyOneObjectWithEveryStrategyAndMetric() {
        CliRun run = CliRun.of("evaluate", "--generate", "400", "--seed", "9", "--train-generate", "2000", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip().lines()).hasSize(1);
        JsonNode r = Json.read(run.out());
        for (String strategy : List.of("lambda-only", "ecs-only", "lambda-unless-limit", "table", "hybrid-2", "hybrid",
                "oracle-2", "oracle")) {
            JsonNode s = r.get("strategies").get(strategy);
            for (String metric : List.of("cost_usd", "cost_per_million_usd", "p50_latency_ms", "p95_latency_ms",
                    "slo_violations", "infeasible", "platforms", "interruptions")) {
                assertThat(s.has(metric)).as(strategy + "." + metric).isTrue();
            }
        }
        for (String strategy : List.of("hybrid", "oracle")) {
            int split = 0;
            for (JsonNode share : r.get("strategies").get(strategy).get("options")) {
                split += share.get("jobs").asInt();
                assertThat(share.has("cost_usd")).isTrue();
            }
            assertThat(split).as(strategy).isEqualTo(400);
        }
        assertThat(r.get("jobs").asInt()).isEqualTo(400);
        assertThat(r.has("accuracy")).isTrue();
        assertThat(r.has("option_accuracy")).isTrue();
        assertThat(r.has("regret")).isTrue();
        assertThat(r.get("hybrid_vs_hybrid_2").asDouble()).isPositive();
        assertThat(r.get("spot_offered").asBoolean()).isTrue();
        assertThat(r.get("spot_interruptions_per_hour").asDouble()).isEqualTo(0.05);
        assertThat(r.get("scored_on_options").asBoolean()).isTrue();
        assertThat(r.get("router_overhead_per_million").get("total_usd").asDouble()).isPositive();
        assertThat(r.get("hybrid_vs_best_baseline").asDouble()).isPositive();
        assertThat(r.get("best_baseline").asText()).isIn("lambda-only", "ecs-only", "lambda-unless-limit", "table");
        assertThat(r.get("table_thresholds_kb").has("data_etl")).isTrue();
        assertThat(r.get("calibration").get("bins")).hasSize(10);
        assertThat(r.get("calibration").get("brier").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void evaluateNoSpotTakesSpotOutOfTheRouterAndTheSimulatedTruth() {
        CliRun withSpot = CliRun.of("evaluate", "--generate", "300", "--seed", "9", "--train-generate", "500",
                "--spot-interruptions-per-hour", "0.5", "--json");
        CliRun noSpot = CliRun.of("evaluate", "--generate", "300", "--seed", "9", "--train-generate", "500",
                "--no-spot", "--json");

        assertThat(withSpot.exitCode()).as(withSpot.err()).isZero();
        assertThat(noSpot.exitCode()).as(noSpot.err()).isZero();
        JsonNode spot = Json.read(withSpot.out());
        JsonNode none = Json.read(noSpot.out());
        assertThat(spot.get("spot_interruptions_per_hour").asDouble()).isEqualTo(0.5);
        assertThat(spot.get("strategies").get("oracle").get("options").fieldNames()).toIterable()
                .anyMatch(id -> id.endsWith("-spot"));
        assertThat(none.get("spot_offered").asBoolean()).isFalse();
        for (String strategy : List.of("hybrid", "oracle")) {
            assertThat(none.get("strategies").get(strategy).get("options").fieldNames()).toIterable().as(strategy)
                    .noneMatch(id -> id.endsWith("-spot"));
            assertThat(none.get("strategies").get(strategy).get("interruptions").asInt()).isZero();
        }
        // the sized pair does not depend on Spot
        assertThat(none.get("strategies").get("hybrid-2")).isEqualTo(spot.get("strategies").get("hybrid-2"));
    }

    @Test
    void evaluateRefusesABadSpotInterruptionRateInOneLine() {
        for (String rate : List.of("-1", "NaN", "Infinity")) {
            CliRun run = CliRun.of("evaluate", "--generate", "10", "--spot-interruptions-per-hour", rate);
            assertThat(run.exitCode()).as(rate).isEqualTo(2);
            assertThat(run.err()).as(rate).startsWith("error: --spot-interruptions-per-hour must be a number >= 0, got ")
                    .hasLineCount(1);
        }
        CliRun notForLogs = CliRun.of("evaluate", "--outcomes", "log.jsonl", "--spot-interruptions-per-hour", "1");
        assertThat(notForLogs.exitCode()).isEqualTo(2);
        assertThat(notForLogs.err()).contains("--spot-interruptions-per-hour sets the simulated truth").hasLineCount(1);
    }

    @Test
    void evaluateOutcomesEstimatesEveryPolicyWithIntervalsFromALoggedFile(@TempDir Path dir) {
        Path log = dir.resolve("log.jsonl");
        CliRun simulate = CliRun.of("evaluate", "--simulate-log", "--generate", "600", "--seed", "9",
                "--train-generate", "2000", "--log-out", log.toString());
        assertThat(simulate.exitCode()).as(simulate.err()).isZero();
        assertThat(simulate.out()).contains("true_per_1M").contains("lambda-unless-limit");

        CliRun run = CliRun.of("evaluate", "--outcomes", log.toString(), "--train-generate", "2000", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode r = Json.read(run.out());
        assertThat(r.get("outcomes").asInt()).isEqualTo(600);
        assertThat(r.get("by_option").asBoolean()).isTrue();
        for (String policy : List.of("logged", "lambda-only", "ecs-only", "lambda-unless-limit", "table", "hybrid-2",
                "model")) {
            JsonNode p = r.get("policies").get(policy);
            assertThat(p.get("cost_per_million_usd").asDouble()).as(policy).isPositive();
            assertThat(p.get("ci95")).as(policy).hasSize(2);
            assertThat(p.get("slo_ci95")).as(policy).hasSize(2);
            if (p.get("estimator").asText().equals("dm")) {
                // the sized pair's Lambda sizes are not declared options: the log never ran them
                assertThat(p.get("note").asText()).as(policy).startsWith("no IPS support");
                assertThat(p.has("ips")).as(policy).isFalse();
            } else {
                assertThat(p.get("ips").has("cost_per_million_usd")).as(policy).isTrue();
            }
        }
        assertThat(r.get("policies").get("hybrid-2").get("estimator").asText()).isEqualTo("dm");
        assertThat(r.get("policies").get("model").get("estimator").asText()).isEqualTo("dr");
        assertThat(r.get("estimators").get("bootstrap").get("resamples").asInt()).isEqualTo(1000);
        assertThat(r.get("calibration").has("brier")).isTrue();
    }

    @Test
    void evaluateOutcomesRefusesBadLinesAndPoliciesTheLogCannotSupport(@TempDir Path dir) throws IOException {
        String job = "{\"workload_type\":\"data_etl\",\"payload_size_kb\":5000,\"time_window\":\"night\","
                + "\"load_pattern\":\"low_load\"}";
        Path bad = dir.resolve("bad.jsonl");
        Files.write(bad, List.of("{\"job\":" + job + ",\"platform\":\"lambda\",\"slo_met\":true}"));
        CliRun refused = CliRun.of("evaluate", "--outcomes", bad.toString(), "--train-generate", "500", "--json");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("line 1: billed_usd: required, a finite number >= 0")
                .doesNotContain("Exception");

        Path greedy = dir.resolve("greedy.jsonl");
        Files.write(greedy, List.of("{\"job\":" + job + ",\"platform\":\"lambda\",\"billed_usd\":0.001,"
                + "\"slo_met\":true}"));
        CliRun unsupported = CliRun.of("evaluate", "--outcomes", greedy.toString(), "--train-generate", "500", "--json");
        assertThat(unsupported.exitCode()).isEqualTo(1);
        assertThat(unsupported.err()).contains("ecs-only: not identifiable from this log");
        assertThat(Json.read(unsupported.out()).get("policies").get("ecs-only").get("refused").asText())
                .contains("ROUTER_EXPLORE_RATE");
    }

    @Test
    void evaluateWritesTableMarkdownReportAndChart(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.of("evaluate", "--generate", "300", "--train-generate", "2000", "--report-dir",
                dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("strategy").contains("lambda-only").contains("oracle").contains("regret")
                .contains("lambda-unless-limit").contains("hybrid_vs_best_baseline").contains("Brier")
                .contains("hybrid-2").contains("oracle-2").contains("hybrid / hybrid-2 cost")
                .contains("hybrid by option").contains("accuracy vs oracle: option");
        assertThat(Files.readString(dir.resolve("report.md"))).contains("| hybrid |").contains("strategies.png")
                .contains("| hybrid-2 |").contains("`hybrid` by option").contains("Hybrid / hybrid-2 cost:")
                .contains("| table |").contains("Hybrid vs best baseline").contains("Brier score")
                .contains("calibration.png");
        assertThat(Files.readAllBytes(dir.resolve("calibration.png"))).startsWith(0x89, 'P', 'N', 'G');
        byte[] png = Files.readAllBytes(dir.resolve("strategies.png"));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void classifyPrintsADecisionPerLineAndAnErrorLinePerBadLine(@TempDir Path dir) throws IOException {
        Path jobs = dir.resolve("jobs.jsonl");
        Files.write(jobs, List.of(
                "{\"job_id\":\"a1\",\"workload_type\":\"lightweight_api\",\"payload_size_kb\":3,"
                        + "\"time_window\":\"midday\",\"load_pattern\":\"burst_load\"}",
                "",
                "{\"job_id\":\"b2\",\"workload_type\":\"data_etl\",\"payload_size_kb\":-1}",
                "not json",
                "{\"job_id\":\"c3\",\"workload_type\":\"data_etl\",\"payload_size_kb\":1,\"time_window\":\"night\","
                        + "\"load_pattern\":\"low_load\",\"expected_duration_s\":3600}"));
        CliRun run = CliRun.of("classify", jobs.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        List<JsonNode> lines = run.out().lines().map(Json::read).toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).get("job_id").asText()).isEqualTo("a1");
        assertThat(lines.get(0).get("platform").asText()).isEqualTo("lambda");
        assertThat(lines.get(1).get("job_id").asText()).isEqualTo("b2");
        assertThat(lines.get(1).get("line").asInt()).isEqualTo(3);
        assertThat(lines.get(1).get("errors").toString()).contains("payload_size_kb: must be a finite number >= 0")
                .contains("load_pattern: is required");
        assertThat(lines.get(2).get("error").asText()).contains("malformed JSON");
        assertThat(lines.get(3).get("reason").asText()).isEqualTo("limit:duration");
        assertThat(run.err()).contains("2 invalid jobs");
    }

    @Test
    void classifyTakesOneJobAsAnArgument() {
        CliRun run = CliRun.of("classify", "{\"workload_type\":\"video_transcoding\",\"payload_size_kb\":900000,"
                + "\"time_window\":\"night\",\"load_pattern\":\"low_load\",\"memory_mb\":16384}");
        assertThat(run.exitCode()).isZero();
        JsonNode d = Json.read(run.out());
        assertThat(d.get("platform").asText()).isEqualTo("ecs");
        assertThat(d.get("reason").asText()).isEqualTo("limit:memory");
    }

    @Test
    void errorsAreOneLineWithoutStackTraces(@TempDir Path dir) {
        CliRun missing = CliRun.of("classify", dir.resolve("nope.jsonl").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("error: '" + dir.resolve("nope.jsonl") + "': no such file; pass a file, - for"
                + " stdin, or a job as JSON" + System.lineSeparator());

        CliRun badModel = CliRun.of("evaluate", "--model", dir.resolve("no-model").toString(), "--json");
        assertThat(badModel.exitCode()).isEqualTo(1);
        assertThat(badModel.err()).contains("does not exist").doesNotContain("Exception");

        // a stack name that cannot name every rule (EventBridge's 64 characters) is refused before any call
        for (String command : List.of("deploy", "destroy")) {
            CliRun longName = CliRun.of("stack", command, "--stack", "a-stack-name-27-characters-", "--endpoint-url",
                    "http://127.0.0.1:9");
            assertThat(longName.exitCode()).as(command).isEqualTo(2);
            assertThat(longName.err()).as(command).startsWith("error: --stack: stack name must be 3-")
                    .doesNotContain("Exception");
        }

        CliRun usage = CliRun.of("generate", "--jobs", "many", "--out", "x.csv");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err()).contains("--jobs");

        CliRun both = CliRun.of("train", "--data", "a.csv", "--generate", "10", "--out", dir.toString());
        assertThat(both.exitCode()).isEqualTo(2);
        CliRun none = CliRun.of("evaluate", "--generate", "0");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).isEqualTo("error: --generate must be a positive number of jobs, got 0"
                + System.lineSeparator());
        assertThat(both.err()).isEqualTo("error: give --data or --generate, not both" + System.lineSeparator());
    }

    @Test
    void classifyReadsAFileLineByLineAndNamesTheLineThatIsNotUtf8(@TempDir Path dir) throws IOException {
        String job = "{\"workload_type\":\"lightweight_api\",\"payload_size_kb\":3,\"time_window\":\"midday\","
                + "\"load_pattern\":\"burst_load\",\"job_id\":\"";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write((job + "l1\"}\n" + job + "l2\"}\r\n").getBytes(StandardCharsets.UTF_8));
        bytes.write(new byte[] {'{', '"', 'j', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'});
        bytes.write((job + "l4\"}").getBytes(StandardCharsets.UTF_8));
        Path jobs = dir.resolve("jobs.jsonl");
        Files.write(jobs, bytes.toByteArray());

        CliRun run = CliRun.of("classify", jobs.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        List<JsonNode> lines = run.out().lines().map(Json::read).toList();
        assertThat(lines).extracting(l -> l.path("job_id").asText(l.path("error").asText()))
                .containsExactly("l1", "l2", "line 3: not valid UTF-8", "l4");
        assertThat(lines.get(2).get("line").asInt()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("1 invalid job" + System.lineSeparator());
    }

    @Test
    void classifyOfAnEmptyNameOrAFolderSaysWhatToPassInstead(@TempDir Path dir) {
        CliRun empty = CliRun.of("classify", "");
        assertThat(empty.exitCode()).isEqualTo(1);
        assertThat(empty.err()).isEqualTo("error: '': no such file; pass a file, - for stdin, or a job as JSON"
                + System.lineSeparator());
        CliRun folder = CliRun.of("classify", dir.toString());
        assertThat(folder.err()).isEqualTo("error: '" + dir + "': is a folder; pass a file, - for stdin, or a job as"
                + " JSON" + System.lineSeparator());
    }

    @Test
    void aMalformedJobSaysInvalidJobOnce() {
        CliRun run = CliRun.of("classify", "{\"workload_type\": [}");
        assertThat(run.exitCode()).isEqualTo(1);
        String error = Json.read(run.out()).get("error").asText();
        assertThat(error).startsWith("invalid job: malformed JSON: Unexpected close marker '}'")
                .doesNotContain("job: job").doesNotContain("Source").doesNotContain("REDACTED");
        CliRun explain = CliRun.of("rules", "explain", "--offline", "[1]");
        assertThat(explain.err()).isEqualTo("error: invalid job: must be a JSON object, got array"
                + System.lineSeparator());
    }

    @Test
    void everyParentCommandWithoutASubcommandIsAUsageErrorOnStderr() {
        for (String[] args : List.of(new String[0], new String[] {"rules"}, new String[] {"stack"},
                new String[] {"classifier"})) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.out()).as(String.join(" ", args)).isEmpty();
            assertThat(run.err()).as(String.join(" ", args)).contains("is required").contains("Usage: router");
        }
    }

    /** A value of the wrong type or an unknown option: one line naming it, where the usage is, exit 2, no usage dump. */
    @Test
    void aCommandLineThatDoesNotParseIsOneErrorLineAndAPointerToHelp() {
        CliRun badValue = CliRun.of("evaluate", "--repeat", "abc");
        assertThat(badValue.exitCode()).isEqualTo(2);
        assertThat(badValue.out()).isEmpty();
        assertThat(badValue.err()).isEqualTo("error: Invalid value for option '--repeat': 'abc' is not an int"
                + System.lineSeparator() + "Run 'router evaluate --help' for its options." + System.lineSeparator());
        CliRun misspelt = CliRun.of("evaluate", "--no-spto");
        assertThat(misspelt.exitCode()).isEqualTo(2);
        assertThat(misspelt.err()).startsWith("error: Unknown option: '--no-spto'").contains("--no-spot")
                .doesNotContain("Usage:");
    }

    @Test
    void generateCreatesAMissingFolderAndSaysSo(@TempDir Path dir) {
        Path csv = dir.resolve("new/deeper/jobs.csv");
        CliRun run = CliRun.of("generate", "--jobs", "20", "--out", csv.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("created folder " + csv.getParent());
        assertThat(csv).exists();
        CliRun again = CliRun.of("generate", "--jobs", "20", "--out", csv.toString());
        assertThat(again.err()).doesNotContain("created folder");
    }

    @Test
    void missingAwsCredentialsAreOneLineNamingTheFixWhereverTheyAreWrapped() {
        SdkClientException sdk = SdkClientException.builder().message("Unable to load credentials from any of the "
                + "providers in the chain AwsCredentialsProviderChain(credentialsProviders=[" + "x".repeat(1_400)
                + "])").build();
        String expected = "no AWS credentials found (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY); for an emulator "
                + "pass --endpoint-url URL or set AWS_ENDPOINT_URL";
        assertThat(RouterCli.message(sdk)).isEqualTo(expected);
        assertThat(RouterCli.message(new IllegalStateException("cannot reach AWS: " + sdk.getMessage(), sdk)))
                .isEqualTo(expected);
    }

    @Test
    void otherSdkErrorsAreShortenedToOneLine() {
        SdkClientException longOne = SdkClientException.builder().message("Unable to execute HTTP request: "
                + "y".repeat(2_000) + "\nmore").build();
        assertThat(RouterCli.message(longOne)).hasSizeLessThanOrEqualTo(300).doesNotContain("\n")
                .startsWith("Unable to execute HTTP request: yyy");
        AwsServiceException service = SqsException.builder().statusCode(400).message("long (Service: Sqs, Status "
                + "Code: 400, Request ID: abc)").awsErrorDetails(AwsErrorDetails.builder().serviceName("Sqs")
                .errorCode("AWS.SimpleQueueService.NonExistentQueue").errorMessage("The specified queue does not exist.")
                .build()).build();
        assertThat(RouterCli.message(service)).isEqualTo("Sqs said AWS.SimpleQueueService.NonExistentQueue: The "
                + "specified queue does not exist. (HTTP 400)");
    }

    private static String deepJob(String id, int payloadDepth) {
        return "{\"job_id\":\"" + id + "\",\"workload_type\":\"lightweight_api\",\"payload_size_kb\":1,"
                + "\"time_window\":\"night\",\"load_pattern\":\"low_load\",\"payload\":"
                + "[".repeat(payloadDepth) + "]".repeat(payloadDepth) + "}";
    }

    @Test
    void classifyDecidesAJobNestedAsDeepAsAllowedAndReportsOneNestedDeeperThenGoesOn(@TempDir Path dir)
            throws IOException {
        Path jobs = dir.resolve("deep.jsonl");
        Files.write(jobs, List.of(deepJob("d-992", 992), deepJob("d-993", 993), deepJob("d-999", 999),
                "{\"job_id\":\"after\",\"workload_type\":\"lightweight_api\",\"payload_size_kb\":3,"
                        + "\"time_window\":\"midday\",\"load_pattern\":\"burst_load\"}"));
        CliRun run = CliRun.of("classify", jobs.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        List<JsonNode> lines = run.out().lines().map(Json::read).toList();
        assertThat(lines).extracting(l -> l.get("job_id").asText()).containsExactly("d-992", "d-993", "d-999", "after");
        assertThat(lines.get(0).get("platform").asText()).isNotEmpty();
        assertThat(lines.get(1).get("errors").get(0).asText()).isEqualTo("payload: nests 993 levels; at most 992");
        assertThat(lines.get(2).get("errors").get(0).asText()).isEqualTo("payload: nests 999 levels; at most 992");
        assertThat(lines.get(3).get("platform").asText()).isNotEmpty();
        assertThat(run.err()).contains("2 invalid jobs");
    }

    @Test
    void classifyStopsWithAnErrorLineWhenItsOutputCannotBeWritten() {
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cli = RouterCli.commandLine();
        cli.setOut(new java.io.PrintWriter(new java.io.Writer() {
            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void flush() throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void close() {
            }
        }, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        int code = cli.execute("classify", "{\"workload_type\":\"lightweight_api\",\"payload_size_kb\":3,"
                + "\"time_window\":\"midday\",\"load_pattern\":\"burst_load\"}");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: cannot write to standard output").hasLineCount(1);
    }
}
