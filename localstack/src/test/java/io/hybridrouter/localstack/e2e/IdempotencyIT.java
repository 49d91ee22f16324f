package io.hybridrouter.localstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.dispatch.RunLimits;
import io.hybridrouter.dispatch.idempotency.DynamoDbIdempotencyStore;
import io.hybridrouter.dispatch.idempotency.IdempotencyStore;
import io.hybridrouter.dispatch.runner.Runners;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.shared.TimeWindow;
import io.hybridrouter.shared.WorkloadType;
import io.hybridrouter.shared.claim.ClaimCheckRef;
import io.hybridrouter.shared.claim.S3ClaimCheckStore;
import io.hybridrouter.shared.events.EventTypes;
import io.hybridrouter.shared.events.OutboundEvent;
import io.hybridrouter.shared.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
            if (stack.runtime() != null && !stack.out.tapsOf(Platform.LAMBDA).isEmpty()) {
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

    /**
     * Two different jobs with one id, both claim-checked: each gets its own S3 key, the first to
     * claim runs with its own payload and the other is rejected on the bus; a reference outside
     * the claim prefix is not read.
     */
    @Test
    void differentJobsReusingAnIdNeverSwapPayloadsOrVanish() throws Exception {
        EmulatorBackend backend = EmulatorBackend.get();
        try (E2eStack stack = new E2eStack(backend, "e2e-collide", 5, 30).start()) {
            JobRouter router = new JobRouter(ModelArtefacts.loadBundled(), 0.6, Platform.LAMBDA, Clock.systemUTC());
            S3ClaimCheckStore claims = new S3ClaimCheckStore(stack.aws.s3, stack.out.claimBucket());
            Job base = Job.of("reused-id", WorkloadType.LIGHTWEIGHT_API, 2, TimeWindow.MIDDAY, LoadPattern.BURST_LOAD);
            Job a = base.withPayload(Json.read("{\"order\":\"a\"}"));
            Job b = base.withPayload(Json.read("{\"order\":\"b\"}"));
            String refA = claims.put(a.jobId(), Json.write(a));
            String refB = claims.put(b.jobId(), Json.write(b));
            assertThat(refA).isNotEqualTo(refB);
            assertThat(claims.get(refA)).contains(Json.write(a));
            assertThat(claims.get(refB)).contains(Json.write(b));

            String outside = "secrets/reused-id.json";
            stack.aws.s3.putObject(r -> r.bucket(stack.out.claimBucket()).key(outside),
                    RequestBody.fromString(Json.write(a.withPayload(Json.read("{\"order\":\"forged\"}")))));
            List<OutboundEvent> events = new ArrayList<>();
            int n = 0;
            for (String ref : List.of(refA, refB, "s3://" + stack.out.claimBucket() + "/" + outside)) {
                RoutingDecision d = router.decide(base);
                assertThat(d.platform()).isEqualTo(Platform.LAMBDA);
                events.add(new OutboundEvent("d" + n++, EventTypes.ROUTING_DECISION,
                        Json.write(d.withDispatch(base, ref, null))));
            }
            assertThat(stack.publisher(stack.aws.events).publish(events).allPublished()).isTrue();

            List<JsonNode> outcomes = new ArrayList<>();
            List<JsonNode> rejections = new ArrayList<>();
            await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(300)).until(() -> {
                outcomes.addAll(Queues.details(stack.aws.sqs, stack.out.outcomesQueueUrl()));
                rejections.addAll(Queues.details(stack.aws.sqs, stack.out.rejectedQueueUrl()));
                return outcomes.size() + rejections.size() >= 3;
            });
            assertThat(outcomes).hasSize(1);
            assertThat(rejections).hasSize(2);
            Map<String, AttributeValue> item = stack.aws.dynamo.getItem(r -> r.tableName(stack.out.idempotencyTable())
                    .key(Map.of("id", AttributeValue.fromS("job#reused-id")))).item();
            Job ran = item.get("fingerprint").s().equals(ClaimCheckRef.sha256(Json.write(a))) ? a : b;
            Job other = ran == a ? b : a;
            assertThat(outcomes.get(0).get("result")).as("the job that holds the id ran with its own payload")
                    .isEqualTo(Runners.discover().forType(ran.workloadType()).run(ran));
            assertThat(rejections).anySatisfy(r -> {
                assertThat(r.get("errors").get(0).asText()).startsWith("job_id: already used by a different job");
                assertThat(r.get("body").asText()).isEqualTo(Json.write(other));
            });
            assertThat(rejections).anySatisfy(r -> assertThat(r.get("errors").get(0).asText())
                    .startsWith("job_ref: s3://" + stack.out.claimBucket() + "/" + outside)
                    .endsWith("not read"));
        }
    }

    /** The claim in DynamoDB is held as long as the platform can run the job, on a clock the test moves. */
    @Test
    void dynamoDbClaimsFollowThePlatformsRunTime() {
        EmulatorBackend backend = EmulatorBackend.get();
        try (E2eStack stack = new E2eStack(backend, "e2e-claims", 5, 30)) {
            MutableClock clock = new MutableClock(Instant.now());
            IdempotencyStore store = new DynamoDbIdempotencyStore(stack.aws.dynamo, stack.out.idempotencyTable(), clock);
            Duration ecs = RunLimits.DEFAULT.claimTimeout(Platform.ECS);
            Duration lambda = RunLimits.DEFAULT.claimTimeout(Platform.LAMBDA);
            assertThat(store.claim("on-ecs", "fp-1", ecs)).isEqualTo(IdempotencyStore.Claim.CLAIMED);
            assertThat(store.claim("on-lambda", "fp-1", lambda)).isEqualTo(IdempotencyStore.Claim.CLAIMED);
            assertThat(store.claim("on-lambda", "fp-2", lambda)).isEqualTo(IdempotencyStore.Claim.CONFLICT);
            clock.advance(Duration.ofMinutes(16));
            assertThat(store.claim("on-ecs", "fp-1", ecs)).as("ECS claim after 16 min")
                    .isEqualTo(IdempotencyStore.Claim.DUPLICATE);
            assertThat(store.claim("on-lambda", "fp-1", lambda)).as("Lambda claim after 16 min, within the margin")
                    .isEqualTo(IdempotencyStore.Claim.DUPLICATE);
            clock.advance(Duration.ofMinutes(1).plusSeconds(1));
            assertThat(store.claim("on-lambda", "fp-2", lambda)).as("another job, once the claim is abandoned")
                    .isEqualTo(IdempotencyStore.Claim.CONFLICT);
            assertThat(store.claim("on-lambda", "fp-1", lambda)).as("Lambda claim abandoned after 15 min + margin")
                    .isEqualTo(IdempotencyStore.Claim.CLAIMED);
            store.release("on-lambda", "fp-2");
            assertThat(store.claim("on-lambda", "fp-1", lambda)).as("not released by another job")
                    .isEqualTo(IdempotencyStore.Claim.DUPLICATE);
            store.complete("on-lambda", "fp-1");
            Map<String, AttributeValue> item = stack.aws.dynamo.getItem(r -> r.tableName(stack.out.idempotencyTable())
                    .key(Map.of("id", AttributeValue.fromS("job#on-lambda")))).item();
            assertThat(item.get("status").s()).isEqualTo("COMPLETED");
            assertThat(item.get("fingerprint").s()).isEqualTo("fp-1");
        }
    }
}
