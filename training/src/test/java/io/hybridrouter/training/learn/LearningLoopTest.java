package io.hybridrouter.training.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.classifier.RoutingModel;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.TimeWindow;
import io.hybridrouter.shared.WorkloadType;
import io.hybridrouter.shared.cost.Prices;
import io.hybridrouter.training.data.OutcomeRecord;
import io.hybridrouter.training.sim.CostModel;
import io.hybridrouter.training.sim.Drift;
import io.hybridrouter.training.sim.JobGenerator;
import io.hybridrouter.training.sim.Simulation;
import io.hybridrouter.training.sim.PlatformRun;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The learning loop in this thread (no stack, no network) on a small setting under a strong drift. */
class LearningLoopTest {

    @Test
    void theRetrainedRouterLearnsAStrongDriftThatTheStaticOneKeepsPayingFor() throws InterruptedException {
        // every job five times faster than the simulator thinks: Lambda is now the cheaper platform for many
        // jobs the bundled model sends to Fargate
        // 5,000 prior jobs: the retrained model learns how run time scales with vCPUs and on arm64 per workload
        // type from the prior's runs on several options, and 1,000 jobs (about 140 a type) leave that too noisy
        LearningLoop.Settings s = new LearningLoop.Settings(3, 300, 5, Drift.parse("*.duration*0.2"), 0.02, 5_000,
                0.6, Platform.LAMBDA, Prices.defaults());
        LearningLoop loop = new LearningLoop(s, ModelArtefacts::loadBundled, Clock.systemUTC(), line -> { });
        List<OutcomeRecord> outcomes = new ArrayList<>();

        LearningResult r = loop.run(Deployment.direct(loop.learningRouter()), outcomes::add);

        assertThat(r.rounds()).hasSize(3);
        LearningResult.Round first = r.rounds().get(0);
        LearningResult.Round last = r.last();
        // round 1: the same model decides both, so the two differ only by exploration
        assertThat(first.learning().modelVersion()).isEqualTo(first.staticRouter().modelVersion());
        assertThat(last.learning().modelVersion()).isNotEqualTo(first.learning().modelVersion());
        assertThat(last.staticRouter().regret()).isGreaterThan(0.03);
        assertThat(last.learning().regret()).isLessThan(0.5 * last.staticRouter().regret());
        assertThat(last.learning().sloViolations()).isLessThanOrEqualTo(last.staticRouter().sloViolations());
        assertThat(last.outcomesSoFar()).isEqualTo(600);
        assertThat(outcomes).hasSize(900).allSatisfy(o -> {
            assertThat(o.source()).isEqualTo(OutcomeRecord.SIMULATOR);
            assertThat(o.modelVersion()).isNotNull();
            assertThat(o.propensity()).isNotNull();
        });
    }

    @Test
    void whatOutcomesOnOnePlatformSayOfAWorkloadCarriesToTheOtherAndNoDriftLearnsNone() {
        RoutingModel prior = ModelArtefacts.loadBundled();
        CostModel drifted = new CostModel(Prices.defaults(), Drift.parse("data_etl.duration*3,ecs.startup*0.3"));
        CostModel unchanged = new CostModel(Prices.defaults());
        List<OutcomeRecord> seen = new ArrayList<>();
        List<OutcomeRecord> plain = new ArrayList<>();
        int i = 0;
        for (Job job : new JobGenerator().generate(3_000, 11)) {
            // ETL runs are seen on ECS only; the other types on each platform in turn
            Platform p = job.workload() == WorkloadType.DATA_ETL || i++ % 2 == 1 ? Platform.ECS : Platform.LAMBDA;
            int at = p == Platform.LAMBDA ? 0 : 1;
            seen.add(OutcomeRecord.fromSimulation(drifted.simulate(job, 11)).get(at));
            plain.add(OutcomeRecord.fromSimulation(unchanged.simulate(job, 11)).get(at));
        }
        Job etl = Job.of("etl", WorkloadType.DATA_ETL, 50_000, TimeWindow.NIGHT, LoadPattern.LOW_LOAD);
        Job api = Job.of("api", WorkloadType.LIGHTWEIGHT_API, 2, TimeWindow.MIDDAY, LoadPattern.BURST_LOAD);

        Drift learned = LearningLoop.calibrate(prior, seen);

        assertThat(learned.durationFactor(etl, Platform.ECS)).isBetween(2.4, 3.6);
        assertThat(learned.durationFactor(etl, Platform.LAMBDA)).as("never seen on Lambda").isBetween(2.4, 3.6);
        assertThat(learned.durationFactor(api, Platform.LAMBDA)).isBetween(0.85, 1.18);
        assertThat(learned.startupFactor(Platform.ECS)).isBetween(0.22, 0.4);
        assertThat(learned.startupFactor(Platform.LAMBDA)).isBetween(0.8, 1.25);

        Drift none = LearningLoop.calibrate(prior, plain);
        for (Job job : List.of(etl, api)) {
            for (Platform p : Platform.values()) {
                assertThat(none.durationFactor(job, p)).as(job.workload() + " on " + p).isBetween(0.85, 1.18);
            }
        }
        assertThat(none.startupFactor(Platform.ECS)).isBetween(0.85, 1.18);
    }

    @Test
    void thePriorsLambdaRunsStoppedAtTheTimeoutCarryTheWorkTheyNeeded() {
        CostModel slow = new CostModel(Prices.defaults(), Drift.parse("data_etl.duration*3"));
        int timedOut = 0;
        for (Job job : new JobGenerator().generate(2_000, 31)) {
            Simulation w = slow.simulate(job, 31);
            List<OutcomeRecord> records = LearningLoop.priorRecords(w);
            OutcomeRecord lambda = records.get(0);
            assertThat(lambda.platform()).isEqualTo(Platform.LAMBDA);
            if ("timeout".equals(lambda.failure())) {
                timedOut++;
                assertThat(lambda.durationMs()).as("more than the 900 s it was stopped at").isGreaterThan(900_000)
                        .isEqualTo(w.on(Platform.LAMBDA).neededMs());
            } else {
                assertThat(records).isEqualTo(OutcomeRecord.fromSimulation(w));
            }
        }
        assertThat(timedOut).isGreaterThan(10);
    }

    @Test
    void theOutcomeLearnedFromIsTheDriftedRunOnThePlatformTheRouterChose() throws InterruptedException {
        LearningLoop.Settings s = new LearningLoop.Settings(1, 100, 3, Drift.parse("*.duration*2"), 0, 0,
                0.6, Platform.LAMBDA, Prices.defaults());
        LearningLoop loop = new LearningLoop(s, ModelArtefacts::loadBundled, Clock.systemUTC(), line -> { });
        List<OutcomeRecord> outcomes = new ArrayList<>();
        CostModel truth = new CostModel(Prices.defaults(), Drift.parse("*.duration*2"));
        Map<String, Platform> chosen = new HashMap<>();
        Deployment direct = Deployment.direct(loop.learningRouter());

        loop.run((round, jobs) -> {
            Map<String, Deployment.Decided> d = direct.decide(round, jobs);
            d.forEach((id, x) -> chosen.put(id, x.platform()));
            return d;
        }, outcomes::add);

        assertThat(outcomes).hasSize(100).allSatisfy(o -> {
            assertThat(o.platform()).isEqualTo(chosen.get(o.job().jobId()));
            PlatformRun run = truth.simulate(o.job(), 3).on(o.platform());
            assertThat(o.durationMs()).isEqualTo(run.durationMs());
            assertThat(o.billedUsd()).isEqualTo(run.costUsd());
        });
    }
}
