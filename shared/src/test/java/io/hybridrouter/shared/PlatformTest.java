package io.hybridrouter.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlatformTest {

    @Test
    void parsesWireNamesCaseInsensitively() {
        assertThat(Platform.fromWire(" ECS ")).contains(Platform.ECS);
        assertThat(Platform.fromWire("lambda")).contains(Platform.LAMBDA);
        assertThat(Platform.fromWire("fargate")).isEmpty();
        assertThat(Platform.fromWire(null)).isEmpty();
        assertThat(Platform.LAMBDA.other()).isEqualTo(Platform.ECS);
    }

    @Test
    void decisionSerialisesWithSnakeCaseFields() {
        Job job = Job.of("j1", WorkloadType.DATA_ETL, 10, TimeWindow.NIGHT, LoadPattern.LOW_LOAD);
        RoutingDecision d = new RoutingDecision("j1", Platform.ECS, 0.9, new RoutingDecision.Scores(0.1, 0.9),
                DecisionReason.LOW_CONFIDENCE, "cart-1", "2026-11-26T00:00:00Z", job);
        String json = Json.write(d);
        assertThat(json).isEqualTo("{\"job_id\":\"j1\",\"platform\":\"ecs\",\"confidence\":0.9,"
                + "\"scores\":{\"lambda\":0.1,\"ecs\":0.9},\"reason\":\"fallback:low-confidence\","
                + "\"model_version\":\"cart-1\",\"decided_at\":\"2026-11-26T00:00:00Z\",\"job\":{\"job_id\":\"j1\","
                + "\"workload_type\":\"data_etl\",\"payload_size_kb\":10.0,\"time_window\":\"night\","
                + "\"load_pattern\":\"low_load\"}}");
        assertThat(Json.MAPPER.convertValue(Json.read(json), RoutingDecision.class)).isEqualTo(d);
    }
}
