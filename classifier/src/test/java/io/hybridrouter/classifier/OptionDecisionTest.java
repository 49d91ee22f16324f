package io.hybridrouter.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridrouter.shared.DecisionReason;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.shared.RoutingDecision.RejectedOption;
import io.hybridrouter.shared.TimeWindow;
import io.hybridrouter.shared.WorkloadType;
import io.hybridrouter.shared.config.DecisionConfig;
import io.hybridrouter.shared.cost.Prices;
import io.hybridrouter.shared.option.RunOption;
import io.hybridrouter.shared.option.RunOptions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decision per option: what is ruled out and why, Spot, arm64 and the SLO premium. */
class OptionDecisionTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC);
    private static final RoutingModel MODEL = ModelArtefacts.loadBundled();
    private static final DecisionConfig NO_EXPLORATION = DecisionConfig.defaults().withExploreRate(0);

    private static JobRouter router(RoutingModel model, Prices prices, DecisionConfig config) {
        return new JobRouter(model, prices, 0, Platform.LAMBDA, config, CLOCK);
    }

    private static JobRouter router() {
        return router(MODEL, Prices.defaults(), NO_EXPLORATION);
    }

    private static Map<String, String> rejected(RoutingDecision d) {
        Map<String, String> m = new HashMap<>();
        for (RejectedOption r : d.rejectedOptions()) {
            m.put(r.option(), r.reason());
        }
        return m;
    }

    private static RunOption option(RoutingDecision d) {
        return RunOptions.declared().byId(d.option()).orElseThrow();
    }

    @Test
    void aJobAskingTwelveGigabytesNeverGetsALambdaOptionAndTheDecisionSaysWhy() {
        Job job = Job.of("big", WorkloadType.ML_INFERENCE, 50, TimeWindow.MIDDAY, LoadPattern.MEDIUM_LOAD)
                .withHints(null, 12_288);
        RoutingDecision d = router().decide(job);
        assertThat(d.platform()).isEqualTo(Platform.ECS);
        assertThat(d.reason()).isEqualTo(DecisionReason.LIMIT_MEMORY);
        assertThat(d.attemptNumber()).isEqualTo(1);
        assertThat(option(d).memoryMb()).isGreaterThanOrEqualTo(12_288);
        Map<String, String> why = rejected(d);
        for (RunOption o : RunOptions.declared().of(Platform.LAMBDA)) {
            assertThat(why.get(o.id())).as(o.id()).startsWith("limit:memory: the job asks 12288 MB");
        }
    }

    @Test
    void noOptionSmallerThanTheMemoryAJobAsksForIsChosenOnEitherPlatform() {
        // 16,500 MB: the 16 GB tasks are just too small, whatever the learned need says
        Job etl = Job.of("etl", WorkloadType.DATA_ETL, 1_000, TimeWindow.NIGHT, LoadPattern.LOW_LOAD)
                .withHints(null, 16_500);
        RoutingDecision d = router().decide(etl);
        assertThat(option(d).memoryMb()).isGreaterThanOrEqualTo(16_500);
        assertThat(rejected(d).get("ecs-arm64-2vcpu-16gb-spot"))
                .isEqualTo("limit:memory: the job asks 16500 MB, the option has 16384 MB");
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        for (int i = 0; i < 500; i++) {
            WorkloadType type = WorkloadType.values()[rnd.nextInt(WorkloadType.values().length)];
            int mb = 128 + rnd.nextInt(60_000);
            Job job = Job.of("m" + i, type, rnd.nextDouble() * 2_000_000, TimeWindow.NIGHT, LoadPattern.LOW_LOAD)
                    .withHints(null, mb);
            assertThat(option(router().decide(job)).memoryMb()).as(type + " asking " + mb).isGreaterThanOrEqualTo(mb);
        }
    }

    @Test
    void aDurationHintUnderTheTimeoutStillRulesOutALambdaSizeTooSlowToFinishIt() {
        // 899 s on one vCPU is over three times that on a 512 MB function (0.29 vCPU)
        Job api = Job.of("slow", WorkloadType.LIGHTWEIGHT_API, 10, TimeWindow.NIGHT, LoadPattern.LOW_LOAD)
                .withHints(899.0, null);
        RoutingDecision d = router().decide(api);
        Map<String, String> why = rejected(d);
        assertThat(why.get("lambda-arm64-512mb")).startsWith("limit:duration: expected_duration_s 899.0 s on one vCPU is "
                + "about ").endsWith(" s at this size, over Lambda's 900 s");
        assertThat(d.option()).isNotIn("lambda-arm64-512mb", "lambda-x86_64-512mb");
        // over the timeout on one vCPU: no Lambda size, as before options
        RoutingDecision over = router().decide(Job.of("over", WorkloadType.LIGHTWEIGHT_API, 10, TimeWindow.NIGHT,
                LoadPattern.LOW_LOAD).withHints(901.0, null));
        assertThat(over.platform()).isEqualTo(Platform.ECS);
        assertThat(over.reason()).isEqualTo(DecisionReason.LIMIT_DURATION);
    }

    @Test
    void aFreeOptionGivesThePremiumCapNothingToMultiplySoTheObjectiveDecides() {
        // Spot at no cost (a credit): the cap cannot call every task that meets the objective too dear
        String bundled;
        try (java.io.InputStream in = io.hybridrouter.shared.cost.PriceTable.class.getResourceAsStream(
                io.hybridrouter.shared.cost.PriceTable.BUNDLED)) {
            bundled = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Prices freeArmSpot = io.hybridrouter.shared.cost.PriceTable.parse(bundled
                .replace("\"usd_per_vcpu_hour\": 0.01067243", "\"usd_per_vcpu_hour\": 0")
                .replace("\"usd_per_gb_hour\": 0.00117328", "\"usd_per_gb_hour\": 0"), "t").defaultPrices();
        Job api = Job.of("api", WorkloadType.LIGHTWEIGHT_API, 5, TimeWindow.MIDDAY, LoadPattern.STEADY_HIGH_LOAD);
        RoutingDecision d = router(MODEL, freeArmSpot, NO_EXPLORATION).decide(api);
        assertThat(d.platform()).as("a 3 s objective is met on Lambda, never on a Fargate task").isEqualTo(Platform.LAMBDA);
        assertThat(d.reason()).isEqualTo(DecisionReason.MODEL);
    }

    @Test
    void anOptionBelowThePredictedMemoryNeedIsRuledOut() {
        Job video = Job.of("video", WorkloadType.VIDEO_TRANSCODING, 50_000, TimeWindow.NIGHT, LoadPattern.LOW_LOAD);
        RoutingDecision d = router().decide(video);
        double need = MODEL.memoryNeedMb(video);
        assertThat(need).isGreaterThan(2048);
        Map<String, String> why = rejected(d);
        assertThat(why.get("lambda-x86_64-1769mb")).startsWith("memory: predicted need");
        assertThat(why.get("ecs-x86_64-1vcpu-2gb")).startsWith("memory: predicted need");
        assertThat(option(d).memoryMb()).isGreaterThanOrEqualTo((int) Math.ceil(need));
    }

    @Test
    void spotIsNeverChosenForAJobWhoseObjectiveCannotAbsorbAReRun() {
        // an extract that fits its 30-minute objective on on-demand Fargate, where Spot interrupts so often
        // (two per task-hour) that the re-run after one would miss it too often for the SLO target
        Job etl = Job.of("etl", WorkloadType.DATA_ETL, 10_000_000, TimeWindow.NIGHT, LoadPattern.LOW_LOAD);
        RoutingModel stormy = MODEL.withMetadata(MODEL.metadata().withOptions(new OptionScaling(
                MODEL.scaling().workloads(), OptionScaling.Spot.prior(2.0, 20))));
        for (int premium : new int[] {3, 1_000}) {
            RoutingDecision d = router(stormy, Prices.defaults(), NO_EXPLORATION.withSloPremium(premium)).decide(etl);
            assertThat(d.platform()).isEqualTo(Platform.ECS);
            assertThat(option(d).spot()).as(d.option()).isFalse();
            assertThat(d.estimates().ecs().pSlo()).isGreaterThanOrEqualTo(DecisionConfig.DEFAULT_SLO_TARGET);
            Map<String, String> why = rejected(d);
            assertThat(why.get(option(d).id() + "-spot")).as("its Spot twin")
                    .startsWith("spot:slo: P(objective met) with the re-run after an interruption");
        }
        // at the rate learned from outcomes (about 0.04 an hour) the same job's objective absorbs the risk
        RoutingDecision calm = router().decide(etl);
        assertThat(option(calm).spot()).as(calm.option()).isTrue();
    }

    @Test
    void aJobLateOnEveryOptionHasNoObjectiveForAReRunToBreakAndMayTakeSpot() {
        // inference within 10 s cannot run on Fargate at all (start-up alone is longer); asking 12 GB, it
        // cannot run on Lambda either: late anyway, it takes the cheapest task, Spot included
        Job big = Job.of("big", WorkloadType.ML_INFERENCE, 500, TimeWindow.MORNING, LoadPattern.MEDIUM_LOAD)
                .withHints(null, 12_288);
        RoutingDecision d = router().decide(big);
        assertThat(d.platform()).isEqualTo(Platform.ECS);
        assertThat(option(d).spot()).as(d.option()).isTrue();
        assertThat(rejected(d).values()).noneMatch(r -> r.startsWith("spot:slo"));
    }

    @Test
    void spotIsChosenForALongBatchJobWhenItIsCheapest() {
        Job report = Job.of("report", WorkloadType.BATCH_REPORT, 600_000, TimeWindow.NIGHT, LoadPattern.LOW_LOAD);
        RoutingDecision d = router().decide(report);
        assertThat(d.platform()).isEqualTo(Platform.ECS);
        assertThat(option(d).spot()).isTrue();
        assertThat(d.reason()).isEqualTo(DecisionReason.MODEL);
    }

    @Test
    void withoutSpotPricesNoSpotOptionIsChosen() {
        JobRouter router = router(MODEL, Prices.defaults().withoutSpot(), NO_EXPLORATION);
        for (int i = 0; i < 400; i++) {
            WorkloadType type = WorkloadType.values()[i % WorkloadType.values().length];
            Job job = Job.of("j" + i, type, 100 + i * 5_000.0, TimeWindow.NIGHT, LoadPattern.LOW_LOAD);
            RoutingDecision d = router.decide(job);
            assertThat(option(d).spot()).as(d.option()).isFalse();
        }
    }

    /** The bundled model with {@code type}'s arm64 time factor set to {@code factor}. */
    private static RoutingModel withArmFactor(WorkloadType type, double factor) {
        OptionScaling s = MODEL.scaling();
        Map<String, OptionScaling.Workload> w = new HashMap<>(s.workloads());
        OptionScaling.Workload old = s.of(type);
        w.put(type.wireName(), new OptionScaling.Workload(old.unscaledShare(), old.serialShare(), factor, old.memoryNeedShare(),
                old.memoryNeedP50(), old.runs(), old.armRuns(), old.memoryRuns()));
        return MODEL.withMetadata(MODEL.metadata().withOptions(new OptionScaling(w, s.spot())));
    }

    @Test
    void arm64IsChosenWhereItsLearnedFactorMakesItCheaperAndNotWhereTheFactorIsAboveThePriceRatio() {
        Job report = Job.of("report", WorkloadType.BATCH_REPORT, 600_000, TimeWindow.NIGHT, LoadPattern.LOW_LOAD);
        // arm64 Fargate costs 80 % of x86_64: a type that runs 5 % faster there goes to arm64 ...
        RoutingDecision fast = router(withArmFactor(WorkloadType.BATCH_REPORT, 0.95), Prices.defaults(),
                NO_EXPLORATION).decide(report);
        assertThat(option(fast).arch().wireName()).isEqualTo("arm64");
        // ... one that runs 35 % slower there does not
        RoutingDecision slow = router(withArmFactor(WorkloadType.BATCH_REPORT, 1.35), Prices.defaults(),
                NO_EXPLORATION).decide(report);
        assertThat(option(slow).arch().wireName()).isEqualTo("x86_64");
    }

    @Test
    void anOptionMeetingTheTargetAtMoreThanThePremiumIsPassedOverForTheCheapestUnlessTheCapIsLifted() {
        JobRouter capped = router();
        JobRouter free = router(MODEL, Prices.defaults(), NO_EXPLORATION.withSloPremium(Double.POSITIVE_INFINITY));
        int found = 0;
        for (WorkloadType type : WorkloadType.values()) {
            for (double kb = 1_000; kb < 20_000_000; kb *= 1.5) {
                Job job = Job.of("p-" + type.wireName() + "-" + (long) kb, type, kb, TimeWindow.NIGHT,
                        LoadPattern.LOW_LOAD);
                RoutingDecision d = capped.decide(job);
                if (d.reason() != DecisionReason.SLO_TOO_DEAR) {
                    continue;
                }
                found++;
                RoutingDecision dear = free.decide(job);
                assertThat(dear.reason()).isNotEqualTo(DecisionReason.SLO_TOO_DEAR);
                assertThat(dear.option()).isNotEqualTo(d.option());
                double cheap = d.estimates().of(d.platform()).costUsd();
                assertThat(dear.estimates().of(dear.platform()).costUsd())
                        .isGreaterThan(DecisionConfig.DEFAULT_SLO_PREMIUM * cheap);
            }
        }
        assertThat(found).as("jobs the default premium passes over a dear option for").isPositive();
    }

    @Test
    void everyDecisionNamesAnOptionOnItsPlatformAtTheFirstAttemptAndTheSizedPairMenuDecidesTheSameWay() {
        JobRouter router = router();
        JobRouter pair = router.withMenu(OptionMenu.sizedPair());
        for (WorkloadType type : WorkloadType.values()) {
            Job job = Job.of("j-" + type.wireName(), type, 2_000, TimeWindow.MIDDAY, LoadPattern.BURST_LOAD);
            RoutingDecision d = router.decide(job);
            assertThat(option(d).platform()).isEqualTo(d.platform());
            assertThat(d.attempt()).isEqualTo(1);
            RoutingDecision p = pair.decide(job);
            assertThat(p.option()).isIn(List.of(RunOptions.sized(job, Platform.LAMBDA).id(),
                    RunOptions.sized(job, Platform.ECS).id()));
            assertThat(p.attempt()).isEqualTo(1);
        }
    }
}
