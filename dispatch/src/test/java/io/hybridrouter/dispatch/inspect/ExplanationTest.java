package io.hybridrouter.dispatch.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.RoutingDecision;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code rules explain --offline}: the decision's option, what it rejected and why, and what the option's target gets. */
class ExplanationTest {

    private static RoutingDecision decision(String platform, String option) throws Exception {
        return Json.MAPPER.readValue("{\"job_id\":\"x-1\",\"platform\":\"" + platform + "\",\"option\":\"" + option
                + "\",\"attempt\":1,\"confidence\":0.9,\"scores\":{\"lambda\":0.1,\"ecs\":0.9},\"reason\":\"model\","
                + "\"model_version\":\"m-1\",\"decided_at\":\"2026-11-26T10:00:00Z\",\"propensity\":0.98,"
                + "\"rejected_options\":[{\"option\":\"lambda-x86_64-512mb\",\"reason\":\"limit:memory\"},"
                + "{\"option\":\"ecs-x86_64-0.25vcpu-0.5gb\",\"reason\":\"slo:too-dear\"}],"
                + "\"job\":{\"job_id\":\"x-1\",\"workload_type\":\"data_etl\",\"payload_size_kb\":64,"
                + "\"time_window\":\"night\",\"load_pattern\":\"low_load\"},\"ecs_job\":\"{}\"}", RoutingDecision.class);
    }

    @Test
    void explainsAnEcsSpotDecisionWithItsRejectedOptionsTaskSizeAndCapacityProvider() throws Exception {
        JsonNode r = Explanation.offline("hr", decision("ecs", "ecs-arm64-2vcpu-4gb-spot"), Instant.EPOCH);
        assertThat(r.get("rules")).extracting(n -> n.get("name").asText())
                .containsExactly("hr-option-ecs-arm64-2vcpu-4gb-spot", "hr-audit");
        JsonNode worker = r.get("rules").get(0).get("targets").get(0);
        assertThat(worker.get("option").asText()).isEqualTo("ecs-arm64-2vcpu-4gb-spot");
        assertThat(worker.get("capacity_provider").asText()).isEqualTo("FARGATE_SPOT");
        assertThat(worker.get("task_cpu").asText()).isEqualTo("2048");
        assertThat(worker.get("task_memory_mb").asText()).isEqualTo("4096");

        String text = Explanation.text(r);
        assertThat(text).contains("decision: ecs as option ecs-arm64-2vcpu-4gb-spot")
                .contains("rejected options (2):").contains("  lambda-x86_64-512mb: limit:memory")
                .contains("  ecs-x86_64-0.25vcpu-0.5gb: slo:too-dear")
                .contains("rule hr-option-ecs-arm64-2vcpu-4gb-spot")
                .contains("target worker (ecs) runs it as ecs-arm64-2vcpu-4gb-spot")
                .contains("task size 2048 CPU units, 4096 MB (task-level overrides), capacity provider FARGATE_SPOT");
    }

    @Test
    void explainsALambdaArmDecisionWithItsExecutor() throws Exception {
        JsonNode r = Explanation.offline("hr", decision("lambda", "lambda-arm64-1769mb"), Instant.EPOCH);
        JsonNode executor = r.get("rules").get(0).get("targets").get(0);
        assertThat(r.get("rules").get(0).get("name").asText()).isEqualTo("hr-option-lambda-arm64-1769mb");
        assertThat(executor.get("option").asText()).isEqualTo("lambda-arm64-1769mb");
        assertThat(executor.has("capacity_provider")).isFalse();
        assertThat(executor.get("input").get("detail").get("option").asText()).isEqualTo("lambda-arm64-1769mb");
    }
}
