package io.hybridrouter.training.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.TimeWindow;
import io.hybridrouter.shared.WorkloadType;
import io.hybridrouter.shared.cost.Prices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The drift spec, and what a drift does to the simulated truth. */
class DriftTest {

    private static final Job ETL = Job.of("etl-1", WorkloadType.DATA_ETL, 50_000, TimeWindow.NIGHT,
            LoadPattern.LOW_LOAD);
    private static final Job API = Job.of("api-1", WorkloadType.LIGHTWEIGHT_API, 10, TimeWindow.MORNING,
            LoadPattern.LOW_LOAD);

    @Test
    void parsesEveryKindOfPartAndANamedTypeOverridesTheWildcard() {
        Drift d = Drift.parse("*.duration*2, data_etl.duration*3,*.memory*1.5,ecs.startup*0.3,lambda.price*0.5");

        assertThat(d.durationFactor(ETL)).isEqualTo(3);
        assertThat(d.durationFactor(API)).isEqualTo(2);
        assertThat(d.memoryFactor(API)).isEqualTo(1.5);
        assertThat(d.startupFactor(Platform.ECS)).isEqualTo(0.3);
        assertThat(d.startupFactor(Platform.LAMBDA)).isEqualTo(1);
        assertThat(d.priceFactor(Platform.LAMBDA)).isEqualTo(0.5);
        assertThat(d.priceFactor(Platform.ECS)).isEqualTo(1);
        assertThat(d).hasToString("*.duration*2,data_etl.duration*3,*.memory*1.5,ecs.startup*0.3,lambda.price*0.5");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|--drift is empty",
        "data_etl.duration|\"data_etl.duration\": expected <workload_type|*>.duration*F",
        "data_etl*3|\"data_etl*3\": expected",
        "data_etl.speed*3|\"data_etl.speed*3\": \"speed\" is not a drift: duration, memory, startup or price",
        "etl.duration*3|\"etl.duration*3\": \"etl\" is not a workload type: one of lightweight_api",
        "fargate.startup*0.3|\"fargate.startup*0.3\": \"fargate\" is not a platform",
        "data_etl.duration*x|\"data_etl.duration*x\": the factor \"x\" is not a number",
        "data_etl.duration*0|\"data_etl.duration*0\": the factor must be a positive number, got 0",
        "data_etl.duration*-2|the factor must be a positive number",
        "ecs.price*2,ecs.price*3|\"ecs.price*3\": ecs.price is given twice",
        "ecs.price*2,|\"\": expected",
    })
    void refusesAMalformedPartNamingItAndTheRule(String spec, String message) {
        assertThatThrownBy(() -> Drift.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message).hasMessageNotContaining("\n");
    }

    @Test
    void durationDriftSlowsTheJobOnBothPlatformsAndLeavesOtherTypesAlone() {
        Simulation before = new CostModel().simulate(ETL, Draws.nominal());
        Simulation after = new CostModel(Prices.defaults(), Drift.parse("data_etl.duration*3")).simulate(ETL,
                Draws.nominal());

        assertThat(after.lambda().durationMs()).isCloseTo(3 * before.lambda().durationMs(), within(1.0));
        assertThat(after.ecs().durationMs()).isCloseTo(3 * before.ecs().durationMs(), within(1.0));
        assertThat(after.ecs().startupMs()).isEqualTo(before.ecs().startupMs());
        assertThat(after.lambda().costUsd()).isGreaterThan(2.9 * before.lambda().costUsd());
        assertThat(new CostModel(Prices.defaults(), Drift.parse("data_etl.duration*3")).simulate(API, Draws.nominal()))
                .isEqualTo(new CostModel().simulate(API, Draws.nominal()));
    }

    @Test
    void memoryDriftSlowsARunByTheShortfallOfTheMemoryThePlatformGives() {
        // ETL: Lambda gives 2,048 MB, the task 2,048 MB (1 vCPU); the job now needs 3 × 2,048
        Drift d = Drift.parse("*.memory*3");
        Simulation before = new CostModel().simulate(ETL, Draws.nominal());
        Simulation after = new CostModel(Prices.defaults(), d).simulate(ETL, Draws.nominal());

        assertThat(d.memorySlowdown(ETL, 2048)).isEqualTo(3);
        assertThat(d.memorySlowdown(ETL, 8192)).isEqualTo(1);
        assertThat(after.lambda().durationMs()).isCloseTo(3 * before.lambda().durationMs(), within(1.0));
        assertThat(after.lambda().memoryMb()).isEqualTo(before.lambda().memoryMb());
        assertThat(Drift.parse("*.memory*0.5").memorySlowdown(ETL, 2048)).isEqualTo(1);
    }

    @Test
    void startupDriftScalesTheFargateStartAndItsBilledShare() {
        Simulation before = new CostModel().simulate(API, Draws.nominal());
        Simulation after = new CostModel(Prices.defaults(), Drift.parse("ecs.startup*0.3")).simulate(API,
                Draws.nominal());

        assertThat(after.ecs().startupMs()).isCloseTo(0.3 * before.ecs().startupMs(), within(1e-6));
        assertThat(after.ecs().latencyMs()).isLessThan(before.ecs().latencyMs());
        assertThat(after.lambda()).isEqualTo(before.lambda());
    }

    @Test
    void lambdaStartupDriftScalesOnlyColdStarts() {
        Draws cold = new Draws(1, 1, 1, 1, 0, 300, 40, 0.5);
        Simulation after = new CostModel(Prices.defaults(), Drift.parse("lambda.startup*2")).simulate(API, cold);

        assertThat(after.lambda().startupMs()).isEqualTo(600);
        assertThat(new CostModel(Prices.defaults(), Drift.parse("lambda.startup*2")).simulate(API, Draws.nominal())
                .lambda().startupMs()).isZero();
    }

    @Test
    void priceDriftChangesThatPlatformsBillOnly() {
        Simulation before = new CostModel().simulate(ETL, Draws.nominal());
        Simulation after = new CostModel(Prices.defaults(), Drift.parse("ecs.price*0.1")).simulate(ETL,
                Draws.nominal());

        assertThat(after.ecs().costUsd()).isCloseTo(0.1 * before.ecs().costUsd(), within(1e-12));
        assertThat(after.ecs().latencyMs()).isEqualTo(before.ecs().latencyMs());
        assertThat(after.lambda()).isEqualTo(before.lambda());
    }

    @Test
    void noDriftIsTheSimulatorAsItIs() {
        assertThat(new CostModel(Prices.defaults(), Drift.NONE).simulate(ETL, 7)).isEqualTo(
                new CostModel().simulate(ETL, 7));
        assertThat(Drift.NONE).hasToString("none");
    }
}
