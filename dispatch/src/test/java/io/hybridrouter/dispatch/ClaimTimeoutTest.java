package io.hybridrouter.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.dispatch.runner.Runners;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.events.EventTypes;
import io.hybridrouter.shared.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How long a claim in progress keeps a redelivery out: as long as the platform can run the job
 * (Lambda's 15 minutes, the ECS task's timeout) plus a margin, so a job still running is never
 * started a second time beside itself, and a job whose runner died is taken up again.
 */
class ClaimTimeoutTest {

    private static final String JOB = "{\"job_id\":\"slow-1\",\"workload_type\":\"slow_job\",\"payload_size_kb\":1,"
            + "\"time_window\":\"night\",\"load_pattern\":\"low_load\"}";

    private final MutableClock clock = new MutableClock();
    private final BlockingRunner runner = new BlockingRunner();
    private final ExecutorTestSupport support = new ExecutorTestSupport(clock, Runners.of(List.of(runner)));
    private final ExecutorHandler handler = new ExecutorHandler(support.executor);

    private int task() {
        return EcsTaskMain.run(Map.of("ROUTER_JOB", JOB, "ROUTER_JOB_ID", "slow-1"), support.executor,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void ecsClaimIsStillHeldAfterSixteenMinutes() throws Exception {
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(this::task);
        runner.awaitStarted();
        clock.advance(Duration.ofMinutes(16));
        assertThat(task()).as("a redelivery while the first task runs").isZero();
        assertThat(runner.runs.get()).as("runs").isEqualTo(1);
        clock.advance(Duration.ofHours(3));
        assertThat(task()).isZero();
        assertThat(runner.runs.get()).as("runs after 3 h 16 min of a 4 h task").isEqualTo(1);
        runner.finish();
        assertThat(first.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(support.bus.accepted(EventTypes.JOB_COMPLETED)).hasSize(1);
    }

    @Test
    void lambdaClaimIsHeldForFifteenMinutesPlusTheMarginThenTakenAgain() throws Exception {
        String event = lambdaEvent();
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> handler.handleRequest(
                ExecutorHandlerTest.event(event), null));
        runner.awaitStarted();
        clock.advance(Duration.ofMinutes(15).plusSeconds(30));
        assertThat(handler.handleRequest(ExecutorHandlerTest.event(event), null)).isEqualTo("duplicate");
        assertThat(runner.runs.get()).isEqualTo(1);
        // the first invocation was killed at 15 minutes; once the margin has passed its claim is abandoned
        clock.advance(Duration.ofMinutes(2));
        assertThat(handler.handleRequest(ExecutorHandlerTest.event(event), null)).isEqualTo("ran");
        assertThat(runner.runs.get()).isEqualTo(2);
        runner.finish();
        first.get(10, TimeUnit.SECONDS);
    }

    private static String lambdaEvent() {
        return "{\"version\":\"0\",\"id\":\"e-1\",\"detail-type\":\"RoutingDecision\",\"source\":\"hybrid.router\","
                + "\"account\":\"123456789012\",\"time\":\"2026-11-26T10:00:00Z\",\"region\":\"us-east-1\","
                + "\"resources\":[],\"detail\":{\"job_id\":\"slow-1\",\"platform\":\"lambda\",\"confidence\":0.9,"
                + "\"scores\":{\"lambda\":0.9,\"ecs\":0.1},\"reason\":\"model\",\"model_version\":\"m-1\","
                + "\"decided_at\":\"2026-11-26T10:00:00Z\",\"job\":" + JOB + "}}";
    }

    @Test
    void ecsTaskStopsAJobThatRunsPastTheTaskTimeoutWithAFailedOutcomeSayingSo() {
        ExecutorTestSupport short50ms = new ExecutorTestSupport(clock, Runners.of(List.of(runner)),
                new RunLimits(Duration.ofMillis(50)));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EcsTaskMain.run(Map.of("ROUTER_JOB", JOB, "ROUTER_JOB_ID", "slow-1"), short50ms.executor,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        runner.finish();
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("job slow-1 failed: timed out");
        JsonNode outcome = Json.read(short50ms.bus.accepted(EventTypes.JOB_COMPLETED).get(0).detail());
        assertThat(outcome.get("status").asText()).isEqualTo("failed");
        assertThat(outcome.get("error").asText()).startsWith("timed out: still running after PT0.05S");
        // reported and completed: a redelivery does not run it again
        assertThat(EcsTaskMain.run(Map.of("ROUTER_JOB", JOB, "ROUTER_JOB_ID", "slow-1"), short50ms.executor,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isZero();
        assertThat(runner.runs.get()).isEqualTo(1);
    }
}
