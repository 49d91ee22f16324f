package io.hybridrouter.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.dispatch.runner.Runners;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.cost.AwsPricing;
import io.hybridrouter.shared.cost.Prices;
import io.hybridrouter.shared.events.EventTypes;
import io.hybridrouter.shared.option.Arch;
import io.hybridrouter.shared.option.Capacity;
import io.hybridrouter.shared.option.RunOption;
import io.hybridrouter.shared.option.RunOptions;
import io.hybridrouter.shared.testing.MutableClock;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code measured} object of a {@code JobCompleted} outcome, and what it keeps for training. */
class MeasuredOutcomeTest {

    private static final String JOB = "{\"job_id\":\"etl-7\",\"workload_type\":\"data_etl\",\"payload_size_kb\":64,"
            + "\"time_window\":\"night\",\"load_pattern\":\"low_load\",\"payload\":{\"rows\":[1,2,3]}}";

    private final MutableClock clock = new MutableClock();
    private final ExecutorTestSupport support = new ExecutorTestSupport(clock, Runners.discover());
    private final Prices prices = Prices.defaults();

    private JsonNode outcome() {
        List<JsonNode> outcomes = support.bus.accepted(EventTypes.JOB_COMPLETED).stream()
                .map(e -> Json.read(e.detail())).toList();
        assertThat(outcomes).hasSize(1);
        return outcomes.get(0);
    }

    private static Context lambdaContext(int memoryMb) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getMemoryLimitInMB" -> memoryMb;
                    case "getRemainingTimeInMillis" -> 900_000;
                    default -> null;
                });
    }

    @Test
    void aLambdaRunIsBilledPerMillisecondAtTheConfiguredMemoryAndKeepsWhatTrainingNeeds() {
        String decidedAt = clock.instant().minusMillis(480).toString();
        RunSite site = new RunSite("lambda", 2048, null, "lambda-context", true, null, null, null, null, null);

        support.executor.deliver("etl-7", JOB, "rtree-1", Platform.LAMBDA, decidedAt, 0.98, site);

        JsonNode o = outcome();
        // the original fields stay as they were
        assertThat(o.get("job_id").asText()).isEqualTo("etl-7");
        assertThat(o.get("platform").asText()).isEqualTo("lambda");
        assertThat(o.get("status").asText()).isEqualTo("succeeded");
        assertThat(o.get("model_version").asText()).isEqualTo("rtree-1");
        assertThat(o.get("workload_type").asText()).isEqualTo("data_etl");
        long durationMs = o.get("duration_ms").asLong();
        // training needs the job's features, not its payload, and the decision's propensity
        assertThat(o.get("job").get("payload_size_kb").asDouble()).isEqualTo(64);
        assertThat(o.get("job").has("payload")).isFalse();
        assertThat(o.get("propensity").asDouble()).isEqualTo(0.98);

        JsonNode m = o.get("measured");
        assertThat(m.get("platform").asText()).isEqualTo("lambda");
        assertThat(m.get("source").asText()).isEqualTo("lambda");
        assertThat(m.get("duration_ms").asLong()).isEqualTo(durationMs);
        assertThat(m.get("startup_ms").asLong()).isEqualTo(480);
        assertThat(m.get("startup_source").asText()).isEqualTo("measured");
        assertThat(m.get("cold_start").asBoolean()).isTrue();
        assertThat(m.get("memory_mb").asInt()).isEqualTo(2048);
        assertThat(m.get("vcpu").asDouble()).isCloseTo(2048.0 / AwsPricing.LAMBDA_MB_PER_VCPU, within(1e-9));
        assertThat(m.get("sizing_source").asText()).isEqualTo("lambda-context");
        assertThat(m.get("billed_usd").asDouble()).isCloseTo(prices.lambdaCostUsd(2048, Math.max(1, durationMs)),
                within(1e-15));
        assertThat(m.get("slo_ms").asLong()).isEqualTo(1_800_000);
        assertThat(m.get("slo_met").asBoolean()).isTrue();
        assertThat(m.get("max_memory_used_mb").asLong()).isPositive();
        assertThat(m.get("max_memory_source").asText()).isIn("os:VmHWM", "jvm:pools-peak");
        assertThat(Instant.parse(m.get("finished_at").asText()))
                .isEqualTo(Instant.parse(m.get("started_at").asText()).plusMillis(durationMs));
    }

    @Test
    void aFargateRunIsBilledFromTheImagePullWithAOneMinuteMinimum() {
        Instant pull = clock.instant().minus(Duration.ofSeconds(20));
        RunSite site = new RunSite("ecs", 2048, 1.0, "task-metadata", null, null, null, pull, null, "fargate: from the pull");

        support.executor.deliver("etl-7", JOB, "rtree-1", Platform.ECS, null, null, site);

        JsonNode m = outcome().get("measured");
        assertThat(m.get("billed_usd").asDouble()).isCloseTo(prices.fargateCostUsd(1.0, 2048, 60), within(1e-15));
        assertThat(m.get("billing_source").asText()).isEqualTo("fargate: from the pull");
        assertThat(m.has("cold_start")).isFalse();
    }

    @Test
    void aLongerFargateRunIsBilledPerSecondFromTheImagePull() {
        Instant pull = clock.instant().minus(Duration.ofSeconds(95));
        RunSite site = new RunSite("ecs", 4096, 2.0, "task-metadata", null, null, null, pull, null, "fargate: from the pull");

        support.executor.deliver("etl-7", JOB, "rtree-1", Platform.ECS, null, null, site);

        JsonNode o = outcome();
        long billedS = (long) Math.ceil((95_000 + o.get("duration_ms").asLong()) / 1000.0);
        assertThat(o.get("measured").get("billed_usd").asDouble())
                .isCloseTo(prices.fargateCostUsd(2.0, 4096, billedS), within(1e-15));
    }

    @Test
    void withoutTheDecisionsTimeTheStartupIsUnknownAndTheSizeIsTheRoutersSaidSo() {
        support.executor.deliver("etl-7", JOB, "rtree-1", Platform.ECS);

        JsonNode o = outcome();
        JsonNode m = o.get("measured");
        assertThat(m.has("startup_ms")).isFalse();
        assertThat(m.get("startup_source").asText()).startsWith("unknown: ");
        assertThat(m.get("sizing_source").asText()).isEqualTo("router-sizing");
        assertThat(m.get("memory_mb").asInt()).isEqualTo(2048);
        assertThat(m.get("vcpu").asDouble()).isEqualTo(1.0);
        assertThat(m.get("billed_usd").asDouble()).isCloseTo(prices.fargateCostUsd(1.0, 2048, 60), within(1e-15));
        assertThat(o.has("propensity")).isFalse();
    }

    @Test
    void theSimulatedStartupOfAnEmbeddedTaskIsMarkedAndItsBilledShareCounted() {
        RunSite site = new RunSite("embedded", null, null, null, null, 45_000L, "simulated", null, 70_000L, "fargate: sim");

        support.executor.deliver("etl-7", JOB, "rtree-1", Platform.ECS, clock.instant().toString(), 1.0, site);

        JsonNode o = outcome();
        JsonNode m = o.get("measured");
        assertThat(m.get("startup_ms").asLong()).isEqualTo(45_000);
        assertThat(m.get("startup_source").asText()).isEqualTo("simulated");
        assertThat(m.get("source").asText()).isEqualTo("embedded");
        long billedS = (long) Math.ceil((70_000 + o.get("duration_ms").asLong()) / 1000.0);
        assertThat(m.get("billed_usd").asDouble()).isCloseTo(prices.fargateCostUsd(1.0, 2048, billedS), within(1e-15));
    }

    @Test
    void theLambdaHandlerReportsItsConfiguredMemoryAndAColdStartOnlyOnItsFirstInvocation() {
        ExecutorHandler handler = new ExecutorHandler(support.executor);
        ScheduledEvent first = ExecutorHandlerTest.event(decisionEvent("api-1"));
        ScheduledEvent second = ExecutorHandlerTest.event(decisionEvent("api-2"));

        handler.handleRequest(first, lambdaContext(1024));
        clock.advance(Duration.ofSeconds(2));
        handler.handleRequest(second, lambdaContext(1024));

        List<JsonNode> measured = support.bus.accepted(EventTypes.JOB_COMPLETED).stream()
                .map(e -> Json.read(e.detail()).get("measured")).toList();
        assertThat(measured).extracting(m -> m.get("cold_start").asBoolean()).containsExactly(true, false);
        assertThat(measured).extracting(m -> m.get("memory_mb").asInt()).containsExactly(1024, 1024);
        assertThat(measured).extracting(m -> m.get("sizing_source").asText()).containsOnly("lambda-context");
        // decided at 10:00:00; the second ran two seconds later
        assertThat(measured).extracting(m -> m.get("startup_ms").asLong()).containsExactly(0L, 2_000L);
    }

    private static String decisionEvent(String jobId) {
        return "{\"version\":\"0\",\"id\":\"e-" + jobId + "\",\"detail-type\":\"RoutingDecision\","
                + "\"source\":\"hybrid.router\",\"account\":\"123456789012\",\"time\":\"2026-11-26T10:00:00Z\","
                + "\"region\":\"us-east-1\",\"resources\":[],\"detail\":{\"job_id\":\"" + jobId + "\","
                + "\"platform\":\"lambda\",\"confidence\":0.9,\"scores\":{\"lambda\":0.9,\"ecs\":0.1},"
                + "\"reason\":\"model\",\"model_version\":\"rtree-1\",\"decided_at\":\"2026-11-26T10:00:00Z\","
                + "\"propensity\":0.98,\"job\":{\"job_id\":\"" + jobId + "\",\"workload_type\":\"lightweight_api\","
                + "\"payload_size_kb\":2,\"time_window\":\"midday\",\"load_pattern\":\"burst_load\"}}}";
    }

    // --- options: every outcome says where it ran, and is billed at that option's prices ---

    @Test
    void aRunOnAnArmLambdaOptionNamesItAndIsBilledAtTheArmPrice() {
        RunOption arm = RunOptions.declared().byId("lambda-arm64-1769mb").orElseThrow();

        support.executor.deliver("etl-7", JOB, "rtree-1", Platform.LAMBDA, null, null, RunSite.of("embedded").as(arm));

        JsonNode o = outcome();
        assertThat(o.get("option").asText()).isEqualTo("lambda-arm64-1769mb");
        assertThat(o.get("attempt").asInt()).isEqualTo(1);
        JsonNode m = o.get("measured");
        assertThat(m.get("arch").asText()).isEqualTo("arm64");
        assertThat(m.has("capacity")).as("Lambda has no capacity provider").isFalse();
        assertThat(m.get("memory_mb").asInt()).isEqualTo(1769);
        long ms = Math.max(1, m.get("duration_ms").asLong());
        assertThat(m.get("billed_usd").asDouble()).isCloseTo(prices.lambdaArmCostUsd(1769, ms), within(1e-15))
                .isLessThan(prices.lambdaCostUsd(1769, ms));
    }

    @Test
    void aDecisionWithoutAnOptionRecordsTheOptionTheLambdaExecutorIs() throws java.io.IOException {
        ExecutorHandler handler = new ExecutorHandler(support.executor);
        ScheduledEvent event = ExecutorHandlerTest.fixture();
        assertThat(event.getDetail()).as("a decision from a router before options").doesNotContainKey("option");

        handler.handleRequest(event, lambdaContext(3008));

        JsonNode o = outcome();
        String arch = JobExecutor.hostArch().wireName();
        assertThat(o.get("option").asText()).isEqualTo("lambda-" + arch + "-3008mb");
        assertThat(o.get("measured").get("arch").asText()).isEqualTo(arch);
        assertThat(o.get("measured").get("sizing_source").asText()).isEqualTo("lambda-context");
    }

    @Test
    void aFargateSpotTaskNamesItsOptionAndCapacityAndIsBilledAtTheSpotPrice() {
        // the task runs on its option's architecture, which os.arch reports: here, this host's
        Arch arch = JobExecutor.hostArch();
        RunOption spot = RunOption.fargate(new io.hybridrouter.shared.cost.FargateSize(1, 2048), arch, Capacity.SPOT);
        java.util.Map<String, String> env = java.util.Map.of("ROUTER_JOB", JOB, "ROUTER_JOB_ID", "etl-7",
                "ROUTER_OPTION", spot.id(), "ROUTER_ATTEMPT", "2");

        assertThat(EcsTaskMain.run(env, support.executor, System.out, System.err, RunSite.of("ecs"), null, null))
                .isZero();

        JsonNode o = outcome();
        assertThat(o.get("option").asText()).isEqualTo("ecs-" + arch + "-1vcpu-2gb-spot");
        assertThat(o.get("attempt").asInt()).isEqualTo(2);
        JsonNode m = o.get("measured");
        assertThat(m.get("capacity").asText()).isEqualTo("FARGATE_SPOT");
        assertThat(m.get("memory_mb").asInt()).isEqualTo(2048);
        assertThat(m.get("vcpu").asDouble()).isEqualTo(1.0);
        assertThat(m.get("arch").asText()).isEqualTo(arch.wireName());
        // the one-minute minimum at the Spot price, well below on-demand
        assertThat(m.get("billed_usd").asDouble()).isCloseTo(
                prices.fargateUsdPerHour(arch, Capacity.SPOT, 1, 2048) * 60 / 3600, within(1e-15))
                .isLessThan(prices.fargateUsdPerHour(arch, Capacity.ON_DEMAND, 1, 2048) * 60 / 3600);
    }
}
