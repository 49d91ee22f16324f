package io.hybridrouter.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.events.Backoff;
import io.hybridrouter.shared.events.EventPublisher;
import io.hybridrouter.shared.log.RouterLog;
import io.hybridrouter.shared.testing.FakeEventBridge;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/** Every record of any batch is published or reported as a failure: never both, never neither. */
class BatchClassifierPropertyTest {

    private static final RoutingModel MODEL = ModelArtefacts.loadBundled();

    @Provide
    Arbitrary<String> records() {
        Arbitrary<String> valid = Arbitraries.of("lightweight_api", "data_etl", "video_transcoding", "custom")
                .flatMap(type -> Arbitraries.doubles().between(0, 30_000_000).map(kb ->
                        "{\"workload_type\":\"" + type + "\",\"payload_size_kb\":" + kb
                                + ",\"time_window\":\"night\",\"load_pattern\":\"burst_load\"}"));
        Arbitrary<String> invalid = Arbitraries.of("{}", "[]", "not json", "{\"payload_size_kb\":-1}",
                "{\"workload_type\":\"a\",\"payload_size_kb\":NaN,\"time_window\":\"x\",\"load_pattern\":\"y\"}", "");
        return Arbitraries.frequencyOf(Tuple.of(3, valid), Tuple.of(1, invalid),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(40)));
    }

    @Property(tries = 200)
    void everyRecordIsPublishedOrReportedNeverBothNeverNeither(
            @ForAll @Size(max = 35) List<@From("records") String> bodies,
            @ForAll @IntRange(max = 100) int failurePercent,
            @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        FakeEventBridge bus = new FakeEventBridge()
                .failEntriesWhere(e -> random.nextInt(100) < failurePercent)
                .throttleNextCalls(random.nextInt(3));
        EventPublisher publisher = EventPublisher.builder(bus, "bus").backoff(new Backoff(3, 0, 0)).sleeper(ms -> { }).build();
        AtomicInteger ids = new AtomicInteger();
        BatchClassifier classifier = new BatchClassifier(new JobValidator(() -> "gen-" + ids.getAndIncrement()),
                new JobRouter(MODEL, 0.6, Platform.LAMBDA, Clock.systemUTC()), new DecisionDispatch(Optional.empty()),
                publisher, Clock.systemUTC(), RouterLog.NONE, ClassifierMetrics.NONE);

        SQSBatchResponse response = classifier.classify(Fixtures.sqsOf(bodies).getRecords());

        // a job without job_id is named after its message: msg-<message id>
        List<String> published = new ArrayList<>();
        for (PutEventsRequestEntry e : bus.accepted()) {
            JsonNode detail = Json.read(e.detail());
            published.add(detail.has("message_id") ? detail.get("message_id").asText()
                    : detail.get("job_id").asText().replaceFirst("^msg-", ""));
        }
        Set<String> reported = new HashSet<>();
        response.getBatchItemFailures().forEach(f -> assertThat(reported.add(f.getItemIdentifier())).isTrue());

        assertThat(published).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(reported).allSatisfy(id -> assertThat(published).doesNotContain(id));
        Set<String> union = new HashSet<>(published);
        union.addAll(reported);
        Set<String> all = new HashSet<>();
        for (int i = 0; i < bodies.size(); i++) {
            all.add("m" + i);
        }
        assertThat(union).isEqualTo(all);
    }
}
