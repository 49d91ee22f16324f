package io.hybridrouter.localstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.shared.TimeWindow;
import io.hybridrouter.shared.WorkloadType;
import io.hybridrouter.shared.events.EventTypes;
import io.hybridrouter.shared.events.OutboundEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** EventBridge delivers at least once: the same decision twice must run the job once. */
class IdempotencyIT {

    @Test
    void decisionDeliveredTwiceRunsTheJobOnce() throws InterruptedException {
        EmulatorBackend backend = EmulatorBackend.get();
        try (E2eStack stack = new E2eStack(backend, "e2e-idem", 5, 30).start()) {
            JobRouter router = new JobRouter(ModelArtefacts.loadBundled(), 0.6, Platform.LAMBDA, Clock.systemUTC());
            Job api = Job.of("twice-lambda", WorkloadType.LIGHTWEIGHT_API, 2, TimeWindow.MIDDAY,
                    LoadPattern.BURST_LOAD);
            RoutingDecision d = router.decide(api);
            assertThat(d.platform()).isEqualTo(Platform.LAMBDA);
            String detail = Json.write(d);
            // the same event, put on the bus twice: two deliveries to the executor target
            assertThat(stack.publisher(stack.aws.events).publish(List.of(
                    new OutboundEvent("first", EventTypes.ROUTING_DECISION, detail),
                    new OutboundEvent("second", EventTypes.ROUTING_DECISION, detail))).allPublished()).isTrue();

            List<JsonNode> outcomes = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
                outcomes.addAll(Queues.details(stack.aws.sqs, stack.out.outcomesQueueUrl()));
                return !outcomes.isEmpty();
            });
            if (stack.runtime() != null && stack.out.taps().containsKey("lambda")) {
                await().atMost(Duration.ofSeconds(20)).until(() -> stack.runtime().lambdaInvocations.get() >= 2);
            } else {
                Thread.sleep(5_000);
            }
            outcomes.addAll(Queues.details(stack.aws.sqs, stack.out.outcomesQueueUrl()));
            assertThat(outcomes).singleElement().satisfies(o -> {
                assertThat(o.get("job_id").asText()).isEqualTo("twice-lambda");
                assertThat(o.get("status").asText()).isEqualTo("succeeded");
            });
            var item = stack.aws.dynamo.getItem(b -> b.tableName(stack.out.idempotencyTable())
                    .key(java.util.Map.of("id", software.amazon.awssdk.services.dynamodb.model.AttributeValue
                            .fromS("job#twice-lambda")))).item();
            assertThat(item.get("status").s()).isEqualTo("COMPLETED");
            assertThat(Long.parseLong(item.get("expiration").n())).isGreaterThan(System.currentTimeMillis() / 1000);
        }
    }
}
