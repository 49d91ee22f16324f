package io.hybridrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.dispatch.inspect.Matcher;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.claim.EcsOverrides;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The offline rule commands: no AWS call, the declared rules and event-ruler. */
class RulesOfflineTest {

    @Test
    void testMatchesTheDeclaredRulesForAnEventWithoutItsEnvelope() {
        CliRun run = CliRun.of("rules", "test", "--offline", "--json", "--bus", "prod-router", "--event",
                "{\"source\":\"hybrid.router\",\"detail-type\":\"RoutingDecision\",\"detail\":{\"platform\":\"lambda\"}}");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode r = Json.read(run.out());
        assertThat(r.get("mode").asText()).isEqualTo("offline");
        assertThat(r.get("matched")).extracting(JsonNode::asText)
                .containsExactly("prod-router-audit", "prod-router-lambda-decisions");
    }

    @Test
    void explainShowsTheDecisionTheEventAndWhatTheEcsTargetReceives() {
        CliRun run = CliRun.of("rules", "explain", "--offline", "--json", "{\"job_id\":\"big-1\","
                + "\"workload_type\":\"data_etl\",\"payload_size_kb\":9000000,\"time_window\":\"night\","
                + "\"load_pattern\":\"low_load\",\"payload\":{\"blob\":\"" + "x".repeat(9_000) + "\"}}");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode r = Json.read(run.out());
        assertThat(r.get("decision").get("platform").asText()).isEqualTo("ecs");
        assertThat(r.get("decision").get("job_ref").asText())
                .matches("s3://hybrid-router-claims/jobs/big-1\\.[0-9a-f]{64}\\.json");
        assertThat(r.get("event").get("detail-type").asText()).isEqualTo("RoutingDecision");
        JsonNode ecs = null;
        for (JsonNode rule : r.get("rules")) {
            if (rule.get("name").asText().equals("hybrid-router-option-" + r.get("decision").get("option").asText())) {
                ecs = rule.get("targets").get(0);
            }
        }
        assertThat(ecs).isNotNull();
        assertThat(ecs.get("overrides_fit").asBoolean()).isTrue();
        assertThat(ecs.get("option").asText()).isEqualTo(r.get("decision").get("option").asText());
        assertThat(ecs.get("task_memory_mb").isTextual()).isTrue();
        assertThat(EcsOverrides.parse(Json.write(ecs.get("input")))).containsEntry(EcsOverrides.ENV_JOB,
                r.get("decision").get("job_ref").asText());

        CliRun text = CliRun.of("rules", "explain", "--offline", "{\"workload_type\":\"lightweight_api\","
                + "\"payload_size_kb\":1,\"time_window\":\"night\",\"load_pattern\":\"low_load\"}");
        assertThat(text.out()).startsWith("decision: lambda as option lambda-")
                .contains("rule hybrid-router-option-lambda-");
    }

    @Test
    void explainTextReachesAStreamThatFlushesOnlyOnNewLineCalls() {
        // as the launcher's stdout is: picocli's PrintWriter flushes on println, not on print
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        CommandLine cli = RouterCli.commandLine();
        cli.setOut(new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        int code = cli.execute("rules", "explain", "--offline", "{\"workload_type\":\"lightweight_api\","
                + "\"payload_size_kb\":1,\"time_window\":\"night\",\"load_pattern\":\"low_load\"}");
        assertThat(code).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).startsWith("decision: lambda")
                .contains("rule hybrid-router-option-lambda-");
    }

    @Test
    void malformedEventsAndJobsGetOneLineWithThePosition() {
        CliRun bad = CliRun.of("rules", "test", "--offline", "--event", "{\"source\": [}");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).isEqualTo("error: malformed event JSON: Unexpected close marker '}': expected ']' (line 1,"
                + " column 13)" + System.lineSeparator());
        CliRun trailing = CliRun.of("rules", "test", "--offline", "--event", "{\"source\": \"x\"} {");
        assertThat(trailing.err()).doesNotContain("`").doesNotContain("bound as").doesNotContain("Source:")
                .hasLineCount(1);
        CliRun invalid = CliRun.of("rules", "explain", "--offline", "{\"workload_type\":\"x\"}");
        assertThat(invalid.exitCode()).isEqualTo(1);
        assertThat(invalid.err()).contains("invalid job: payload_size_kb: is required");
        CliRun notObject = CliRun.of("rules", "test", "--offline", "--event", "[1]");
        assertThat(notObject.err()).contains("the event must be a JSON object");
    }

    @Test
    void anInvalidPatternIsNamed() {
        Map<String, String> patterns = new LinkedHashMap<>();
        patterns.put("broken-rule", "{\"source\": \"not-an-array\"}");
        Assertions.assertThatThrownBy(() -> Matcher.withRuler(patterns, "{\"source\":\"x\"}"))
                .hasMessageStartingWith("rule broken-rule has an invalid event pattern");
    }

    private static String deepJob(int payloadDepth) {
        return "{\"job_id\":\"deep\",\"workload_type\":\"lightweight_api\",\"payload_size_kb\":1,"
                + "\"time_window\":\"night\",\"load_pattern\":\"low_load\",\"payload\":"
                + "[".repeat(payloadDepth) + "]".repeat(payloadDepth) + "}";
    }

    @Test
    void explainAnswersForAJobNestedAsDeepAsAllowedAndRefusesOneNestedDeeper() {
        CliRun ok = CliRun.of("rules", "explain", "--offline", "--json", deepJob(992));
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(Json.read(ok.out()).get("rules")).isNotEmpty();

        CliRun deeper = CliRun.of("rules", "explain", "--offline", "--json", deepJob(993));
        assertThat(deeper.exitCode()).isEqualTo(1);
        assertThat(deeper.err()).isEqualTo("error: invalid job: payload: nests 993 levels; at most 992"
                + System.lineSeparator());
    }
}
