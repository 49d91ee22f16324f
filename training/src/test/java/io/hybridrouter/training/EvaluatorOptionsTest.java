package io.hybridrouter.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.classifier.OptionMenu;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.shared.TimeWindow;
import io.hybridrouter.shared.WorkloadType;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.shared.option.RunOption;
import io.hybridrouter.shared.option.RunOptions;
import io.hybridrouter.training.sim.PlatformRun;
import io.hybridrouter.training.sim.Simulation;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code evaluate} with options, on hand-built simulations: whatever option the router names, {@code hybrid}
 * is scored on that option's run, {@code hybrid-2} on the sized pair, {@code oracle} over the options.
 */
class EvaluatorOptionsTest {

    private static final RouterConfig RULE = RouterConfig.defaults().withDecision(
            RouterConfig.defaults().decision().withExploreRate(0));
    private final JobRouter router = new JobRouter(ModelArtefacts.loadBundled(), RULE, Clock.systemUTC());
    private final Job job = Job.of("etl-1", WorkloadType.DATA_ETL, 5_000, TimeWindow.NIGHT, LoadPattern.LOW_LOAD);
    private final PlatformRun lambda = new PlatformRun(Platform.LAMBDA, true, null, 1_000, 0.010, 1_000, 1, 1769);
    private final PlatformRun ecs = new PlatformRun(Platform.ECS, true, null, 60_000, 0.020, 60_000, 1, 2048);

    private static PlatformRun run(String optionId, boolean ok, double latencyMs, double costUsd, int interruptions) {
        RunOption o = RunOptions.declared().byId(optionId).orElseThrow();
        return new PlatformRun(o.platform(), ok, ok ? null : "memory", latencyMs, costUsd, (long) latencyMs, o.vcpu(),
                o.memoryMb(), 100, latencyMs, o, interruptions, 512);
    }

    /** A Spot option that is not the one the router named. */
    private static String spotOtherThan(String option) {
        return RunOptions.declared().all().stream().filter(RunOption::spot).map(RunOption::id)
                .filter(id -> !id.equals(option)).findFirst().orElseThrow();
    }

    @Test
    void hybridIsScoredOnTheOptionItChoseHybrid2OnTheSizedPairAndTheOracleOverAllOptions() {
        RoutingDecision d = router.decide(job);
        Platform pair = router.withMenu(OptionMenu.sizedPair()).decide(job).platform();
        String spot = spotOtherThan(d.option());
        Map<String, PlatformRun> options = new LinkedHashMap<>();
        options.put(d.option(), run(d.option(), true, 2_000, 0.005, 0));
        options.put(spot, run(spot, true, 3_000, 0.001, 1));
        Simulation s = new Simulation(job, lambda, ecs, 600_000, Platform.LAMBDA, options);

        EvaluationResult r = new Evaluator(router).evaluate(List.of(s));

        EvaluationResult.StrategyResult hybrid = r.strategies().get("hybrid");
        assertThat(hybrid.costUsd()).isEqualTo(0.005);
        assertThat(hybrid.p50LatencyMs()).isEqualTo(2_000);
        assertThat(hybrid.options()).containsOnlyKeys(d.option());
        assertThat(hybrid.options().get(d.option())).isEqualTo(new EvaluationResult.OptionShare(1, 0.005));
        assertThat(hybrid.platforms().get(d.platform().wireName())).isEqualTo(1);
        assertThat(r.strategies().get("hybrid-2").costUsd()).isEqualTo(s.on(pair).costUsd());
        assertThat(r.strategies().get("hybrid-2").options()).isNull();
        EvaluationResult.StrategyResult oracle = r.strategies().get("oracle");
        assertThat(oracle.costUsd()).isEqualTo(0.001);
        assertThat(oracle.options()).containsOnlyKeys(spot);
        assertThat(oracle.interruptions()).isEqualTo(1);
        assertThat(oracle.platforms().get("ecs")).isEqualTo(1);
        assertThat(r.strategies().get("oracle-2").costUsd()).isEqualTo(0.010);
        assertThat(r.regret()).isCloseTo(0.005 / 0.001 - 1, within(1e-9));
        assertThat(r.hybridVsHybrid2()).isCloseTo(0.005 / s.on(pair).costUsd(), within(1e-12));
        assertThat(r.optionAccuracy()).isZero();
        assertThat(r.accuracy()).isEqualTo(d.platform() == Platform.ECS ? 1.0 : 0.0);
        assertThat(r.scoredOnOptions()).isTrue();
    }

    @Test
    void anOptionThatCannotHoldTheJobCostsTheFailedAttemptPlusTheSizedOnDemandFargateRun() {
        RoutingDecision d = router.decide(job);
        Simulation s = new Simulation(job, lambda, ecs, 600_000, Platform.LAMBDA,
                Map.of(d.option(), run(d.option(), false, 5_000, 0.003, 0)));

        EvaluationResult.StrategyResult hybrid = new Evaluator(router).evaluate(List.of(s)).strategies().get("hybrid");

        assertThat(hybrid.costUsd()).isCloseTo(0.003 + 0.020, within(1e-12));
        assertThat(hybrid.p50LatencyMs()).isEqualTo(65_000);
        assertThat(hybrid.infeasible()).isEqualTo(1);
        assertThat(hybrid.sloViolations()).isEqualTo(1);
        assertThat(hybrid.options().get(d.option()).costUsd()).isCloseTo(0.023, within(1e-12));
    }

    @Test
    void spotInterruptionsAreCountedAndTheirAttemptsAreInTheCost() {
        String spot = spotOtherThan("");
        Simulation s = new Simulation(job, lambda, ecs, 600_000, Platform.LAMBDA,
                Map.of(spot, run(spot, true, 400_000, 0.004, 2)));

        RunOutcome o = RunOutcome.of(s, Platform.ECS, spot);

        assertThat(o.interruptions()).isEqualTo(2);
        assertThat(o.costUsd()).isEqualTo(0.004);
        assertThat(o.sloMet()).isTrue();
        assertThat(RunOutcome.of(s, Platform.LAMBDA, null).costUsd()).isEqualTo(0.010);
    }

    @Test
    void aDecisionForAnOptionTheSimulatorDidNotRunIsRefusedNamingTheTable() {
        Simulation s = new Simulation(job, lambda, ecs, 600_000, Platform.LAMBDA,
                Map.of("lambda-arm64-512mb", run("lambda-arm64-512mb", true, 1_000, 0.001, 0)));

        assertThatThrownBy(() -> RunOutcome.of(s, Platform.ECS, "ecs-x86_64-1vcpu-2gb-spot"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was not simulated on option ecs-x86_64-1vcpu-2gb-spot")
                .hasMessageContaining("one table");
    }

    @Test
    void jsonCarriesTheHeadlineFiguresAndTheSplitByOption() {
        RoutingDecision d = router.decide(job);
        Simulation s = new Simulation(job, lambda, ecs, 600_000, Platform.LAMBDA,
                Map.of(d.option(), run(d.option(), true, 2_000, 0.005, 0)));

        JsonNode json = Json.read(Json.write(new Evaluator(router).evaluate(List.of(s)).withSpot(true, 0.05)));

        assertThat(json.get("strategies").fieldNames()).toIterable().containsExactly("lambda-only", "ecs-only",
                "lambda-unless-limit", "hybrid-2", "hybrid", "oracle-2", "oracle");
        for (String field : List.of("accuracy", "option_accuracy", "regret", "hybrid_vs_hybrid_2", "jobs",
                "decide_median_us", "router_overhead_per_million", "calibration", "spot_offered",
                "spot_interruptions_per_hour", "scored_on_options")) {
            assertThat(json.has(field)).as(field).isTrue();
        }
        JsonNode hybrid = json.get("strategies").get("hybrid");
        assertThat(hybrid.get("interruptions").asInt()).isZero();
        assertThat(hybrid.get("options").get(d.option()).get("jobs").asInt()).isEqualTo(1);
        assertThat(hybrid.get("options").get(d.option()).get("cost_usd").asDouble()).isEqualTo(0.005);
        assertThat(json.get("strategies").get("hybrid-2").has("options")).isFalse();
        assertThat(json.get("spot_interruptions_per_hour").asDouble()).isEqualTo(0.05);
    }
}
