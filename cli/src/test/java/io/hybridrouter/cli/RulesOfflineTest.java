package io.hybridrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.localstack.rules.Matcher;
import io.hybridrouter.shared.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

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
        assertThat(r.get("decision").get("job_ref").asText()).isEqualTo("s3://hybrid-router-claims/jobs/big-1.json");
        assertThat(r.get("event").get("detail-type").asText()).isEqualTo("RoutingDecision");
        JsonNode ecs = null;
        for (JsonNode rule : r.get("rules")) {
            if (rule.get("name").asText().equals("hybrid-router-ecs-decisions")) {
                ecs = rule.get("targets").get(0);
            }
        }
        assertThat(ecs).isNotNull();
        assertThat(ecs.get("overrides_fit").asBoolean()).isTrue();
        assertThat(ecs.get("input").get("containerOverrides").get(0).get("environment").get(2).get("value").asText())
                .isEqualTo("s3://hybrid-router-claims/jobs/big-1.json");

        CliRun text = CliRun.of("rules", "explain", "--offline", "{\"workload_type\":\"lightweight_api\","
                + "\"payload_size_kb\":1,\"time_window\":\"night\",\"load_pattern\":\"low_load\"}");
        assertThat(text.out()).startsWith("decision: lambda").contains("rule hybrid-router-lambda-decisions");
    }

    @Test
    void malformedEventsAndJobsGetOneLineWithThePosition() {
        CliRun bad = CliRun.of("rules", "test", "--offline", "--event", "{\"source\": [}");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).startsWith("error: malformed event JSON").contains("line 1, column");
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
}
