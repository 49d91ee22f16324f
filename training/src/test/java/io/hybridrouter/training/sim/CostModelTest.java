package io.hybridrouter.training.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.TimeWindow;
import io.hybridrouter.shared.WorkloadType;
import io.hybridrouter.shared.cost.Prices;
import org.junit.jupiter.api.Test;

/** Hand-computed cases; the arithmetic is in the comments so a reader can check it. */
class CostModelTest {

    private static final Prices PRICES = Prices.defaults();

    private final CostModel model = new CostModel();

    @Test
    void pricesA50msApiCallAt512MbPerMillisecond() {
        // request 0.20/1M + 0.5 GB * 0.050 s * 0.0000166667
        assertThat(PRICES.lambdaCostUsd(512, 50)).isCloseTo(2e-7 + 4.166675e-7, within(1e-13));
        // the same call on the smallest Fargate task pays the one-minute minimum:
        // (0.25 * 0.04048 + 0.5 * 0.004445) * 60 / 3600
        assertThat(PRICES.fargateCostUsd(0.25, 512, PRICES.fargateBilledSeconds(0.05)))
                .isCloseTo(0.0123425 / 60, within(1e-12));
    }

    @Test
    void simulatesSmallApiCallOnBothPlatforms() {
        Job job = Job.of("api-1", WorkloadType.LIGHTWEIGHT_API, 1, TimeWindow.MIDDAY, LoadPattern.STEADY_HIGH_LOAD);
        Simulation s = model.simulate(job, Draws.nominal());
        // io 0.02 + (1/1024)/80 = 0.0200122 s; compute 0.01 + 0.2/1024 = 0.0101953 s on 1 vCPU;
        // 512 MB = 0.28943 vCPU, single-threaded: 0.0200122 + 0.0101953 / 0.28943 = 0.055237 s
        assertThat(s.lambda().latencyMs()).isCloseTo(55.237, within(0.01));
        assertThat(s.lambda().billedMs()).isEqualTo(56);
        assertThat(s.lambda().costUsd()).isCloseTo(2e-7 + 0.5 * 0.056 * 0.0000166667, within(1e-13));
        // Fargate: 40 s start, 0.0200122 + 0.0101953 / 0.25 = 0.060793 s run, billed the 60 s minimum
        assertThat(s.ecs().latencyMs()).isCloseTo(40_060.79, within(0.01));
        assertThat(s.ecs().billedMs()).isEqualTo(60_000);
        // Fargate misses the 3 s objective, Lambda meets it and is cheaper
        assertThat(s.label()).isEqualTo(Platform.LAMBDA);
    }

    @Test
    void fortyMinuteTranscodeTimesOutOnLambdaAndRunsOnFargate() {
        Job job = Job.of("video-1", WorkloadType.VIDEO_TRANSCODING, 1_048_576, TimeWindow.NIGHT,
                LoadPattern.LOW_LOAD).withHints(2400.0, null);
        Simulation s = model.simulate(job, Draws.nominal());
        // io 0.2 + 1024/80 = 13 s, so compute = 2400 - 13 = 2387 s on one vCPU.
        // Lambda 4096 MB = 2.31543 vCPU: 13 + 2387 * (0.1 + 0.9 / 2.31543) = 1179.5 s > 900 s: timeout
        assertThat(s.lambda().ok()).isFalse();
        assertThat(s.lambda().failure()).isEqualTo("timeout");
        assertThat(s.lambda().billedMs()).isEqualTo(900_000);
        assertThat(s.lambda().costUsd()).isCloseTo(2e-7 + 4 * 900 * 0.0000166667, within(1e-12));
        // Fargate 4 vCPU / 8 GB: 13 + 2387 * (0.1 + 0.9 / 4) = 788.775 s; billed ceil(20 + 788.775) = 809 s
        assertThat(s.ecs().vcpu()).isEqualTo(4);
        assertThat(s.ecs().memoryMb()).isEqualTo(8192);
        assertThat(s.ecs().billedMs()).isEqualTo(809_000);
        assertThat(s.ecs().costUsd()).isCloseTo((4 * 0.04048 + 8 * 0.004445) * 809 / 3600, within(1e-12));
        assertThat(s.ecs().latencyMs()).isCloseTo(828_775, within(0.5));
        assertThat(s.label()).isEqualTo(Platform.ECS);
    }

    @Test
    void labelFlipsAtTheHandComputedCostCrossover() {
        // data_etl: Lambda at 2048 MB vs Fargate 1 vCPU / 2 GB billed the 60 s minimum:
        // Fargate (0.04048 + 2 * 0.004445) / 60 = 0.000822833; Lambda 2e-7 + 2 * d * 0.0000166667
        // equal at d = (0.000822833 - 2e-7) / 0.0000333334 = 24.679 s
        double fargate = PRICES.fargateCostUsd(1, 2048, 60);
        assertThat(fargate).isCloseTo(0.04937 / 60, within(1e-12));
        double crossoverS = (fargate - PRICES.lambdaUsdPerRequest()) / (2 * PRICES.lambdaUsdPerGbSecond());
        assertThat(crossoverS).isCloseTo(24.679, within(0.001));

        double lo = 1;
        double hi = 100;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (etl(mid).label() == Platform.LAMBDA) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Simulation justBelow = etl(lo);
        Simulation justAbove = etl(hi + 0.01);
        assertThat(justBelow.label()).isEqualTo(Platform.LAMBDA);
        assertThat(justAbove.label()).isEqualTo(Platform.ECS);
        assertThat(justBelow.lambda().billedMs() / 1000.0).isCloseTo(crossoverS, within(0.002));
        assertThat(justBelow.ecs().billedMs()).isEqualTo(60_000);
        assertThat(justBelow.lambda().costUsd()).isCloseTo(justBelow.ecs().costUsd(), within(1e-7));
    }

    private Simulation etl(double hintSeconds) {
        Job job = Job.of("etl-1", WorkloadType.DATA_ETL, 1024, TimeWindow.NIGHT, LoadPattern.STEADY_HIGH_LOAD)
                .withHints(hintSeconds, null);
        return model.simulate(job, Draws.nominal());
    }

    @Test
    void jobsOverLambdaLimitsFailThereAndAreBilledUntilTheyFail() {
        Job memory = Job.of("m", WorkloadType.DATA_ETL, 1024, TimeWindow.NIGHT, LoadPattern.LOW_LOAD)
                .withHints(60.0, 16_384);
        Simulation s = model.simulate(memory, Draws.nominal());
        assertThat(s.lambda().failure()).isEqualTo("memory");
        assertThat(s.lambda().memoryMb()).isEqualTo(10_240);
        assertThat(s.ecs().memoryMb()).isEqualTo(16_384);
        assertThat(s.label()).isEqualTo(Platform.ECS);

        Job storage = Job.of("s", WorkloadType.DATA_ETL, 12 * 1024 * 1024, TimeWindow.NIGHT, LoadPattern.LOW_LOAD);
        Simulation t = model.simulate(storage, Draws.nominal());
        assertThat(t.lambda().failure()).isIn("ephemeral-storage", "timeout");
        assertThat(t.label()).isEqualTo(Platform.ECS);
    }

    @Test
    void coldStartsAddLatencyNotCostAndDependOnLoadPattern() {
        Job job = Job.of("api-2", WorkloadType.LIGHTWEIGHT_API, 1, TimeWindow.MIDDAY, LoadPattern.LOW_LOAD);
        Draws warm = Draws.nominal();
        Draws cold = new Draws(1, 1, 1, 1, 0.0, 350, 40, 0.5);
        Simulation w = model.simulate(job, warm);
        Simulation c = model.simulate(job, cold);
        assertThat(c.lambda().latencyMs() - w.lambda().latencyMs()).isCloseTo(350, within(1e-9));
        assertThat(c.lambda().costUsd()).isEqualTo(w.lambda().costUsd());
        assertThat(CostModel.coldStartProbability(LoadPattern.LOW_LOAD))
                .isGreaterThan(CostModel.coldStartProbability(LoadPattern.STEADY_HIGH_LOAD));
    }

    @Test
    void sameJobAndSeedAlwaysCostTheSame() {
        Job job = Job.of("same", WorkloadType.BATCH_REPORT, 5000, TimeWindow.EVENING, LoadPattern.BURST_LOAD);
        assertThat(model.simulate(job, 3)).isEqualTo(model.simulate(job, 3));
        assertThat(model.simulate(job, 3)).isNotEqualTo(model.simulate(job, 4));
    }

    @Test
    void fargateStartTimesStayWithinThePublishedRange() {
        for (int i = 0; i < 2000; i++) {
            Draws d = Draws.forJob(1, "j" + i);
            assertThat(d.fargateStartS()).isBetween(30.0, 90.0);
            assertThat(d.coldStartMs()).isBetween(200.0, 500.0);
        }
    }
}
