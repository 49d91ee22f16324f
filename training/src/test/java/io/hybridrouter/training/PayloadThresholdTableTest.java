package io.hybridrouter.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.classifier.ModelMetadata;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.TimeWindow;
import io.hybridrouter.shared.WorkloadType;
import io.hybridrouter.training.sim.CostModel;
import io.hybridrouter.training.sim.JobGenerator;
import io.hybridrouter.training.sim.PlatformRun;
import io.hybridrouter.training.sim.Simulation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadThresholdTableTest {

    private static Simulation etl(String id, double payloadKb, double lambdaUsd, double lambdaMs, double ecsUsd,
            double ecsMs) {
        Job job = Job.of(id, WorkloadType.DATA_ETL, payloadKb, TimeWindow.NIGHT, LoadPattern.LOW_LOAD);
        PlatformRun lambda = new PlatformRun(Platform.LAMBDA, true, null, lambdaMs, lambdaUsd, 1, 1, 1024);
        PlatformRun ecs = new PlatformRun(Platform.ECS, true, null, ecsMs, ecsUsd, 1, 1, 2048);
        return new Simulation(job, lambda, ecs, 1_000, Platform.LAMBDA);
    }

    @Test
    void splitsAtTheCheapestPointBetweenTwoPayloads() {
        // small jobs are cheaper on Lambda, large ones on ECS, all meet the objective either way
        List<Simulation> training = List.of(etl("a", 100, 1, 10, 5, 10), etl("b", 200, 2, 10, 5, 10),
                etl("c", 300, 9, 10, 5, 10), etl("d", 400, 12, 10, 5, 10));

        PayloadThresholdTable table = PayloadThresholdTable.fit(training);

        assertThat(table.thresholdsKb().get("data_etl")).isEqualTo(250.0);
        assertThat(table.choose(training.get(1).job())).isEqualTo(Platform.LAMBDA);
        assertThat(table.choose(training.get(2).job())).isEqualTo(Platform.ECS);
        assertThat(table.thresholdsKb().get("lightweight_api")).isNull();
    }

    @Test
    void neverBuysCostWithMoreSloViolationsThanLambdaUnlessLimit() {
        // ECS is cheaper for the large jobs but misses the objective there; Lambda meets it
        List<Simulation> training = List.of(etl("a", 100, 1, 10, 5, 10), etl("b", 200, 9, 10, 5, 5_000),
                etl("c", 300, 9, 10, 5, 5_000));

        PayloadThresholdTable table = PayloadThresholdTable.fit(training);

        assertThat(table.thresholdsKb().get("data_etl")).isNull();
        assertThat(table.choose(training.get(2).job())).isEqualTo(Platform.LAMBDA);
    }

    @Test
    void aHardLimitSendsTheJobToEcsWhateverItsThreshold() {
        PayloadThresholdTable table = new PayloadThresholdTable(Map.of());
        Job big = Job.of("m", WorkloadType.LIGHTWEIGHT_API, 10, TimeWindow.NIGHT, LoadPattern.LOW_LOAD)
                .withHints(null, 20_000);

        assertThat(table.choose(big)).isEqualTo(Platform.ECS);
        assertThat(table.choose(big.withHints(null, null))).isEqualTo(Platform.LAMBDA);
    }

    @Test
    void forAModelItIsFittedOnThatModelsOwnTrainingJobs() {
        ModelMetadata m = ModelArtefacts.loadBundled().metadata();
        CostModel cost = new CostModel();
        List<Simulation> jobs = new JobGenerator().generate(20_000, 42).stream().map(j -> cost.simulate(j, 42)).toList();

        assertThat(PayloadThresholdTable.fitForModel(m).thresholdsKb())
                .isEqualTo(PayloadThresholdTable.fit(jobs).thresholdsKb());
    }
}
