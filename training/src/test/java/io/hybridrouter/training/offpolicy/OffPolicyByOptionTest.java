package io.hybridrouter.training.offpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.classifier.OptionMenu;
import io.hybridrouter.shared.config.DecisionConfig;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.training.Policy;
import io.hybridrouter.training.RouterPolicy;
import io.hybridrouter.training.sim.CostModel;
import io.hybridrouter.training.sim.JobGenerator;
import io.hybridrouter.training.sim.Simulation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Off-policy estimates on a log that names options: a simulated log of the bundled router exploring over every
 * declared option, checked against the simulator's truth on the same jobs.
 */
class OffPolicyByOptionTest {

    private static final int JOBS = 4_000;
    private static final double EXPLORE = 0.2;

    private static List<Simulation> jobs;
    private static RouterPolicy model;
    private static RouterPolicy pair;
    private static List<LoggedOutcome> log;

    @BeforeAll
    static void logWithExplorationOverOptions() {
        CostModel cost = new CostModel();
        jobs = new JobGenerator().generate(JOBS, 13).stream().map(j -> cost.simulate(j, 13)).toList();
        RouterConfig greedy = RouterConfig.defaults().withDecision(DecisionConfig.defaults().withExploreRate(0));
        JobRouter router = new JobRouter(ModelArtefacts.loadBundled(), greedy, Clock.systemUTC());
        model = new RouterPolicy("model", router);
        pair = new RouterPolicy("hybrid-2", router.withMenu(OptionMenu.sizedPair()));
        log = SimulatedLog.generateByOption(jobs, model, EXPLORE, 3);
    }

    @Test
    void theRoutersTrueCostLiesInItsDoublyRobustAndIpsIntervalsOnALogByOption() {
        OffPolicyResult r = new OffPolicyEvaluator().evaluate(log, List.of(model), model, "bundled", null);

        assertThat(r.byOption()).isTrue();
        assertThat(r.outcomes()).isEqualTo(JOBS);
        OffPolicyResult.PolicyEstimate e = r.policies().get("model");
        assertThat(e.estimator()).isEqualTo("dr");
        double trueCost = SimulatedLog.trueCostPerMillionByOption(jobs, model, 0);
        assertThat(trueCost).isBetween(e.ci95().get(0), e.ci95().get(1));
        assertThat(trueCost).isBetween(e.ips().ci95().get(0), e.ips().ci95().get(1));
        assertThat(SimulatedLog.trueSloViolationRateByOption(jobs, model, 0))
                .isBetween(e.sloCi95().get(0), e.sloCi95().get(1));
        OffPolicyResult.PolicyEstimate logged = r.policies().get(OffPolicyEvaluator.LOGGED);
        assertThat(SimulatedLog.trueCostPerMillionByOption(jobs, model, EXPLORE))
                .isBetween(logged.ci95().get(0), logged.ci95().get(1));
    }

    /**
     * The sized pair's Lambda sizes are not declared options, so the logging router never ran them: IPS has no
     * support for {@code hybrid-2} or {@code lambda-only}, which are estimated by the direct method and say so.
     */
    @Test
    void aPolicyPickingOptionsTheLogNeverRanIsEstimatedByTheDirectMethodAndSaysSo() {
        List<Policy> policies = List.of(Policy.lambdaOnly(), pair, model);
        OffPolicyResult r = new OffPolicyEvaluator().evaluate(log, policies, model, "bundled", null);

        assertThat(r.refusals()).isEmpty();
        for (String name : List.of("lambda-only", "hybrid-2")) {
            OffPolicyResult.PolicyEstimate e = r.policies().get(name);
            assertThat(e.estimator()).as(name).isEqualTo("dm");
            assertThat(e.ips()).as(name).isNull();
            assertThat(e.note()).as(name).startsWith("no IPS support: on ").contains("never logged at all: ")
                    .contains("direct method");
            assertThat(e.ci95().get(0)).as(name).isLessThanOrEqualTo(e.costPerMillionUsd());
            assertThat(e.ci95().get(1)).as(name).isGreaterThanOrEqualTo(e.costPerMillionUsd());
        }
        assertThat(r.policies().get("model").note()).isNull();
    }

    @Test
    void theAttemptsOfAnInterruptedJobAreOneOutcomeBilledForEveryAttempt() throws IOException {
        LoggedOutcome first = log.get(0);
        String job = "{\"job_id\":\"spot-1\",\"workload_type\":\"data_etl\",\"payload_size_kb\":5000,"
                + "\"time_window\":\"night\",\"load_pattern\":\"low_load\"}";
        String text = "{\"detail-type\":\"JobCompleted\",\"detail\":{\"job\":" + job + ",\"status\":\"interrupted\","
                + "\"propensity\":0.8,\"option\":\"ecs-x86_64-1vcpu-2gb-spot\",\"attempt\":1,"
                + "\"measured\":{\"platform\":\"ecs\",\"billed_usd\":0.002}}}\n"
                + "{\"detail-type\":\"JobCompleted\",\"detail\":{\"job\":" + job + ",\"status\":\"interrupted\","
                + "\"propensity\":0.8,\"option\":\"ecs-x86_64-1vcpu-2gb-spot\",\"attempt\":2,"
                + "\"measured\":{\"platform\":\"ecs\",\"billed_usd\":0.003}}}\n"
                + "{\"detail-type\":\"JobCompleted\",\"detail\":{\"job\":" + job + ",\"status\":\"succeeded\","
                + "\"propensity\":0.8,\"option\":\"ecs-x86_64-1vcpu-2gb\",\"attempt\":3,"
                + "\"measured\":{\"platform\":\"ecs\",\"billed_usd\":0.004,\"slo_met\":true}}}\n"
                // the same last attempt delivered twice
                + "{\"detail-type\":\"JobCompleted\",\"detail\":{\"job\":" + job + ",\"status\":\"succeeded\","
                + "\"propensity\":0.8,\"option\":\"ecs-x86_64-1vcpu-2gb\",\"attempt\":3,"
                + "\"measured\":{\"platform\":\"ecs\",\"billed_usd\":0.004,\"slo_met\":true}}}\n";

        List<LoggedOutcome> attempts = new LoggedOutcomes().read(new BufferedReader(new StringReader(text)),
                "log.jsonl").outcomes();
        List<LoggedOutcome> jobsLogged = LoggedOutcomes.perJob(attempts);

        assertThat(attempts).hasSize(4);
        assertThat(attempts.get(0).attempt()).isEqualTo(1);
        assertThat(attempts.get(0).sloMet()).isFalse();
        assertThat(jobsLogged).hasSize(1);
        LoggedOutcome o = jobsLogged.get(0);
        assertThat(o.billedUsd()).isCloseTo(0.009, within(1e-12));
        assertThat(o.sloMet()).isTrue();
        assertThat(o.option()).isEqualTo("ecs-x86_64-1vcpu-2gb-spot");
        assertThat(o.propensity()).isEqualTo(0.8);
        assertThat(o.line()).isEqualTo(1);

        List<LoggedOutcome> withSpot = new ArrayList<>(attempts);
        withSpot.add(first);
        OffPolicyResult r = new OffPolicyEvaluator().evaluate(withSpot, List.of(), null, "bundled", null);
        assertThat(r.outcomes()).isEqualTo(2);
        assertThat(r.attempts()).isEqualTo(5);
        assertThat(r.policies().get(OffPolicyEvaluator.LOGGED).costPerMillionUsd())
                .isCloseTo((0.009 + first.billedUsd()) / 2 * 1_000_000, within(1e-6));
    }

    @Test
    void optionAndAttemptSurviveWritingAndReading() throws IOException {
        StringWriter w = new StringWriter();
        LoggedOutcomes.write(List.of(new LoggedOutcome(1, log.get(0).job(), log.get(0).platform(), 0.5, true, 0.01,
                true, "lambda-arm64-1769mb", 2)), w);

        LoggedOutcome back = new LoggedOutcomes().read(new BufferedReader(new StringReader(w.toString())), "w")
                .outcomes().get(0);

        assertThat(back.option()).isEqualTo("lambda-arm64-1769mb");
        assertThat(back.attempt()).isEqualTo(2);
        assertThat(back.billedUsd()).isEqualTo(0.01);
    }

    @Test
    void aBadOptionOrAttemptIsNamedWithItsRule() {
        String job = "{\"workload_type\":\"data_etl\",\"payload_size_kb\":5000,\"time_window\":\"night\","
                + "\"load_pattern\":\"low_load\"}";
        LoggedOutcomes outcomes = new LoggedOutcomes();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> outcomes.parse("{\"job\":" + job
                + ",\"platform\":\"ecs\",\"billed_usd\":0.1,\"slo_met\":true,\"option\":\"Not An Id\",\"attempt\":4}",
                1)).hasMessageContaining("option: must be an option id")
                .hasMessageContaining("attempt: must be a whole number from 1 to 3 (got 4)");
    }
}
