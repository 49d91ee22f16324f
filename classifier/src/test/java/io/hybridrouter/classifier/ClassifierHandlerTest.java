package io.hybridrouter.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.claim.ClaimCheckStore;
import io.hybridrouter.shared.claim.EcsOverrides;
import io.hybridrouter.shared.claim.InMemoryClaimCheckStore;
import io.hybridrouter.shared.events.Backoff;
import io.hybridrouter.shared.events.EventPublisher;
import io.hybridrouter.shared.events.EventTypes;
import io.hybridrouter.shared.log.RouterLog;
import io.hybridrouter.shared.testing.FakeEventBridge;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

class ClassifierHandlerTest {

    private static final RoutingModel MODEL = ModelArtefacts.loadBundled();
    private final List<String> log = new ArrayList<>();

    private ClassifierHandler handler(FakeEventBridge bus, Optional<ClaimCheckStore> claims) {
        JobRouter router = new JobRouter(MODEL, 0.6, Platform.LAMBDA, Clock.systemUTC());
        EventPublisher publisher = EventPublisher.builder(bus, "bus-1").backoff(new Backoff(3, 1, 2)).sleeper(ms -> { })
                .log(RouterLog.plain(log::add)).build();
        return new ClassifierHandler(BatchClassifier.builder(router, publisher).dispatch(new DecisionDispatch(claims))
                .log(RouterLog.plain(log::add)).build());
    }

    private static JsonNode detail(PutEventsRequestEntry e) {
        return Json.read(e.detail());
    }

    @Test
    void publishesDecisionsForValidJobsAndRejectionsForInvalidOnes() {
        FakeEventBridge bus = new FakeEventBridge();
        SQSBatchResponse response = handler(bus, Optional.empty()).handleRequest(Fixtures.sqs("sqs-mixed-batch.json"),
                null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        List<PutEventsRequestEntry> decisions = bus.accepted(EventTypes.ROUTING_DECISION);
        assertThat(decisions).extracting(e -> detail(e).get("job_id").asText())
                .containsExactlyInAnyOrder("api-1", "etl-1", "long-1");
        JsonNode api = decisions.stream().map(ClassifierHandlerTest::detail)
                .filter(d -> d.get("job_id").asText().equals("api-1")).findFirst().orElseThrow();
        assertThat(api.get("platform").asText()).isEqualTo("lambda");
        assertThat(api.has("ecs_job")).isFalse();
        JsonNode etl = decisions.stream().map(ClassifierHandlerTest::detail)
                .filter(d -> d.get("job_id").asText().equals("etl-1")).findFirst().orElseThrow();
        assertThat(etl.get("platform").asText()).isEqualTo("ecs");
        assertThat(Json.read(new String(java.util.Base64.getDecoder().decode(etl.get("ecs_job").asText()),
                java.nio.charset.StandardCharsets.UTF_8)).get("payload").get("source").asText())
                .isEqualTo("s3://in/x.csv");
        JsonNode longJob = decisions.stream().map(ClassifierHandlerTest::detail)
                .filter(d -> d.get("job_id").asText().equals("long-1")).findFirst().orElseThrow();
        assertThat(longJob.get("reason").asText()).isEqualTo("limit:duration");

        List<JsonNode> rejected = bus.accepted(EventTypes.JOB_REJECTED).stream().map(ClassifierHandlerTest::detail)
                .toList();
        assertThat(rejected).hasSize(2);
        JsonNode bad = rejected.stream().filter(r -> "m-bad".equals(r.get("message_id").asText())).findFirst()
                .orElseThrow();
        assertThat(bad.get("job_id").asText()).isEqualTo("bad-1");
        assertThat(bad.get("errors").toString()).contains("payload_size_kb: must be a finite number >= 0")
                .contains("time_window: must be one of").contains("load_pattern: is required");
        JsonNode junk = rejected.stream().filter(r -> "m-junk".equals(r.get("message_id").asText())).findFirst()
                .orElseThrow();
        assertThat(junk.has("job_id")).isFalse();
        assertThat(junk.get("body").asText()).isEqualTo("this is not json");
        assertThat(junk.get("errors").get(0).asText()).startsWith("job: malformed JSON");
    }

    @Test
    void reportsOnlyTheMessagesWhoseEventsCouldNotBePublished() {
        FakeEventBridge bus = new FakeEventBridge().failEntriesWhere(e -> e.detail().contains("\"etl-1\""));
        SQSBatchResponse response = handler(bus, Optional.empty()).handleRequest(Fixtures.sqs("sqs-mixed-batch.json"),
                null);
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m-etl");
        assertThat(bus.accepted()).hasSize(4);
        // first call carried all five; each retry only the failing entry
        assertThat(bus.calls()).extracting(List::size).containsExactly(5, 1, 1);
    }

    @Test
    void returnsTheWholeBatchForRetryWhenEventBridgeIsThrottledThroughout() {
        FakeEventBridge bus = new FakeEventBridge().throttleNextCalls(10);
        SQSBatchResponse response = handler(bus, Optional.empty()).handleRequest(Fixtures.sqs("sqs-mixed-batch.json"),
                null);
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactlyInAnyOrder("m-api", "m-etl", "m-bad", "m-junk", "m-long");
        assertThat(bus.accepted()).isEmpty();
    }

    @Test
    void recoversWhenThrottlingPassesWithinTheRetries() {
        // the batch's call is throttled past the SDK's retries; each record then goes in a call of its own
        FakeEventBridge bus = new FakeEventBridge().throttleNextCalls(1);
        SQSBatchResponse response = handler(bus, Optional.empty()).handleRequest(Fixtures.sqs("sqs-mixed-batch.json"),
                null);
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(bus.accepted()).hasSize(5);
    }

    @Test
    void publishesBatchesLargerThanTenInCallsOfTen() {
        List<String> bodies = IntStream.range(0, 25).mapToObj(i -> "{\"job_id\":\"j" + i
                + "\",\"workload_type\":\"lightweight_api\",\"payload_size_kb\":1,\"time_window\":\"night\","
                + "\"load_pattern\":\"low_load\"}").toList();
        FakeEventBridge bus = new FakeEventBridge();
        SQSBatchResponse response = handler(bus, Optional.empty()).handleRequest(Fixtures.sqsOf(bodies), null);
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(bus.calls()).extracting(List::size).containsExactly(10, 10, 5);
    }

    @Test
    void sendsAJobTooLargeForContainerOverridesByClaimCheck() {
        InMemoryClaimCheckStore store = new InMemoryClaimCheckStore();
        String payload = "x".repeat(9_000);
        String body = "{\"job_id\":\"big-1\",\"workload_type\":\"data_etl\",\"payload_size_kb\":5000000,"
                + "\"time_window\":\"night\",\"load_pattern\":\"low_load\",\"payload\":{\"blob\":\"" + payload + "\"}}";
        FakeEventBridge bus = new FakeEventBridge();
        handler(bus, Optional.of(store)).handleRequest(Fixtures.sqsOf(List.of(body)), null);

        JsonNode d = detail(bus.accepted(EventTypes.ROUTING_DECISION).get(0));
        assertThat(d.get("platform").asText()).isEqualTo("ecs");
        String ref = d.get("job_ref").asText();
        assertThat(ref).startsWith("s3://");
        assertThat(d.get("ecs_job").asText()).isEqualTo(ref);
        assertThat(EcsOverrides.render("big-1", d.get("model_version").asText(), d.get("decided_at").asText(),
                d.get("propensity").asDouble(), ref).length()).isLessThan(8_192);
        assertThat(Json.read(store.get(ref).orElseThrow()).get("payload").get("blob").asText()).hasSize(9_000);
    }

    @Test
    void rejectsAJobTooLargeToDispatchWhenNoClaimCheckBucketIsConfigured() {
        String body = "{\"job_id\":\"big-2\",\"workload_type\":\"data_etl\",\"payload_size_kb\":5000000,"
                + "\"time_window\":\"night\",\"load_pattern\":\"low_load\",\"payload\":\"" + "y".repeat(9_000) + "\"}";
        FakeEventBridge bus = new FakeEventBridge();
        SQSBatchResponse response = handler(bus, Optional.empty()).handleRequest(Fixtures.sqsOf(List.of(body)), null);
        assertThat(response.getBatchItemFailures()).isEmpty();
        JsonNode r = detail(bus.accepted(EventTypes.JOB_REJECTED).get(0));
        assertThat(r.get("job_id").asText()).isEqualTo("big-2");
        assertThat(r.get("errors").get(0).asText()).contains("ROUTER_CLAIM_BUCKET");
        assertThat(r.get("truncated").asBoolean()).isTrue();
    }

    @Test
    void returnsARecordForRetryWhenTheClaimCheckStoreFails() {
        ClaimCheckStore broken = new ClaimCheckStore() {
            @Override
            public String put(String jobId, String jobJson) {
                throw new IllegalStateException("S3 unavailable");
            }

            @Override
            public Optional<String> get(String reference) {
                return Optional.empty();
            }
        };
        String big = "{\"job_id\":\"big-3\",\"workload_type\":\"data_etl\",\"payload_size_kb\":5000000,"
                + "\"time_window\":\"night\",\"load_pattern\":\"low_load\",\"payload\":\"" + "z".repeat(9_000) + "\"}";
        String small = "{\"job_id\":\"s1\",\"workload_type\":\"lightweight_api\",\"payload_size_kb\":1,"
                + "\"time_window\":\"night\",\"load_pattern\":\"low_load\"}";
        FakeEventBridge bus = new FakeEventBridge();
        SQSBatchResponse response = handler(bus, Optional.of(broken)).handleRequest(Fixtures.sqsOf(List.of(big, small)),
                null);
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m0");
        assertThat(bus.accepted(EventTypes.ROUTING_DECISION)).hasSize(1);
        assertThat(log).anyMatch(l -> l.contains("S3 unavailable"));
    }

    @Test
    void emptyOrMissingRecordsAreAnEmptyResponse() {
        FakeEventBridge bus = new FakeEventBridge();
        assertThat(handler(bus, Optional.empty()).handleRequest(new SQSEvent(), null).getBatchItemFailures()).isEmpty();
        assertThat(bus.calls()).isEmpty();
    }

    private static String deepJob(String jobId, int payloadDepth) {
        return "{\"job_id\":\"" + jobId + "\",\"workload_type\":\"lightweight_api\",\"payload_size_kb\":1,"
                + "\"time_window\":\"night\",\"load_pattern\":\"low_load\",\"payload\":"
                + "[".repeat(payloadDepth) + "]".repeat(payloadDepth) + "}";
    }

    private static int depth(JsonNode node) {
        int d = 0;
        while (node != null && node.isContainerNode()) {
            d++;
            node = node.size() == 0 ? null : node.elements().next();
        }
        return d;
    }

    @Test
    void givesAJobWithoutAnIdTheSameIdEachTimeItsMessageIsDelivered() {
        String body = "{\"workload_type\":\"lightweight_api\",\"payload_size_kb\":1,\"time_window\":\"night\","
                + "\"load_pattern\":\"low_load\"}";
        FakeEventBridge bus = new FakeEventBridge();
        ClassifierHandler h = handler(bus, Optional.empty());
        h.handleRequest(Fixtures.sqsOf(List.of(body)), null);
        h.handleRequest(Fixtures.sqsOf(List.of(body)), null);
        List<String> ids = bus.accepted(EventTypes.ROUTING_DECISION).stream().map(e -> detail(e).get("job_id").asText())
                .toList();
        assertThat(ids).hasSize(2).containsOnly("msg-m0");
    }

    @Test
    void decidesAJobNestedAsDeepAsAllowedAndItsEventRoundTripsThroughTheLambdaRuntime() {
        FakeEventBridge bus = new FakeEventBridge();
        SQSBatchResponse response = handler(bus, Optional.empty())
                .handleRequest(Fixtures.sqsOf(List.of(deepJob("deep-ok", 992))), null);
        assertThat(response.getBatchItemFailures()).isEmpty();
        String detail = bus.accepted(EventTypes.ROUTING_DECISION).get(0).detail();
        // the envelope EventBridge puts around the detail; the executor Lambda gets exactly this
        com.fasterxml.jackson.databind.node.ObjectNode envelope = Json.object().put("version", "0")
                .put("id", "e-1").put("detail-type", EventTypes.ROUTING_DECISION).put("source", EventTypes.SOURCE)
                .put("account", "000000000000").put("time", "2026-01-01T00:00:00Z").put("region", "us-east-1");
        envelope.putArray("resources");
        envelope.set("detail", Json.read(detail));
        com.amazonaws.services.lambda.runtime.events.ScheduledEvent parsed = LambdaEventSerializers
                .serializerFor(com.amazonaws.services.lambda.runtime.events.ScheduledEvent.class,
                        getClass().getClassLoader()).fromJson(Json.write(envelope));
        io.hybridrouter.shared.RoutingDecision d = Json.MAPPER.convertValue(parsed.getDetail(),
                io.hybridrouter.shared.RoutingDecision.class);
        assertThat(d.jobId()).isEqualTo("deep-ok");
        assertThat(depth(d.job().payload())).isEqualTo(992);
        assertThat(depth(Json.read(Json.write(d)).get("job").get("payload"))).isEqualTo(992);
    }

    @Test
    void rejectsAJobNestedOneLevelTooDeepInsteadOfRetryingIt() {
        FakeEventBridge bus = new FakeEventBridge();
        SQSBatchResponse response = handler(bus, Optional.empty())
                .handleRequest(Fixtures.sqsOf(List.of(deepJob("deep-no", 993), deepJob("deep-999", 999))), null);
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(bus.accepted(EventTypes.ROUTING_DECISION)).isEmpty();
        assertThat(bus.accepted(EventTypes.JOB_REJECTED)).extracting(e -> detail(e).get("errors").get(0).asText())
                .containsExactly("payload: nests 993 levels; at most 992", "payload: nests 999 levels; at most 992");
    }

    @Test
    void rejectsAValidJobWhoseDecisionCannotBeWrittenAsJsonWithTheReason() {
        JobRouter router = new JobRouter(MODEL, 0.6, Platform.LAMBDA, Clock.systemUTC());
        FakeEventBridge bus = new FakeEventBridge();
        EventPublisher publisher = EventPublisher.builder(bus, "bus-1").backoff(new Backoff(3, 1, 2)).sleeper(ms -> { })
                .log(RouterLog.plain(log::add)).build();
        // a validator that lets through more nesting than the event can carry
        ClassifierHandler h = new ClassifierHandler(BatchClassifier.builder(router, publisher)
                .validator(new JobValidator(() -> "unused", 999)).log(RouterLog.plain(log::add)).build());
        SQSBatchResponse response = h.handleRequest(Fixtures.sqsOf(List.of(deepJob("deep-999", 999))), null);
        assertThat(response.getBatchItemFailures()).isEmpty();
        JsonNode r = detail(bus.accepted(EventTypes.JOB_REJECTED).get(0));
        assertThat(r.get("job_id").asText()).isEqualTo("deep-999");
        assertThat(r.get("errors").get(0).asText()).startsWith("job: cannot be written as JSON");
    }

    @Test
    void rejectsAJobWithAnUnpairedSurrogateAndEchoesItsBodyEscaped() {
        String body = "{\"job_id\":\"s-1\",\"workload_type\":\"lightweight_api\",\"payload_size_kb\":1,"
                + "\"time_window\":\"night\",\"load_pattern\":\"low_load\",\"payload\":{\"notes\":\"\ud800\"}}";
        FakeEventBridge bus = new FakeEventBridge();
        SQSBatchResponse response = handler(bus, Optional.empty()).handleRequest(Fixtures.sqsOf(List.of(body)), null);
        assertThat(response.getBatchItemFailures()).isEmpty();
        PutEventsRequestEntry rejected = bus.accepted(EventTypes.JOB_REJECTED).get(0);
        assertThat(io.hybridrouter.shared.Utf16.firstUnpaired(rejected.detail())).isEqualTo(-1);
        JsonNode r = detail(rejected);
        assertThat(r.get("errors").get(0).asText()).isEqualTo(
                "payload.notes: contains an unpaired UTF-16 surrogate (\\ud800); text must be valid Unicode");
        assertThat(r.get("body").asText()).contains("\"notes\":\"\\ud800\"");
    }
}
