package io.hybridrouter.localstack.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.shared.DecisionReason;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.shared.claim.JobCarrier;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.shared.events.EventTypes;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * The embedded stack runs every option: a Lambda option's local runtime reports its memory and
 * architecture, an ECS option's local Fargate its size and capacity, and a Fargate Spot task is
 * interrupted and re-run through the same path as on ECS (Spot again, then on-demand).
 */
class EmbeddedOptionsIT {

    private static final JobRouter ROUTER = new JobRouter(ModelArtefacts.loadBundled(), RouterConfig.defaults(),
            java.time.Clock.systemUTC());

    private final List<ObjectNode> events = new CopyOnWriteArrayList<>();

    private static Job job(String id) {
        return Json.MAPPER.convertValue(Json.read("{\"job_id\":\"" + id + "\",\"workload_type\":\"data_etl\","
                + "\"payload_size_kb\":20000,\"time_window\":\"night\",\"load_pattern\":\"low_load\"}"), Job.class);
    }

    /** Puts a decision for {@code job} on {@code option} on the stack's bus, as the classifier would. */
    private static void decide(EmbeddedStack stack, Job job, Platform platform, String option) {
        RoutingDecision d = new RoutingDecision(job.jobId(), platform, 0.9,
                platform == Platform.ECS ? new RoutingDecision.Scores(0.1, 0.9) : new RoutingDecision.Scores(0.9, 0.1),
                DecisionReason.MODEL, "m-1", Instant.now().toString(), job, null,
                platform == Platform.ECS ? JobCarrier.inline(Json.write(job)) : null, null, 1.0, option, null, null);
        assertThat(stack.bus().putEvents(b -> b.entries(PutEventsRequestEntry.builder().source(EventTypes.SOURCE)
                .detailType(EventTypes.ROUTING_DECISION).detail(Json.write(d)).build())).failedEntryCount()).isZero();
    }

    private List<JsonNode> details(String type, String jobId) {
        return events.stream().filter(e -> type.equals(e.path("detail-type").asText()))
                .map(e -> e.get("detail")).filter(d -> jobId.equals(d.path("job_id").asText())).toList();
    }

    private void await(Predicate<List<ObjectNode>> done) throws InterruptedException {
        long until = System.nanoTime() + 30_000_000_000L;
        while (!done.test(events) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
    }

    @Test
    void aSpotTaskInterruptedTwiceIsReRunOnSpotThenOnDemandAndCompletesOnce() throws InterruptedException {
        try (EmbeddedStack stack = EmbeddedStack.start(0, RouterConfig.defaults(), ROUTER, events::add,
                Double.POSITIVE_INFINITY)) {
            decide(stack, job("spot-1"), Platform.ECS, "ecs-x86_64-1vcpu-2gb-spot");
            await(e -> details(EventTypes.JOB_COMPLETED, "spot-1").stream()
                    .anyMatch(o -> !"interrupted".equals(o.get("status").asText())));

            List<JsonNode> outcomes = details(EventTypes.JOB_COMPLETED, "spot-1");
            assertThat(outcomes).extracting(o -> o.get("status").asText() + "@" + o.get("attempt").asInt() + " on "
                    + o.get("option").asText()).containsExactly(
                    "interrupted@1 on ecs-x86_64-1vcpu-2gb-spot",
                    "interrupted@2 on ecs-x86_64-1vcpu-2gb-spot",
                    "succeeded@3 on ecs-x86_64-1vcpu-2gb");
            assertThat(outcomes.get(0).get("measured").get("capacity").asText()).isEqualTo("FARGATE_SPOT");
            assertThat(outcomes.get(0).get("measured").get("billed_usd").asDouble()).as("billed up to the stop")
                    .isPositive();
            assertThat(outcomes.get(2).get("measured").get("capacity").asText()).isEqualTo("FARGATE");
            List<JsonNode> reruns = details(EventTypes.ROUTING_DECISION, "spot-1").stream()
                    .filter(d -> "spot:interrupted".equals(d.get("reason").asText())).toList();
            assertThat(reruns).extracting(d -> d.get("attempt").asInt() + " on " + d.get("option").asText())
                    .containsExactly("2 on ecs-x86_64-1vcpu-2gb-spot", "3 on ecs-x86_64-1vcpu-2gb");
            assertThat(stack.spotInterruptions()).isEqualTo(2);
            assertThat(stack.targetFailures()).isZero();
        }
    }

    @Test
    void eachOptionsLocalRuntimeReportsItsSizeArchitectureAndCapacity() throws InterruptedException {
        try (EmbeddedStack stack = EmbeddedStack.start(0, RouterConfig.defaults(), ROUTER, events::add, 0)) {
            decide(stack, job("arm-1"), Platform.LAMBDA, "lambda-arm64-3008mb");
            decide(stack, job("ecs-1"), Platform.ECS, "ecs-arm64-2vcpu-4gb-spot");
            await(e -> !details(EventTypes.JOB_COMPLETED, "arm-1").isEmpty()
                    && !details(EventTypes.JOB_COMPLETED, "ecs-1").isEmpty());

            JsonNode lambda = details(EventTypes.JOB_COMPLETED, "arm-1").get(0);
            assertThat(lambda.get("option").asText()).isEqualTo("lambda-arm64-3008mb");
            assertThat(lambda.get("measured").get("memory_mb").asInt()).isEqualTo(3008);
            assertThat(lambda.get("measured").get("arch").asText()).isEqualTo("arm64");
            List<JsonNode> ecs = details(EventTypes.JOB_COMPLETED, "ecs-1");
            assertThat(ecs).as("no interruptions at rate 0").hasSize(1);
            JsonNode m = ecs.get(0).get("measured");
            assertThat(ecs.get(0).get("status").asText()).isEqualTo("succeeded");
            assertThat(m.get("memory_mb").asInt()).isEqualTo(4096);
            assertThat(m.get("vcpu").asDouble()).isEqualTo(2.0);
            assertThat(m.get("arch").asText()).isEqualTo("arm64");
            assertThat(m.get("capacity").asText()).isEqualTo("FARGATE_SPOT");
            assertThat(stack.spotInterruptions()).isZero();
        }
    }
}
