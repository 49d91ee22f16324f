package io.hybridrouter.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.classifier.ModelMetadata;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.TimeWindow;
import io.hybridrouter.shared.WorkloadType;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.training.sim.CostModel;
import io.hybridrouter.training.sim.JobGenerator;
import io.hybridrouter.training.sim.PlatformRun;
import io.hybridrouter.training.sim.Simulation;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    private final JobRouter router = new JobRouter(ModelArtefacts.loadBundled(), RouterConfig.defaults(),
            Clock.systemUTC());

    @Test
    void jobSentWhereItCannotRunCostsBothAttemptsAndCountsAsInfeasible() {
        Job job = Job.of("long", WorkloadType.VIDEO_TRANSCODING, 2_000_000, TimeWindow.NIGHT, LoadPattern.LOW_LOAD);
        PlatformRun lambda = new PlatformRun(Platform.LAMBDA, false, "timeout", 900_000, 0.06, 900_000, 2.3, 4096);
        PlatformRun ecs = new PlatformRun(Platform.ECS, true, null, 800_000, 0.04, 780_000, 4, 8192);
        Simulation s = new Simulation(job, lambda, ecs, 7_200_000, Platform.ECS);

        EvaluationResult r = new Evaluator(router).evaluate(List.of(s));

        EvaluationResult.StrategyResult lambdaOnly = r.strategies().get("lambda-only");
        assertThat(lambdaOnly.costUsd()).isCloseTo(0.10, within(1e-12));
        assertThat(lambdaOnly.p50LatencyMs()).isEqualTo(1_700_000);
        assertThat(lambdaOnly.infeasible()).isEqualTo(1);
        assertThat(lambdaOnly.sloViolations()).isEqualTo(1);
        EvaluationResult.StrategyResult ecsOnly = r.strategies().get("ecs-only");
        assertThat(ecsOnly.costUsd()).isEqualTo(0.04);
        assertThat(ecsOnly.infeasible()).isZero();
        assertThat(ecsOnly.sloViolations()).isZero();
        assertThat(r.strategies().get("oracle").costUsd()).isEqualTo(0.04);
        assertThat(r.strategies().get("oracle-2").costUsd()).isEqualTo(0.04);
        assertThat(r.strategies().keySet()).containsExactly("lambda-only", "ecs-only", "lambda-unless-limit",
                "hybrid-2", "hybrid", "oracle-2", "oracle");
        assertThat(r.scoredOnOptions()).isFalse();
    }

    @Test
    void hybridIsComparedWithTheCheapestBaselineThatHasNoMoreSloViolations() {
        Map<String, EvaluationResult.StrategyResult> results = new LinkedHashMap<>();
        results.put("lambda-only", strategy(50, 9));
        results.put("ecs-only", strategy(10, 40));
        results.put("lambda-unless-limit", strategy(30, 3));
        results.put("table", strategy(20, 3));

        assertThat(Evaluator.bestBaseline(results, 3)).isEqualTo("table");
        assertThat(Evaluator.bestBaseline(results, 40)).isEqualTo("ecs-only");
        assertThat(Evaluator.bestBaseline(results, 2)).isNull();
    }

    private static EvaluationResult.StrategyResult strategy(double cost, int violations) {
        return new EvaluationResult.StrategyResult(cost, cost, 1, 1, violations, 0, Map.of());
    }

    @Test
    void reportsTheTableBaselineTheRatioToTheBestBaselineAndCalibration() {
        CostModel cost = new CostModel();
        List<Simulation> training = new JobGenerator().generate(2_000, 42).stream().map(j -> cost.simulate(j, 42))
                .toList();
        List<Simulation> heldOut = new JobGenerator().generate(1_000, 7).stream().map(j -> cost.simulate(j, 7))
                .toList();

        EvaluationResult r = new Evaluator(router, PayloadThresholdTable.fit(training)).evaluate(heldOut);

        assertThat(r.strategies().keySet()).containsExactly("lambda-only", "ecs-only", "lambda-unless-limit", "table",
                "hybrid-2", "hybrid", "oracle-2", "oracle");
        int hybridViolations = r.strategies().get("hybrid").sloViolations();
        if (r.bestBaseline() == null) {
            assertThat(r.hybridVsBestBaseline()).isNull();
            Evaluator.BASELINES.forEach(b -> assertThat(r.strategies().get(b).sloViolations()).as(b)
                    .isGreaterThan(hybridViolations));
        } else {
            assertThat(r.bestBaseline()).isIn(Evaluator.BASELINES);
            assertThat(r.hybridVsBestBaseline()).isCloseTo(r.strategies().get("hybrid").costUsd()
                    / r.strategies().get(r.bestBaseline()).costUsd(), within(1e-12));
            assertThat(r.strategies().get(r.bestBaseline()).sloViolations()).isLessThanOrEqualTo(hybridViolations);
        }
        assertThat(r.tableThresholdsKb()).containsKeys("data_etl", "other");
        assertThat(r.calibration().decisions()).isEqualTo(1_000);
        assertThat(r.calibration().bins().stream().mapToInt(Calibration.Bin::count).sum()).isEqualTo(1_000);
        assertThat(r.calibration().brier()).isBetween(0.0, 1.0);
    }

    @Test
    void percentileIsNearestRank() {
        double[] values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(Evaluator.percentile(values, 0.5)).isEqualTo(5);
        assertThat(Evaluator.percentile(values, 0.95)).isEqualTo(10);
    }

    /**
     * The previous issue's bar for the bundled model, on 5,000 held-out jobs (seed 7; the model was trained on
     * seed 42), now held by {@code hybrid-2} (the router on the sized pair, as it was then) against
     * {@code oracle-2}; {@code hybrid} (all options) never sends a job where it cannot run.
     */
    @Test
    void hybridMeetsTheTargetsOnHeldOutJobs() {
        CostModel cost = new CostModel();
        List<Simulation> heldOut = new JobGenerator().generate(5_000, 7).stream().map(j -> cost.simulate(j, 7))
                .toList();
        // the decision rule as `router evaluate` measures it: exploration is a data-collection budget, not the policy
        RouterConfig config = RouterConfig.defaults();
        JobRouter rule = new JobRouter(router.model(), config.withDecision(config.decision().withExploreRate(0)),
                Clock.systemUTC());
        EvaluationResult r = new Evaluator(rule, PayloadThresholdTable.fitForModel(rule.model().metadata()))
                .evaluate(heldOut);
        double lambdaOnly = r.strategies().get("lambda-only").costUsd();
        double ecsOnly = r.strategies().get("ecs-only").costUsd();
        EvaluationResult.StrategyResult hybrid2 = r.strategies().get("hybrid-2");

        EvaluationResult.StrategyResult hybrid = r.strategies().get("hybrid");

        assertThat(r.jobs()).isEqualTo(5_000);
        assertThat(r.scoredOnOptions()).isTrue();
        // issue 14's bar: with every option, at most 0.6 of the router choosing between the sized pair, with no
        // more SLO violations, and within 5 % of the all-options oracle
        assertThat(hybrid.costUsd()).isLessThanOrEqualTo(0.6 * hybrid2.costUsd());
        assertThat(hybrid.sloViolations()).isLessThanOrEqualTo(hybrid2.sloViolations());
        assertThat(r.regret()).isLessThanOrEqualTo(0.05);
        // the router on the sized pair stays where it was: well under either platform alone, within 2 % of the
        // pair's oracle and within half a percent of the seven-threshold table (its scaling across options
        // costs it a little against the trees that only ever saw the sized pair)
        assertThat(hybrid2.costUsd()).isLessThanOrEqualTo(0.8 * Math.min(lambdaOnly, ecsOnly));
        assertThat(hybrid2.costUsd() / r.strategies().get("oracle-2").costUsd() - 1).isBetween(0.0, 0.02);
        assertThat(hybrid2.costUsd()).isLessThanOrEqualTo(1.005 * r.strategies().get("table").costUsd());
        assertThat(hybrid2.sloViolations()).isLessThanOrEqualTo(
                r.strategies().get("lambda-unless-limit").sloViolations());
        assertThat(hybrid2.sloViolations()).isLessThanOrEqualTo(Math.min(
                r.strategies().get("lambda-only").sloViolations(), r.strategies().get("ecs-only").sloViolations()));
        assertThat(hybrid2.infeasible()).isZero();
        assertThat(r.strategies().get("hybrid").infeasible()).isZero();
        assertThat(r.strategies().get("hybrid").options().values().stream()
                .mapToInt(EvaluationResult.OptionShare::jobs).sum()).isEqualTo(5_000);
        assertThat(r.hybridVsHybrid2()).isCloseTo(r.strategies().get("hybrid").costUsd() / hybrid2.costUsd(),
                within(1e-12));
        assertThat(r.strategies().get("oracle").costUsd()).isLessThanOrEqualTo(
                r.strategies().get("oracle-2").costUsd());
        assertThat(r.overhead().totalUsd()).isPositive();
    }

    /**
     * {@code evaluate} fits the {@code table} baseline on the model's own training jobs, regenerated from its
     * metadata: the same 20,000 jobs (not one per outcome record, which would be twice as many), so the
     * data hash matches.
     */
    @Test
    void theTableBaselineRecipeRegeneratesExactlyTheBundledModelsTrainingJobs() {
        ModelMetadata m = ModelArtefacts.loadBundled().metadata();
        CostModel cost = new CostModel();
        List<Simulation> rows = new JobGenerator().generate(Evaluator.trainingJobs(m), m.seed()).stream()
                .map(j -> cost.simulate(j, m.seed())).toList();
        assertThat(rows).hasSize(20_000);
        assertThat(Evaluator.isTrainingData(rows, m.dataHash())).isTrue();
    }
}
