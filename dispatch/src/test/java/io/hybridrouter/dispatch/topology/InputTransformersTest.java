package io.hybridrouter.dispatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.claim.EcsOverrides;
import io.hybridrouter.shared.claim.JobCarrier;
import io.hybridrouter.shared.option.RunOption;
import io.hybridrouter.shared.option.RunOptions;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputTransformersTest {

    @Test
    void rendersEachEcsOptionsOverridesExactlyAsTheClassifierMeasuresThem() {
        String job = JobCarrier.inline("{\"job_id\":\"j-1\",\"workload_type\":\"data_etl\"}");
        for (RunOption o : RunOptions.declared().of(Platform.ECS)) {
            JsonNode event = EventEnvelope.of("hybrid.router", "RoutingDecision",
                    "{\"job_id\":\"j-1\",\"platform\":\"ecs\",\"option\":\"" + o.id() + "\",\"attempt\":2,"
                            + "\"model_version\":\"cart-1\",\"decided_at\":\"2026-11-26T10:00:00Z\",\"propensity\":0.98,"
                            + "\"ecs_job\":\"" + job + "\"}",
                    "123456789012", "us-east-1", Instant.parse("2026-11-26T10:00:00Z"));
            RoutingTopology.InputTransformer t = RoutingTopology.rule(o).targets().get(0).input().orElseThrow();

            String rendered = InputTransformers.render(t, event);

            assertThat(rendered).as(o.id()).isEqualTo(EcsOverrides.render("j-1", "cart-1", "2026-11-26T10:00:00Z",
                    0.98, job, o, 2));
            assertThat(Json.read(rendered).get("containerOverrides").get(0).get("name").asText()).isEqualTo("worker");
        }
    }

    @Test
    void leavesPlaceholdersOfMissingPathsAndInsertsNonStringsAsJson() {
        JsonNode event = Json.read("{\"detail\":{\"n\":3,\"o\":{\"a\":true}}}");
        RoutingTopology.InputTransformer t = new RoutingTopology.InputTransformer(
                Map.of("n", "$.detail.n", "o", "$.detail.o", "gone", "$.detail.nope"), "<n>|<o>|<gone>");
        assertThat(InputTransformers.render(t, event)).isEqualTo("3|{\"a\":true}|<gone>");
    }
}
