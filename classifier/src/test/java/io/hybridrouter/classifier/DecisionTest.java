package io.hybridrouter.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hybridrouter.shared.DecisionReason;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.shared.TimeWindow;
import io.hybridrouter.shared.WorkloadType;
import io.hybridrouter.shared.config.DecisionConfig;
import io.hybridrouter.shared.cost.Prices;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decision from predicted cost and latency: prices, the SLO target and exploration. */
class DecisionTest {

    private static final RoutingModel MODEL = ModelArtefacts.loadBundled();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
    private static final DecisionConfig NO_EXPLORATION = DecisionConfig.defaults().withExploreRate(0);

    /** The platform choice between the sized pair (what these price tests are about: hybrid-2). */
    private static JobRouter router(Prices prices, DecisionConfig decision) {
        return new JobRouter(MODEL, prices, 0.6, Platform.LAMBDA, decision, CLOCK).withMenu(OptionMenu.sizedPair());
    }

    /** A 100 MB ETL job: about 15 s of work, cheaper on Lambda than a Fargate task's one-minute minimum. */
    private static Job midSizeEtl() {
        return Job.of("etl-mid", WorkloadType.DATA_ETL, 100 * 1024, TimeWindow.NIGHT, LoadPattern.LOW_LOAD);
    }

    /** A 2 GB ETL job: several minutes of work, well inside Lambda's 15 minutes, cheaper on Fargate. */
    private static Job largeEtl() {
        return Job.of("etl-large", WorkloadType.DATA_ETL, 2 * 1024 * 1024, TimeWindow.NIGHT, LoadPattern.LOW_LOAD);
    }

    @Test
    void cuttingFargatePricesByNinetyPercentSendsAMidSizeEtlJobFromLambdaToEcs(@TempDir Path dir) {
        RoutingDecision before = router(Prices.defaults(), NO_EXPLORATION).decide(midSizeEtl());
        RoutingDecision after = router(PriceFiles.load(PriceFiles.scaled(dir, "fargate", 0.1)), NO_EXPLORATION)
                .decide(midSizeEtl());
        assertThat(before.platform()).isEqualTo(Platform.LAMBDA);
        assertThat(before.reason()).isEqualTo(DecisionReason.MODEL);
        assertThat(after.platform()).isEqualTo(Platform.ECS);
        assertThat(after.modelVersion()).isEqualTo(before.modelVersion());
        assertThat(after.estimates().ecs().costUsd()).isCloseTo(before.estimates().ecs().costUsd() * 0.1,
                within(before.estimates().ecs().costUsd() * 0.001));
    }

    @Test
    void cuttingLambdaPricesByNinetyPercentSendsAJobThatFitsLambdaFromEcsToLambda(@TempDir Path dir) {
        RoutingDecision before = router(Prices.defaults(), NO_EXPLORATION).decide(largeEtl());
        RoutingDecision after = router(PriceFiles.load(PriceFiles.scaled(dir, "lambda", 0.1)), NO_EXPLORATION)
                .decide(largeEtl());
        assertThat(before.platform()).isEqualTo(Platform.ECS);
        assertThat(before.estimates().lambda().pSlo()).isGreaterThanOrEqualTo(0.95);
        assertThat(after.platform()).isEqualTo(Platform.LAMBDA);
        assertThat(after.modelVersion()).isEqualTo(before.modelVersion());
    }

    @Test
    void decisionCarriesEstimatesForEachPlatformAndAPropensity() {
        RoutingDecision d = router(Prices.defaults(), DecisionConfig.defaults()).decide(midSizeEtl());
        for (Platform p : Platform.values()) {
            RoutingDecision.Estimate e = d.estimates().of(p);
            assertThat(e.costUsd()).isPositive();
            assertThat(e.latencyP95Ms()).isGreaterThanOrEqualTo(e.latencyP50Ms()).isPositive();
            assertThat(e.pSlo()).isBetween(0.0, 1.0);
        }
        assertThat(d.propensity()).isEqualTo(d.reason() == DecisionReason.EXPLORE ? 0.02 : 0.98);
        assertThat(d.confidence()).isEqualTo(d.scores().of(d.platform()));
    }

    @Test
    void takesTheLikeliestPlatformWhenNoneMeetsTheTarget() {
        // a thumbnail on Fargate cannot start in 10 s, and with a target of 1.0 Lambda's tail is not certain either
        Job thumbnail = Job.of("thumb", WorkloadType.THUMBNAIL_PROCESSING, 20_000, TimeWindow.MORNING,
                LoadPattern.LOW_LOAD);
        RoutingDecision d = router(Prices.defaults(), NO_EXPLORATION.withSloTarget(1.0)).decide(thumbnail);
        if (d.estimates().lambda().pSlo() < 1.0) {
            assertThat(d.reason()).isEqualTo(DecisionReason.SLO_BEST_EFFORT);
        }
        assertThat(d.platform()).isEqualTo(Platform.LAMBDA);
        assertThat(d.propensity()).isEqualTo(1.0);
    }

    @Test
    void probabilityOfMeetingTheObjectiveNeverFallsAsTheObjectiveLoosens() {
        for (Job job : Fixtures.jobs(300, 5)) {
            double[] x = MODEL.example(job);
            double lastLambda = 0;
            double lastEcs = 0;
            for (double slo = 100; slo < 2e7; slo *= 1.3) {
                double ecs = MODEL.ecs(job, x, Prices.defaults(), slo).pSlo();
                double lambda = MODEL.lambda(job, x, Prices.defaults(), 0, slo).pSlo();
                assertThat(ecs).as(job + " ecs at " + slo).isGreaterThanOrEqualTo(lastEcs);
                assertThat(lambda).as(job + " lambda at " + slo).isGreaterThanOrEqualTo(lastLambda);
                lastEcs = ecs;
                lastLambda = lambda;
            }
        }
    }

    @Test
    void explorationSendsItsShareOfEligibleJobsToTheOtherPlatformAndNeverALimitBoundJob() {
        JobRouter router = router(Prices.defaults(), DecisionConfig.defaults());
        JobRouter noExploration = router(Prices.defaults(), NO_EXPLORATION);
        int eligible = 0;
        int explored = 0;
        int i = 0;
        while (eligible < 10_000) {
            // ETL and report jobs of many sizes: long objectives, so both platforms often qualify
            Job job = Job.of("job-" + i++, i % 2 == 0 ? WorkloadType.DATA_ETL : WorkloadType.BATCH_REPORT,
                    1 + (i % 997) * 37.0, TimeWindow.NIGHT, LoadPattern.LOW_LOAD);
            JobRouter.Assessment a = router.assess(job);
            if (!"both".equals(a.kind())) {
                continue;
            }
            eligible++;
            RoutingDecision d = router.decide(job);
            RoutingDecision base = noExploration.decide(job);
            if (d.reason() == DecisionReason.EXPLORE) {
                explored++;
                assertThat(d.platform()).isEqualTo(base.platform().other());
                assertThat(d.propensity()).isEqualTo(0.02);
            } else {
                assertThat(d.platform()).isEqualTo(base.platform());
                assertThat(d.propensity()).isEqualTo(0.98);
            }
            assertThat(router.decide(job)).as("the same job decides the same").isEqualTo(d);
        }
        // binomial(10,000, 0.02): mean 200, sd 14; four standard deviations either side
        assertThat(explored).isBetween(200 - 56, 200 + 56);
        for (Job job : List.of(midSizeEtl().withHints(901.0, null), midSizeEtl().withHints(null, 20_000))) {
            for (int k = 0; k < 2_000; k++) {
                RoutingDecision d = router.decide(new Job(job.jobId() + "-" + k, job.workloadType(),
                        job.payloadSizeKb(), job.timeWindow(), job.loadPattern(), job.timestamp(),
                        job.expectedDurationS(), job.memoryMb(), job.payload()));
                assertThat(d.reason().wireName()).startsWith("limit:");
                assertThat(d.platform()).isEqualTo(Platform.ECS);
                assertThat(d.propensity()).isEqualTo(1.0);
            }
        }
    }

    @Test
    void neverExploresAJobOnlyOnePlatformIsPredictedToServeInTime() {
        JobRouter router = router(Prices.defaults(), DecisionConfig.defaults().withExploreRate(0.5));
        for (int k = 0; k < 500; k++) {
            Job api = Job.of("api-" + k, WorkloadType.LIGHTWEIGHT_API, 2, TimeWindow.MIDDAY, LoadPattern.BURST_LOAD);
            RoutingDecision d = router.decide(api);
            assertThat(d.platform()).isEqualTo(Platform.LAMBDA);
            assertThat(d.reason()).isEqualTo(DecisionReason.MODEL);
        }
    }

    @Test
    void takesTheFallbackOnlyBetweenPlatformsThatBothMeetTheObjective() {
        JobRouter strict = new JobRouter(MODEL, Prices.defaults(), 1.0, Platform.ECS, NO_EXPLORATION, CLOCK);
        Job close = Fixtures.jobs(5_000, 11).stream()
                .filter(j -> {
                    JobRouter.Assessment a = strict.assess(j);
                    return "both".equals(a.kind()) && a.preferred() == Platform.LAMBDA && strict.confidence(a) < 1;
                })
                .findFirst().orElseThrow();
        RoutingDecision d = strict.decide(close);
        assertThat(d.reason()).isEqualTo(DecisionReason.LOW_CONFIDENCE);
        assertThat(d.platform()).isEqualTo(Platform.ECS);
        assertThat(d.confidence()).isEqualTo(d.scores().ecs());
        Job api = Job.of("api", WorkloadType.LIGHTWEIGHT_API, 2, TimeWindow.MIDDAY, LoadPattern.BURST_LOAD);
        assertThat(strict.decide(api).platform()).as("ECS cannot start an API call in 3 s").isEqualTo(Platform.LAMBDA);
    }

    @Test
    void arrayTreesPredictExactlyWhatTribuoPredicts() {
        FeatureExtractor fx = new FeatureExtractor();
        for (Job job : Fixtures.jobs(3_000, 3)) {
            for (Platform p : Platform.values()) {
                PlatformPredictor pp = MODEL.predictor(p);
                assertThat(pp.durationPoint(fx.values(job))).isEqualTo(PlatformPredictor.predict(pp.duration(),
                        fx.regressionExample(job)) + pp.durationBase().of(fx.values(job)));
                assertThat(pp.startupPoint(fx.values(job)))
                        .isEqualTo(PlatformPredictor.predict(pp.startup(), fx.regressionExample(job)));
            }
        }
    }
}
