package io.hybridrouter.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hybridrouter.classifier.FeatureExtractor;
import io.hybridrouter.classifier.ModelMetadata;
import io.hybridrouter.classifier.PlatformPredictor;
import io.hybridrouter.classifier.Residuals;
import io.hybridrouter.classifier.RoutingModel;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.cost.Prices;
import io.hybridrouter.shared.option.RunOptions;
import io.hybridrouter.training.data.OutcomeRecord;
import io.hybridrouter.training.sim.CostModel;
import io.hybridrouter.training.sim.JobGenerator;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private static final RoutingModel PRIOR = io.hybridrouter.classifier.ModelArtefacts.loadBundled();
    private final Trainer trainer = new Trainer(Clock.systemUTC(), line -> { }, Prices.defaults(), () -> PRIOR);

    static List<OutcomeRecord> records(int n, long seed) {
        CostModel cost = new CostModel();
        return new JobGenerator().generate(n, seed).stream().map(j -> cost.simulate(j, seed))
                .flatMap(s -> OutcomeRecord.fromSimulation(s).stream()).toList();
    }

    @Test
    void sameRecordsAndSeedGiveTheSameModelAndMetrics() {
        List<OutcomeRecord> rows = records(3_000, 5);
        ModelMetadata a = trainer.train(rows, 5, ModelMetadata.SIMULATOR).metadata();
        ModelMetadata b = trainer.train(rows, 5, ModelMetadata.SIMULATOR).metadata();
        assertThat(a.modelVersion()).isEqualTo(b.modelVersion()).startsWith("rtree-");
        assertThat(a.platforms()).isEqualTo(b.platforms());
        assertThat(a.decisions()).isEqualTo(b.decisions());
        assertThat(a.calibration()).isEqualTo(b.calibration());
        assertThat(a.trainedOn()).isEqualTo("simulator");
        // the sized pair and one more option per platform for each job
        assertThat(a.dataRows()).isEqualTo(12_000);
        assertThat(a.platforms().get("lambda").outcomes()).isEqualTo(6_000);
        assertThat(a.options()).isEqualTo(b.options());
        assertThat(a.platforms().get("ecs").source()).isEqualTo("trained");
    }

    @Test
    void reportsEachPredictorsErrorAndQuantileCoverageOnHeldOutRecords() {
        ModelMetadata m = trainer.train(records(4_000, 8), 8, ModelMetadata.SIMULATOR).metadata();
        for (String platform : List.of("lambda", "ecs")) {
            for (ModelMetadata.TargetReport t : List.of(m.platforms().get(platform).duration(),
                    m.platforms().get(platform).startup())) {
                assertThat(t.testRows()).isGreaterThan(500);
                assertThat(t.maeMs()).isPositive();
                // nominal 0.90 and 0.50, the levels recalibrated on records the trees never saw; Lambda's
                // start-up (an atom at 0 for warm starts) covers a little more
                assertThat(t.coverage90()).as(platform).isBetween(0.85, 0.97);
                assertThat(t.belowP50()).as(platform).isBetween(0.35, 0.75);
            }
        }
        assertThat(m.decisions().accuracyVsOracle()).isGreaterThan(0.95);
        assertThat(m.calibration().brier()).isLessThan(0.05);
    }

    /**
     * The 90% band of every predictor covers 90% of jobs it has never seen (fresh simulator jobs, another
     * seed), within three binomial standard deviations; the median splits them in half the same way. Lambda's
     * start-up has an atom at 0 (warm starts), so its band can only cover at least its nominal share.
     */
    @Test
    void predictorBandsCoverTheirNominalShareOfUnseenJobs() {
        // 6,000 jobs: the work trees' leaves for jobs with and without an estimate are recalibrated apart, each
        // on its own share of the held-out rows (at 4,000 Lambda's pooled coverage measured 0.880)
        RoutingModel model = trainer.train(records(6_000, 8), 8, ModelMetadata.SIMULATOR);
        List<OutcomeRecord> unseen = records(3_000, 9).stream()
                .filter(r -> r.ok() || "timeout".equals(r.failure()))
                // one run per job and platform (its runs on other options share its draws): the sized pair
                .filter(r -> r.option().equals(RunOptions.sized(r.job(), r.platform()).id())).toList();
        FeatureExtractor features = new FeatureExtractor();
        for (Platform platform : Platform.values()) {
            PlatformPredictor predictor = model.predictor(platform);
            int n = 0;
            int[] covered = new int[2];
            int[] below = new int[2];
            for (OutcomeRecord r : unseen) {
                if (r.platform() != platform) {
                    continue;
                }
                n++;
                double[] x = features.values(r.job());
                double[][] q = {model.durationQuantilesMs(r.platform(), r.job(), x, r.archOrDefault(), r.vcpu()),
                    predictor.startupQuantilesMs(x)};
                double[] actual = {Math.max(1, r.durationMs()), r.startupMs()};
                for (int t = 0; t < 2; t++) {
                    covered[t] += actual[t] >= q[t][0] && actual[t] <= q[t][q[t].length - 1] ? 1 : 0;
                    below[t] += actual[t] <= q[t][Residuals.QUANTILES / 2] ? 1 : 0;
                }
            }
            double tolerance90 = 3 * Math.sqrt(0.9 * 0.1 / n);
            double tolerance50 = 3 * Math.sqrt(0.5 * 0.5 / n);
            assertThat(covered[0] / (double) n).as(platform + " duration coverage").isCloseTo(0.9, within(tolerance90));
            assertThat(below[0] / (double) n).as(platform + " duration median").isCloseTo(0.5, within(tolerance50));
            if (platform == Platform.ECS) {
                assertThat(covered[1] / (double) n).as("ecs start-up coverage").isCloseTo(0.9, within(tolerance90));
                assertThat(below[1] / (double) n).as("ecs start-up median").isCloseTo(0.5, within(tolerance50));
            } else {
                assertThat(covered[1] / (double) n).as("lambda start-up coverage").isGreaterThan(0.9 - tolerance90);
            }
        }
    }

    /**
     * A producer's estimate is the job's run time on one x86_64 vCPU, up to its own error: jobs that carry one
     * get a work band much narrower than jobs without (the estimate's error rather than the type's spread),
     * and each kind's band still covers its nominal share of jobs the trees never saw.
     */
    @Test
    void jobsWithAnEstimateGetANarrowerWorkBandThatStillCoversItsShare() {
        RoutingModel model = trainer.train(records(6_000, 8), 8, ModelMetadata.SIMULATOR);
        List<OutcomeRecord> unseen = records(3_000, 9).stream()
                .filter(r -> r.ok() && r.interruptionCount() == 0 && !r.hitMemory())
                .filter(r -> r.option().equals(RunOptions.sized(r.job(), r.platform()).id())).toList();
        FeatureExtractor features = new FeatureExtractor();
        for (Platform platform : Platform.values()) {
            double[] width = new double[2];
            int[] covered = new int[2];
            int[] n = new int[2];
            for (OutcomeRecord r : unseen) {
                if (r.platform() != platform) {
                    continue;
                }
                int kind = r.job().expectedDurationS() == null ? 0 : 1;
                double[] q = model.durationQuantilesMs(platform, r.job(), features.values(r.job()), r.archOrDefault(),
                        r.vcpu());
                double actual = Math.max(1, r.durationMs());
                n[kind]++;
                width[kind] += Math.log(q[q.length - 1] / q[0]);
                covered[kind] += actual >= q[0] && actual <= q[q.length - 1] ? 1 : 0;
            }
            double without = width[0] / n[0];
            double with = width[1] / n[1];
            assertThat(with).as(platform + ": ln width of the 90%% band with an estimate vs without %.3f", without)
                    .isLessThan(0.75 * without);
            for (int kind = 0; kind < 2; kind++) {
                double tolerance = 3 * Math.sqrt(0.9 * 0.1 / n[kind]) + 0.03;
                assertThat(covered[kind] / (double) n[kind]).as(platform + (kind == 0 ? " without" : " with")
                        + " an estimate: coverage").isCloseTo(0.9, within(tolerance));
            }
        }
    }

    @Test
    void keepsThePriorForAPlatformWithTooFewOutcomesAndSaysSo() {
        List<OutcomeRecord> rows = records(2_000, 6).stream()
                .filter(r -> r.platform() == Platform.LAMBDA || r.job().jobId().endsWith("7"))
                .toList();
        RoutingModel model = trainer.train(rows, 6, ModelMetadata.OUTCOMES);
        ModelMetadata.PlatformReport ecs = model.metadata().platforms().get("ecs");
        assertThat(ecs.source()).isEqualTo("prior");
        assertThat(ecs.note()).contains("fewer than " + Trainer.MIN_OUTCOMES);
        assertThat(model.predictor(Platform.ECS)).isSameAs(PRIOR.predictor(Platform.ECS));
        assertThat(model.metadata().platforms().get("lambda").source()).isEqualTo("trained");
        assertThat(model.metadata().trainedOn()).isEqualTo("outcomes");
    }

    @Test
    void refusesTooLittleData() {
        assertThatThrownBy(() -> trainer.train(records(20, 1), 1, ModelMetadata.SIMULATOR))
                .hasMessageContaining("at least 100 outcome records");
    }
}
