package io.hybridrouter.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hybridrouter.classifier.ModelMetadata;
import io.hybridrouter.classifier.OptionScaling;
import io.hybridrouter.classifier.RoutingModel;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.WorkloadType;
import io.hybridrouter.shared.cost.FargateSize;
import io.hybridrouter.shared.cost.Prices;
import io.hybridrouter.shared.cost.Sizing;
import io.hybridrouter.shared.option.Arch;
import io.hybridrouter.shared.option.Capacity;
import io.hybridrouter.shared.option.RunOption;
import io.hybridrouter.shared.option.RunOptions;
import io.hybridrouter.training.data.OutcomeRecord;
import io.hybridrouter.training.sim.CostModel;
import io.hybridrouter.training.sim.Draws;
import io.hybridrouter.training.sim.JobGenerator;
import io.hybridrouter.training.sim.PlatformRun;
import io.hybridrouter.training.sim.Simulation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the trainer learns across options: scaling with vCPUs, Spot interruptions, memory need. */
class ScalingFitTest {

    private static final RoutingModel PRIOR = io.hybridrouter.classifier.ModelArtefacts.loadBundled();
    private static final RunOption ONE = RunOption.fargate(new FargateSize(1, 8192),
            Capacity.ON_DEMAND);
    private static final RunOption TWO = RunOption.fargate(new FargateSize(2, 16384),
            Capacity.ON_DEMAND);
    private static final RunOption FOUR = RunOption.fargate(new FargateSize(4, 30720),
            Capacity.ON_DEMAND);

    /** A job's ECS run on {@code option} as a record. */
    private static OutcomeRecord record(CostModel world, Job job, RunOption option, long seed) {
        Draws draws = Draws.forJob(seed, job.jobId());
        PlatformRun run = world.simulate(job, option, draws);
        return new OutcomeRecord(job, Platform.ECS, run.ok(), run.failure(), run.durationMs(), run.startupMs(),
                run.memoryMb(), run.vcpu(), run.costUsd(), Sizing.sloMs(job), run.ok(), OutcomeRecord.SIMULATOR, null,
                null)
                .withRun(option.id(), option.arch(), option.capacity(), run.interruptions(), 1,
                        run.maxMemoryUsedMb());
    }

    @Test
    void scalingLearnedFromRunsAtOneAndFourVcpusPredictsTwo() {
        CostModel world = new CostModel();
        List<Job> jobs = new JobGenerator().generate(6_000, 21).stream()
                .filter(j -> j.workload() == WorkloadType.VIDEO_TRANSCODING || j.workload() == WorkloadType.DATA_ETL
                        || j.workload() == WorkloadType.BATCH_REPORT)
                .filter(j -> j.memoryMb() == null).toList();
        List<OutcomeRecord> records = new ArrayList<>();
        for (Job job : jobs) {
            records.add(record(world, job, ONE, 21));
            records.add(record(world, job, FOUR, 21));
        }
        RoutingModel model = new Trainer(Clock.systemUTC(), line -> { }, Prices.defaults(), () -> PRIOR)
                .train(records, 21, ModelMetadata.OUTCOMES);
        // held-out jobs at 2 vCPUs: the median of measured / predicted-median work is about 1 per type
        List<Job> unseen = new JobGenerator().generate(3_000, 22).stream()
                .filter(j -> j.memoryMb() == null).toList();
        for (WorkloadType type : List.of(WorkloadType.VIDEO_TRANSCODING, WorkloadType.BATCH_REPORT)) {
            List<Double> ratios = new ArrayList<>();
            for (Job job : unseen) {
                if (job.workload() != type) {
                    continue;
                }
                OutcomeRecord r = record(world, job, TWO, 22);
                if (!r.ok()) {
                    continue;
                }
                double[] q = model.durationQuantilesMs(job, model.example(job), TWO);
                ratios.add(Math.log(r.durationMs() / q[q.length / 2]));
            }
            double median = ratios.stream().sorted().toList().get(ratios.size() / 2);
            assertThat(median).as(type + ": ln(measured / predicted) at 2 vCPUs").isCloseTo(0, within(0.15));
        }
        // and the learned serial shares are ordered as the work is: transcoding spreads, a report does not
        OptionScaling s = model.scaling();
        assertThat(s.of(WorkloadType.VIDEO_TRANSCODING).serialShare())
                .isLessThan(s.of(WorkloadType.BATCH_REPORT).serialShare());
    }

    @Test
    void theSpotInterruptionRateLearnedFromOutcomesMovesFromThePriorTowardTheTruth() {
        double truth = 2.0;
        CostModel world = new CostModel().withSpotInterruptions(truth);
        RunOption spot = RunOption.fargate(new FargateSize(1, 8192), Capacity.SPOT);
        List<OutcomeRecord> records = new ArrayList<>();
        for (Job job : new JobGenerator().generate(2_000, 31)) {
            records.add(record(world, job, spot, 31));
        }
        double prior = 0.05;
        RoutingModel model = new Trainer(Clock.systemUTC(), line -> { }, Prices.defaults(), () -> PRIOR)
                .withSpotPrior(prior).train(records, 31, ModelMetadata.OUTCOMES);
        OptionScaling.Spot learned = model.scaling().spot();
        assertThat(learned.interruptions()).isPositive();
        assertThat(learned.priorPerHour()).isEqualTo(prior);
        assertThat(Math.abs(learned.interruptionsPerHour() - truth)).isLessThan(Math.abs(prior - truth) / 2);
    }

    @Test
    void simulatedRecordsCarryTheSizedPairAndOneMoreOptionPerPlatformDrawnFromTheJobId() {
        Job job = new JobGenerator().generate(1, 3).get(0);
        Simulation s = new CostModel().simulate(job, 3);
        List<OutcomeRecord> records = OutcomeRecord.fromSimulation(s);
        assertThat(records).hasSize(4);
        assertThat(records.get(0).option()).isEqualTo(RunOptions.sized(job, Platform.LAMBDA).id());
        assertThat(records.get(1).option()).isEqualTo(RunOptions.sized(job, Platform.ECS).id());
        assertThat(records.get(2).platform()).isEqualTo(Platform.LAMBDA);
        assertThat(records.get(3).platform()).isEqualTo(Platform.ECS);
        assertThat(records.get(3).maxMemoryUsedMb()).isPositive();
        assertThat(OutcomeRecord.fromSimulation(s)).isEqualTo(records);
        assertThat(records.get(2).archOrDefault()).isIn(Arch.X86_64, Arch.ARM64);
    }
}
