package io.hybridrouter.training.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.TimeWindow;
import io.hybridrouter.shared.WorkloadType;
import io.hybridrouter.shared.cost.FargateSize;
import io.hybridrouter.shared.cost.Prices;
import io.hybridrouter.shared.option.Arch;
import io.hybridrouter.shared.option.Capacity;
import io.hybridrouter.shared.option.RunOption;
import io.hybridrouter.shared.option.RunOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostModelOptionsTest {

    private static final Prices PRICES = Prices.defaults();

    private static Job job(WorkloadType type, double kb) {
        return Job.of("j-" + type + kb, type, kb, TimeWindow.MIDDAY, LoadPattern.STEADY_HIGH_LOAD);
    }

    /** Nominal draws with a chosen peak-memory share and Spot rolls. */
    private static Draws draws(double memoryShare, double spotRoll1, double spotRoll2) {
        Draws n = Draws.nominal();
        return new Draws(1, 1, 1, 1, 1, 0, n.fargateStartS(), 0.5, memoryShare, spotRoll1, spotRoll2, 50);
    }

    @Test
    void theSizedPairIsSimulatedAsBeforeAndEveryOfferedOptionBesideIt() {
        CostModel model = new CostModel();
        Simulation s = model.simulate(job(WorkloadType.DATA_ETL, 50_000), 7);
        assertThat(s.options()).containsOnlyKeys(RunOptions.declared().offered(PRICES).stream().map(RunOption::id)
                .toArray(String[]::new));
        Simulation pairOnly = new CostModel(PRICES, Drift.NONE, List.of(), 0).simulate(s.job(), 7);
        assertThat(pairOnly.lambda()).isEqualTo(s.lambda());
        assertThat(pairOnly.ecs()).isEqualTo(s.ecs());
        assertThat(pairOnly.options()).isEmpty();
    }

    @Test
    void moreVcpusShortenTheParallelPartAndArmScalesComputeByTheTypesFactor() {
        CostModel model = new CostModel(PRICES, Drift.NONE, List.of(), 0);
        Job transcode = job(WorkloadType.VIDEO_TRANSCODING, 100_000);
        Draws d = draws(0.6, 1, 1);
        PlatformRun one = model.simulate(transcode, RunOption.fargate(new FargateSize(1, 8192), Capacity.ON_DEMAND), d);
        PlatformRun four = model.simulate(transcode, RunOption.fargate(new FargateSize(4, 8192), Capacity.ON_DEMAND), d);
        PlatformRun arm = model.simulate(transcode,
                RunOption.fargate(new FargateSize(4, 8192), Arch.ARM64, Capacity.ON_DEMAND), d);
        WorkloadProfile p = WorkloadProfile.of(WorkloadType.VIDEO_TRANSCODING);
        double mb = 100_000 / 1024.0;
        double compute = p.nominalComputeSeconds(mb);
        assertThat(one.neededMs()).isCloseTo(p.runSeconds(mb, compute, 1) * 1000, offset(1e-6));
        assertThat(four.neededMs()).isCloseTo(p.runSeconds(mb, compute, 4) * 1000, offset(1e-6));
        assertThat(arm.neededMs()).isCloseTo(p.runSeconds(mb, compute * p.armTimeFactor(), 4) * 1000, offset(1e-6));
        assertThat(arm.costUsd()).isLessThan(four.costUsd() * p.armTimeFactor());
    }

    @Test
    void tooLittleMemorySlowsARunAndLessThanHalfTheNeedKillsItHalfway() {
        CostModel model = new CostModel(PRICES, Drift.NONE, List.of(), 0);
        Job inference = job(WorkloadType.ML_INFERENCE, 100); // sized at 3,008 MB on Lambda
        Draws d = draws(1.0, 1, 1); // needs all 3,008 MB
        PlatformRun enough = model.simulate(inference, RunOption.lambda(Arch.X86_64, 3008), d);
        PlatformRun short1769 = model.simulate(inference, RunOption.lambda(Arch.X86_64, 1769), d);
        PlatformRun tiny = model.simulate(inference, RunOption.lambda(Arch.X86_64, 512), d);
        assertThat(enough.ok()).isTrue();
        assertThat(enough.maxMemoryUsedMb()).isEqualTo(3008);
        assertThat(short1769.ok()).isTrue();
        assertThat(short1769.maxMemoryUsedMb()).isEqualTo(1769);
        WorkloadProfile p = WorkloadProfile.of(WorkloadType.ML_INFERENCE);
        double at1769 = p.runSeconds(100 / 1024.0, p.nominalComputeSeconds(100 / 1024.0), 1.0) * 1000;
        assertThat(short1769.neededMs()).isCloseTo(at1769 * 3008 / 1769.0, offset(1e-6));
        assertThat(tiny.ok()).isFalse();
        assertThat(tiny.failure()).isEqualTo("memory");
    }

    @Test
    void aSpotTaskInterruptedTwiceIsReRunOnSpotThenOnDemandAndEveryAttemptIsBilledAndTimed() {
        Job report = job(WorkloadType.BATCH_REPORT, 500_000);
        RunOption spot = RunOption.fargate(new FargateSize(1, 2048), Capacity.SPOT);
        CostModel never = new CostModel(PRICES, Drift.NONE, List.of(), 0);
        // at one interruption per task-hour, a roll of 0.99 interrupts after ~36 s, one of 0.999 after ~3.6 s
        CostModel often = new CostModel(PRICES, Drift.NONE, List.of(), 1.0);
        PlatformRun clean = never.simulate(report, spot, draws(0.6, 0.99, 0.999));
        PlatformRun twice = often.simulate(report, spot, draws(0.6, 0.99, 0.999));
        PlatformRun once = often.simulate(report, spot, draws(0.6, 0.99, 1e-9));
        assertThat(clean.interruptions()).isZero();
        assertThat(twice.interruptions()).isEqualTo(2);
        assertThat(once.interruptions()).isEqualTo(1);
        double firstS = -Math.log(0.99) * 3600;
        double secondS = -Math.log(0.999) * 3600;
        // the third attempt runs whole, on on-demand capacity, after the two cut-short ones
        double onDemandS = 50 + clean.neededMs() / 1000;
        assertThat(twice.latencyMs() / 1000).isCloseTo(firstS + secondS + onDemandS, offset(1e-6));
        double spotHour = spot.fargateUsdPerHour(PRICES);
        double odHour = spot.onDemand().fargateUsdPerHour(PRICES);
        double expected = spotHour * 60 / 3600 + spotHour * 60 / 3600
                + odHour * PRICES.fargateBilledSeconds(onDemandS - 25) / 3600;
        assertThat(twice.costUsd()).isCloseTo(expected, offset(1e-9));
        assertThat(once.costUsd()).isGreaterThan(clean.costUsd());
        assertThat(twice.ok()).isTrue();
    }

    @Test
    void theOptionOracleTakesTheCheapestThatMeetsTheObjectiveElseTheCheapestThatCompletes() {
        Job job = job(WorkloadType.DATA_ETL, 1_000);
        PlatformRun pair = new PlatformRun(io.hybridrouter.shared.Platform.ECS, true, null, 1, 1, 1, 1, 2048);
        PlatformRun cheapLate = new PlatformRun(io.hybridrouter.shared.Platform.ECS, true, null, 5_000, 0.01, 1, 1, 2048);
        PlatformRun dearOnTime = new PlatformRun(io.hybridrouter.shared.Platform.ECS, true, null, 500, 0.05, 1, 1, 2048);
        PlatformRun dearerLate = new PlatformRun(io.hybridrouter.shared.Platform.ECS, true, null, 4_000, 0.09, 1, 1, 2048);
        PlatformRun failed = new PlatformRun(io.hybridrouter.shared.Platform.LAMBDA, false, "memory", 10, 0.001, 1, 1, 512);
        Simulation s = new Simulation(job, pair, pair, 1_000, io.hybridrouter.shared.Platform.ECS,
                java.util.Map.of("a", cheapLate, "b", dearOnTime, "c", dearerLate, "d", failed));
        assertThat(s.optionLabel()).hasValue("b");
        Simulation allLate = new Simulation(job, pair, pair, 100, io.hybridrouter.shared.Platform.ECS,
                java.util.Map.of("a", cheapLate, "b", dearOnTime, "c", dearerLate, "d", failed));
        assertThat(allLate.optionLabel()).hasValue("a");
    }
}
