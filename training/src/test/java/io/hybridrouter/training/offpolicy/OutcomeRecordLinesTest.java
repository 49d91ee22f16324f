package io.hybridrouter.training.offpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.training.data.OutcomeRecord;
import io.hybridrouter.training.sim.CostModel;
import io.hybridrouter.training.sim.JobGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Outcome lines read as training records, by the same reader off-policy evaluation uses. */
class OutcomeRecordLinesTest {

    private static final String JOB = "{\"job_id\":\"etl-1\",\"workload_type\":\"data_etl\",\"payload_size_kb\":5000,"
            + "\"time_window\":\"night\",\"load_pattern\":\"low_load\"}";

    private static LoggedOutcomes.Records read(String text) throws IOException {
        return new LoggedOutcomes().readRecords(new BufferedReader(new StringReader(text)), "outcomes.jsonl");
    }

    private static String completed(String measured) {
        return "{\"detail-type\":\"JobCompleted\",\"detail\":{\"job_id\":\"etl-1\",\"platform\":\"ecs\","
                + "\"status\":\"succeeded\",\"model_version\":\"rtree-1\",\"job\":" + JOB + ",\"propensity\":0.97,"
                + "\"measured\":" + measured + "}}";
    }

    @Test
    void aJobCompletedEventWithMeasurementsIsATrainingRecord() throws IOException {
        String measured = "{\"platform\":\"ecs\",\"duration_ms\":61000,\"startup_ms\":41000,\"startup_source\":"
                + "\"simulated\",\"memory_mb\":2048,\"vcpu\":1.0,\"billed_usd\":0.0012,\"slo_ms\":1800000,"
                + "\"slo_met\":true,\"source\":\"embedded\"}";
        String text = completed(measured) + "\n{\"detail-type\":\"RoutingDecision\",\"detail\":{}}\n";

        LoggedOutcomes.Records r = read(text);

        assertThat(r.skipped()).isEqualTo(1);
        assertThat(r.records()).singleElement().satisfies(o -> {
            assertThat(o.job().jobId()).isEqualTo("etl-1");
            assertThat(o.platform()).isEqualTo(Platform.ECS);
            assertThat(o.ok()).isTrue();
            assertThat(o.durationMs()).isEqualTo(61_000);
            assertThat(o.startupMs()).isEqualTo(41_000);
            assertThat(o.latencyMs()).isEqualTo(102_000);
            assertThat(o.memoryMb()).isEqualTo(2048);
            assertThat(o.vcpu()).isEqualTo(1.0);
            assertThat(o.billedUsd()).isEqualTo(0.0012);
            assertThat(o.sloMs()).isEqualTo(1_800_000);
            assertThat(o.source()).isEqualTo("embedded");
            assertThat(o.modelVersion()).isEqualTo("rtree-1");
            assertThat(o.propensity()).isEqualTo(0.97);
        });
    }

    @Test
    void aSimulatedRecordWrittenAsJsonReadsBackAsThePlainLineItIs() throws IOException {
        OutcomeRecord sim = OutcomeRecord.fromSimulation(new CostModel().simulate(
                new JobGenerator().generate(1, 7).get(0), 7)).get(1);

        LoggedOutcomes.Records r = read(Json.write(sim) + "\n");

        assertThat(r.records()).containsExactly(sim);
    }

    @Test
    void anOutcomeWhoseStartupWasNotMeasuredIsCountedAndLeftOut() throws IOException {
        String unknown = completed("{\"platform\":\"ecs\",\"duration_ms\":61000,\"startup_source\":\"unknown: x\","
                + "\"memory_mb\":2048,\"vcpu\":1.0,\"billed_usd\":0.0012,\"slo_met\":true}");
        String known = completed("{\"platform\":\"ecs\",\"duration_ms\":1000,\"startup_ms\":30000,"
                + "\"memory_mb\":2048,\"vcpu\":1.0,\"billed_usd\":0.0007,\"slo_met\":true}");

        LoggedOutcomes.Records r = read(unknown + "\n" + known + "\n");

        assertThat(r.noStartup()).isEqualTo(1);
        assertThat(r.records()).hasSize(1);
    }

    @Test
    void anOutcomeWithoutWhatTrainingNeedsIsRefusedNamingTheLineAndField() {
        String text = completed("{\"platform\":\"ecs\",\"startup_ms\":30000,\"memory_mb\":2048,\"vcpu\":1.0,"
                + "\"billed_usd\":0.0007,\"slo_met\":true}") + "\n";

        assertThatThrownBy(() -> read(text)).isInstanceOfSatisfying(LoggedOutcomes.InvalidLines.class,
                e -> assertThat(e.lines()).containsExactly("line 1: detail.measured.duration_ms: required for "
                        + "training, a finite number >= 0"));
    }
}
