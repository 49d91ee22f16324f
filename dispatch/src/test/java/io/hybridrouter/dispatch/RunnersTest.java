package io.hybridrouter.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.dispatch.runner.Runners;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.TimeWindow;
import io.hybridrouter.shared.WorkloadType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class RunnersTest {

    private final Runners runners = Runners.discover();

    private static Job job(String type, double kb) {
        return new Job("job-" + type, type, kb, TimeWindow.NIGHT, LoadPattern.LOW_LOAD, null, null, null, null);
    }

    @ParameterizedTest
    @EnumSource(WorkloadType.class)
    void everyTypeHasARunnerWhoseResultIsDeterministic(WorkloadType type) throws Exception {
        WorkloadRunner runner = runners.forType(type.wireName());
        assertThat(runner.workloadType()).isEqualTo(type.wireName());
        JsonNode a = runner.run(job(type.wireName(), 300));
        JsonNode b = runner.run(job(type.wireName(), 300));
        assertThat(a).isEqualTo(b).isNotEmpty();
    }

    @Test
    void workGrowsWithThePayloadUpToACap() throws Exception {
        assertThat(runners.forType("data_etl").run(job("data_etl", 1)).get("rows").asInt()).isEqualTo(10);
        assertThat(runners.forType("data_etl").run(job("data_etl", 100)).get("rows").asInt()).isEqualTo(1_000);
        assertThat(runners.forType("data_etl").run(job("data_etl", 1e9)).get("rows").asInt()).isEqualTo(100_000);
        assertThat(runners.forType("video_transcoding").run(job("video_transcoding", 2_560)).get("frames").asInt())
                .isEqualTo(10);
        assertThat(runners.forType("batch_report").run(job("batch_report", 10)).get("records").asInt()).isEqualTo(200);
        assertThat(runners.forType("thumbnail_processing").run(job("thumbnail_processing", 1e7))
                .get("source_px").asInt()).isEqualTo(1024);
    }

    @Test
    void unknownTypesRunOnTheGenericRunnerAndPluggedRunnersAreFound() throws Exception {
        assertThat(runners.forType("geo_tiling").workloadType()).isEqualTo("other");
        assertThat(runners.forType("geo_tiling").run(job("geo_tiling", 1)).get("workload_type").asText())
                .isEqualTo("geo_tiling");
        assertThat(runners.forType("pdf_render")).isInstanceOf(PluggedRunner.class);
        assertThat(runners.forType("pdf_render").run(job("pdf_render", 250)).get("pages").asInt()).isEqualTo(3);
    }
}
