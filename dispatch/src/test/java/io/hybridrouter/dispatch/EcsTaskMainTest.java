package io.hybridrouter.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.dispatch.runner.Runners;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.shared.claim.EcsOverrides;
import io.hybridrouter.shared.claim.JobCarrier;
import io.hybridrouter.shared.events.EventTypes;
import io.hybridrouter.shared.option.RunOption;
import io.hybridrouter.shared.option.RunOptions;
import io.hybridrouter.shared.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EcsTaskMainTest {

    private final ExecutorTestSupport support = new ExecutorTestSupport();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env) {
        return EcsTaskMain.run(env, support.executor, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static final String JOB = "{\"job_id\":\"v-1\",\"workload_type\":\"video_transcoding\","
            + "\"payload_size_kb\":1024,\"time_window\":\"night\",\"load_pattern\":\"low_load\"}";

    @Test
    void runsTheJobFromTheContainerOverridesAndExitsZero() {
        int code = run(Map.of("ROUTER_JOB", JOB, "ROUTER_JOB_ID", "v-1", "ROUTER_MODEL_VERSION", "cart-1"));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("job v-1 succeeded");
        JsonNode outcome = Json.read(support.bus.accepted(EventTypes.JOB_COMPLETED).get(0).detail());
        assertThat(outcome.get("platform").asText()).isEqualTo("ecs");
        assertThat(outcome.get("model_version").asText()).isEqualTo("cart-1");
        assertThat(outcome.get("result").get("frames").asInt()).isEqualTo(4);
    }

    @Test
    void theDecisionTimeInTheOverridesGivesTheTaskItsMeasuredStartup() {
        String decidedAt = java.time.Instant.now().minusSeconds(45).toString();
        int code = run(Map.of("ROUTER_JOB", JOB, "ROUTER_JOB_ID", "v-1", "ROUTER_MODEL_VERSION", "cart-1",
                "ROUTER_DECIDED_AT", decidedAt));

        assertThat(code).isZero();
        JsonNode measured = Json.read(support.bus.accepted(EventTypes.JOB_COMPLETED).get(0).detail()).get("measured");
        assertThat(measured.get("startup_source").asText()).isEqualTo("measured");
        // the system clock: the start is at least the 45 s since the decision
        assertThat(measured.get("startup_ms").asLong()).isGreaterThanOrEqualTo(45_000);
        assertThat(measured.get("source").asText()).isEqualTo("ecs");
        // no metadata endpoint in this environment: sized as the router sizes the job, and said so
        assertThat(measured.get("sizing_source").asText()).isEqualTo("router-sizing");
        assertThat(measured.get("billing_source").asText()).contains("no ECS_CONTAINER_METADATA_URI_V4");
    }

    @Test
    void thePropensityInTheOverridesIsCarriedIntoTheOutcome() {
        int code = run(Map.of("ROUTER_JOB", JOB, "ROUTER_JOB_ID", "v-1", "ROUTER_MODEL_VERSION", "cart-1",
                "ROUTER_PROPENSITY", "0.02"));

        assertThat(code).isZero();
        JsonNode outcome = Json.read(support.bus.accepted(EventTypes.JOB_COMPLETED).get(0).detail());
        assertThat(outcome.get("propensity").asDouble()).isEqualTo(0.02);
    }

    @Test
    void aMissingOrUnreadablePropensityLeavesTheOutcomeWithoutOne() {
        assertThat(run(Map.of("ROUTER_JOB", JOB, "ROUTER_JOB_ID", "v-1", "ROUTER_PROPENSITY", ""))).isZero();
        JsonNode outcome = Json.read(support.bus.accepted(EventTypes.JOB_COMPLETED).get(0).detail());
        assertThat(outcome.path("propensity").isMissingNode() || outcome.get("propensity").isNull()).isTrue();
    }

    @Test
    void acceptsTheJobBase64EncodedAsTheEcsTargetPassesIt() {
        String encoded = io.hybridrouter.shared.claim.JobCarrier.inline(JOB);
        assertThat(run(Map.of("ROUTER_JOB", encoded, "ROUTER_JOB_ID", "v-1"))).isZero();
        err.reset();
        assertThat(run(Map.of("ROUTER_JOB", "%%%not-base64"))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("neither JSON, base64 JSON nor an s3:// reference");
    }

    @Test
    void fetchesAJobSentByClaimCheck() {
        String ref = support.claims.put("v-1", JOB);
        assertThat(run(Map.of("ROUTER_JOB", ref, "ROUTER_JOB_ID", "v-1"))).isZero();
    }

    @Test
    void secondTaskForTheSameJobDoesNothingAndExitsZero() {
        assertThat(run(Map.of("ROUTER_JOB", JOB))).isZero();
        assertThat(run(Map.of("ROUTER_JOB", JOB))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("already ran");
        assertThat(support.bus.accepted(EventTypes.JOB_COMPLETED)).hasSize(1);
    }

    @Test
    void exitsOneWithAClearMessageWhenTheJobIsMissingOrBroken() {
        assertThat(run(Map.of())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ROUTER_JOB is not set");
        err.reset();
        assertThat(run(Map.of("ROUTER_JOB", "{\"job_id\":\"x\"}"))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("routed job is invalid: workload_type: is required");
        err.reset();
        String missing = "s3://in-memory/jobs/missing." + "0".repeat(64) + ".json";
        assertThat(run(Map.of("ROUTER_JOB", missing))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("claim check " + missing + " not found");
        assertThat(support.bus.accepted()).isEmpty();
    }

    @Test
    void jobWhoseIdIsNotTheDecisionsIsRejectedOnTheBus() {
        assertThat(run(Map.of("ROUTER_JOB", JOB, "ROUTER_JOB_ID", "other"))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("job other rejected: job_id:");
        assertThat(support.bus.accepted(EventTypes.JOB_COMPLETED)).isEmpty();
        JsonNode rejection = Json.read(support.bus.accepted(EventTypes.JOB_REJECTED).get(0).detail());
        assertThat(rejection.get("job_id").asText()).isEqualTo("other");
        assertThat(rejection.get("errors").get(0).asText()).contains("v-1");
    }

    @Test
    void claimCheckOutsideTheClaimBucketIsNotReadAndTheJobIsRejected() {
        String ref = support.claims.put("v-1", JOB);
        String forged = ref.replace("s3://in-memory/", "s3://attacker-bucket/");
        assertThat(run(Map.of("ROUTER_JOB", forged, "ROUTER_JOB_ID", "v-1"))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("job v-1 rejected: job_ref: ");
        assertThat(support.bus.accepted(EventTypes.JOB_COMPLETED)).isEmpty();
        assertThat(support.bus.accepted(EventTypes.JOB_REJECTED)).hasSize(1);
    }

    @Test
    void secondTaskWithTheSameIdButAnotherJobIsRejectedNotSkipped() {
        assertThat(run(Map.of("ROUTER_JOB", JOB, "ROUTER_JOB_ID", "v-1"))).isZero();
        String other = JOB.replace("1024", "2048");
        assertThat(run(Map.of("ROUTER_JOB", other, "ROUTER_JOB_ID", "v-1"))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("job v-1 rejected: job_id: already used by a different job");
        assertThat(support.bus.accepted(EventTypes.JOB_COMPLETED)).hasSize(1);
        assertThat(support.bus.accepted(EventTypes.JOB_REJECTED)).hasSize(1);
    }

    @Test
    void failedRunnerGivesAFailedOutcomeAndExitOne() {
        String failing = "{\"job_id\":\"p-1\",\"workload_type\":\"pdf_render\",\"payload_size_kb\":1,"
                + "\"time_window\":\"night\",\"load_pattern\":\"low_load\",\"payload\":{\"fail\":true}}";
        assertThat(run(Map.of("ROUTER_JOB", failing))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("job p-1 failed: IllegalStateException: asked to fail");
        JsonNode outcome = Json.read(support.bus.accepted(EventTypes.JOB_COMPLETED).get(0).detail());
        assertThat(outcome.get("status").asText()).isEqualTo("failed");
        assertThat(outcome.get("error").asText()).contains("asked to fail");
    }

    // --- Fargate Spot: SIGTERM while the job runs ---

    private static final String SLOW = "{\"job_id\":\"s-1\",\"workload_type\":\"slow_job\",\"payload_size_kb\":1,"
            + "\"time_window\":\"night\",\"load_pattern\":\"low_load\"}";
    private static final String SPOT = "ecs-x86_64-1vcpu-2gb-spot";

    private static Map<String, String> spotEnv(String option, int attempt) {
        Map<String, String> env = new HashMap<>();
        env.put(EcsOverrides.ENV_JOB, JobCarrier.inline(SLOW));
        env.put(EcsOverrides.ENV_JOB_ID, "s-1");
        env.put(EcsOverrides.ENV_MODEL_VERSION, "cart-1");
        env.put(EcsOverrides.ENV_PROPENSITY, "0.9");
        env.put(EcsOverrides.ENV_OPTION, option);
        env.put(EcsOverrides.ENV_ATTEMPT, String.valueOf(attempt));
        return env;
    }

    /** Runs the slow job as {@code option}/{@code attempt}, sends the SIGTERM once it runs; the exit code. */
    private static int interruptedRun(ExecutorTestSupport s, BlockingRunner runner, Map<String, String> env,
            PrintStream o, PrintStream e) throws Exception {
        RunInterruption sigterm = new RunInterruption();
        CompletableFuture<Integer> task = CompletableFuture.supplyAsync(() -> EcsTaskMain.run(env, s.executor, o, e,
                RunSite.of("ecs"), null, null, sigterm));
        runner.awaitStarted();
        sigterm.interrupt();
        return task.get(10, TimeUnit.SECONDS);
    }

    private static PrintStream sink(ByteArrayOutputStream b) {
        return new PrintStream(b, true, StandardCharsets.UTF_8);
    }

    @Test
    void sigtermMidJobPublishesAnInterruptedOutcomeAndReRunsAttemptTwoOnTheSameSpotOption() throws Exception {
        BlockingRunner runner = new BlockingRunner();
        ExecutorTestSupport s = new ExecutorTestSupport(new MutableClock(), Runners.of(List.of(runner)));

        int code = interruptedRun(s, runner, spotEnv(SPOT, 1), sink(out), sink(err));

        assertThat(code).as("interrupted and re-run: the task did its part").isZero();
        JsonNode outcome = Json.read(s.bus.accepted(EventTypes.JOB_COMPLETED).get(0).detail());
        assertThat(outcome.get("status").asText()).isEqualTo("interrupted");
        assertThat(outcome.get("option").asText()).isEqualTo(SPOT);
        assertThat(outcome.get("attempt").asInt()).isEqualTo(1);
        assertThat(outcome.get("measured").get("capacity").asText()).isEqualTo("FARGATE_SPOT");
        assertThat(outcome.get("measured").get("billed_usd").asDouble()).as("billed up to the stop").isPositive();
        RoutingDecision rerun = Json.MAPPER.readValue(
                s.bus.accepted(EventTypes.ROUTING_DECISION).get(0).detail(), RoutingDecision.class);
        assertThat(rerun.attemptNumber()).isEqualTo(2);
        assertThat(rerun.option()).isEqualTo(SPOT);
        assertThat(rerun.reason().wireName()).isEqualTo("spot:interrupted");
        assertThat(rerun.ecsJob()).as("the ECS target passes the same job on").isEqualTo(JobCarrier.inline(SLOW));
        assertThat(rerun.propensity()).isEqualTo(0.9);
    }

    @Test
    void anInterruptedSecondAttemptIsReRunAsAttemptThreeOnTheOnDemandTwin() throws Exception {
        BlockingRunner runner = new BlockingRunner();
        ExecutorTestSupport s = new ExecutorTestSupport(new MutableClock(), Runners.of(List.of(runner)));

        assertThat(interruptedRun(s, runner, spotEnv(SPOT, 2), sink(out), sink(err))).isZero();

        RoutingDecision rerun = Json.MAPPER.readValue(
                s.bus.accepted(EventTypes.ROUTING_DECISION).get(0).detail(), RoutingDecision.class);
        assertThat(rerun.attemptNumber()).isEqualTo(3);
        RunOption twin = RunOptions.declared().byId(SPOT).orElseThrow().onDemand();
        assertThat(rerun.option()).isEqualTo(twin.id()).isEqualTo("ecs-x86_64-1vcpu-2gb");
    }

    @Test
    void anInterruptedThirdAttemptIsNotReRunAndTheTaskFailsLoudly() throws Exception {
        BlockingRunner runner = new BlockingRunner();
        ExecutorTestSupport s = new ExecutorTestSupport(new MutableClock(), Runners.of(List.of(runner)));

        int code = interruptedRun(s, runner, spotEnv("ecs-x86_64-1vcpu-2gb", 3), sink(out), sink(err));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("interrupted on attempt 3, the last; not re-run");
        assertThat(Json.read(s.bus.accepted(EventTypes.JOB_COMPLETED).get(0).detail()).get("status").asText())
                .isEqualTo("interrupted");
        assertThat(s.bus.accepted(EventTypes.ROUTING_DECISION)).isEmpty();
    }

    @Test
    void aDuplicateDeliveryOfAnAttemptIsRefusedWhileItsReRunIsAccepted() throws Exception {
        BlockingRunner runner = new BlockingRunner();
        ExecutorTestSupport s = new ExecutorTestSupport(new MutableClock(), Runners.of(List.of(runner)));
        assertThat(interruptedRun(s, runner, spotEnv(SPOT, 1), sink(out), sink(err))).isZero();

        // the same attempt delivered again: refused, nothing runs
        assertThat(EcsTaskMain.run(spotEnv(SPOT, 1), s.executor, sink(out), sink(err))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("already ran or is running");
        assertThat(runner.runs.get()).isEqualTo(1);

        // the re-run (attempt 2, from the re-run decision's overrides) runs and completes
        RoutingDecision rerun = Json.MAPPER.readValue(
                s.bus.accepted(EventTypes.ROUTING_DECISION).get(0).detail(), RoutingDecision.class);
        Map<String, String> env = EcsOverrides.parse(EcsOverrides.render(rerun.jobId(), rerun.modelVersion(),
                rerun.decidedAt(), rerun.propensity(), rerun.ecsJob(),
                RunOptions.declared().byId(rerun.option()).orElseThrow(), rerun.attemptNumber()));
        assertThat(EcsTaskMain.run(env, s.executor, sink(out), sink(err))).isZero();
        assertThat(runner.runs.get()).isEqualTo(2);
        List<JsonNode> outcomes = s.bus.accepted(EventTypes.JOB_COMPLETED).stream().map(e -> Json.read(e.detail()))
                .toList();
        assertThat(outcomes).extracting(o -> o.get("status").asText() + "@" + o.get("attempt").asInt())
                .containsExactly("interrupted@1", "succeeded@2");

        // and a duplicate of the re-run is refused too
        assertThat(EcsTaskMain.run(env, s.executor, sink(out), sink(err))).isZero();
        assertThat(runner.runs.get()).isEqualTo(2);
    }

    @Test
    void aReRunThatCannotBePublishedIsRetriedWithinTheWindowThenTheTaskFailsLoudly() throws Exception {
        MutableClock clock = new MutableClock();
        BlockingRunner runner = new BlockingRunner();
        List<Long> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorTestSupport s = new ExecutorTestSupport(clock, Runners.of(List.of(runner)), RunLimits.DEFAULT, ms -> {
            waits.add(ms);
            clock.advance(Duration.ofMillis(ms));
        });
        s.bus.failEntriesWhere(e -> e.detailType().equals(EventTypes.ROUTING_DECISION));

        int code = interruptedRun(s, runner, spotEnv(SPOT, 1), sink(out), sink(err));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("its re-run could not be published within 90 s");
        assertThat(waits).as("retried with growing waits").hasSizeGreaterThan(3).isSorted();
        assertThat(waits.stream().mapToLong(Long::longValue).sum()).isLessThan(RunLimits.INTERRUPTED_REPORT_WINDOW
                .toMillis());
        // the outcome went out once (only what failed is sent again); the attempt's claim is released
        assertThat(s.bus.accepted(EventTypes.JOB_COMPLETED)).hasSize(1);
        assertThat(s.idempotency.claim("s-1", "other", Duration.ofMinutes(1)))
                .isEqualTo(io.hybridrouter.dispatch.idempotency.IdempotencyStore.Claim.CLAIMED);
    }

    @Test
    void aReRunPublishedOnALaterTryCompletesTheInterruption() throws Exception {
        MutableClock clock = new MutableClock();
        BlockingRunner runner = new BlockingRunner();
        ExecutorTestSupport s = new ExecutorTestSupport(clock, Runners.of(List.of(runner)), RunLimits.DEFAULT,
                ms -> clock.advance(Duration.ofMillis(ms)));
        java.util.concurrent.atomic.AtomicInteger tries = new java.util.concurrent.atomic.AtomicInteger();
        s.bus.failEntriesWhere(e -> e.detailType().equals(EventTypes.ROUTING_DECISION) && tries.incrementAndGet() <= 5);

        assertThat(interruptedRun(s, runner, spotEnv(SPOT, 1), sink(out), sink(err))).isZero();
        assertThat(s.bus.accepted(EventTypes.ROUTING_DECISION)).hasSize(1);
    }

    @Test
    void aSigtermWithNoJobRunningExitsAtOnceWithTheRunsOwnCode() {
        RunInterruption interruption = new RunInterruption();
        EcsTaskMain.Termination t = new EcsTaskMain.Termination(interruption, Duration.ofSeconds(90), sink(err));
        assertThat(run(Map.of("ROUTER_JOB", JOB, "ROUTER_JOB_ID", "v-1"))).isZero();
        assertThat(t.finished(0)).as("main exits itself").isTrue();

        assertThat(t.onSigterm()).as("nothing to wait for: the JVM exits as it is").isEqualTo(OptionalInt.empty());
        assertThat(interruption.requested()).isFalse();
    }

    @Test
    void aSigtermDuringTheRunWaitsForTheReportAndHaltsWithItsCode() throws Exception {
        RunInterruption interruption = new RunInterruption();
        EcsTaskMain.Termination t = new EcsTaskMain.Termination(interruption, Duration.ofSeconds(10), sink(err));
        CompletableFuture<OptionalInt> hook = CompletableFuture.supplyAsync(t::onSigterm);
        while (!interruption.requested()) {
            Thread.onSpinWait();
        }
        assertThat(t.finished(0)).as("the hook halts; main must not call System.exit").isFalse();
        assertThat(hook.get(10, TimeUnit.SECONDS)).isEqualTo(OptionalInt.of(0));
    }
}
