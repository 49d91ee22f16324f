package io.hybridrouter.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.cli.CliRun;
import io.hybridrouter.shared.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code router demo --learn --json}: rounds through the embedded stack, the documented JSON, the report and the outcomes. */
class DemoLearnIT {

    @Test
    void printsEveryRoundForBothRoutersAsDocumentedAndWritesTheReportAndTheOutcomes(@TempDir Path dir)
            throws Exception {
        CliRun run = CliRun.of("demo", "--learn", "--rounds", "2", "--jobs", "150", "--prior-jobs", "500",
                "--drift", "data_etl.duration*3", "--seed", "5", "--json", "--report-dir", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = Json.MAPPER.readTree(run.out());
        assertThat(result.get("drift").asText()).isEqualTo("data_etl.duration*3");
        assertThat(result.get("rounds")).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode round = result.get("rounds").get(i);
            assertThat(round.get("round").asInt()).isEqualTo(i + 1);
            for (String router : new String[] {"static", "learning"}) {
                JsonNode f = round.get(router);
                assertThat(f.get("regret").isNumber()).as(router).isTrue();
                assertThat(f.get("cost_per_million_usd").asDouble()).as(router).isPositive();
                assertThat(f.get("slo_violations").isInt()).as(router).isTrue();
                assertThat(f.get("accuracy").asDouble()).as(router).isBetween(0.0, 1.0);
            }
        }
        // round 2 is decided by the retrained model, picked up by the running stack
        assertThat(result.get("rounds").get(1).get("learning").get("model_version").asText())
                .isNotEqualTo(result.get("rounds").get(0).get("learning").get("model_version").asText());
        assertThat(run.err()).contains("round 1").contains("retraining");
        assertThat(Files.readString(dir.resolve("report.md"))).contains("| 2 | learning |").contains("regret.png");
        assertThat(Files.size(dir.resolve("regret.png"))).isPositive();
        assertThat(Files.readAllLines(dir.resolve("outcomes.jsonl"))).hasSize(300)
                .allSatisfy(line -> assertThat(line).contains("\"source\":\"simulator\""));
    }
}
