package io.hybridrouter.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.events.Backoff;
import io.hybridrouter.shared.events.EventPublisher;
import io.hybridrouter.shared.log.RouterLog;
import io.hybridrouter.shared.testing.FakeEventBridge;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClassifierMetricsTest {

    @Test
    void emitsOneEmbeddedMetricFormatLinePerBatch() {
        List<String> lines = new ArrayList<>();
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
        FakeEventBridge bus = new FakeEventBridge().failEntriesWhere(e -> e.detail().contains("\"fails\""));
        BatchClassifier classifier = new BatchClassifier(new JobValidator(),
                new JobRouter(ModelArtefacts.loadBundled(), 0.6, Platform.LAMBDA, clock),
                new DecisionDispatch(Optional.empty()),
                EventPublisher.builder(bus, "bus").backoff(new Backoff(1, 0, 0)).sleeper(ms -> { }).build(), clock, RouterLog.NONE,
                ClassifierMetrics.emf(lines::add, clock));

        classifier.classify(Fixtures.sqsOf(List.of(
                "{\"job_id\":\"a\",\"workload_type\":\"lightweight_api\",\"payload_size_kb\":1,\"time_window\":\"night\","
                        + "\"load_pattern\":\"low_load\"}",
                "{\"job_id\":\"fails\",\"workload_type\":\"data_etl\",\"payload_size_kb\":9000000,"
                        + "\"time_window\":\"night\",\"load_pattern\":\"low_load\"}",
                "{\"bad\":true}")).getRecords());

        assertThat(lines).hasSize(1);
        JsonNode line = Json.read(lines.get(0));
        JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
        assertThat(line.get("_aws").get("Timestamp").asLong()).isEqualTo(clock.millis());
        assertThat(directive.get("Namespace").asText()).isEqualTo("HybridRouter");
        assertThat(directive.get("Metrics")).extracting(m -> m.get("Name").asText()).containsExactly(
                "DecisionsLambda", "DecisionsEcs", "Confidence", "InferenceLatency", "RejectedJobs", "PublishFailures");
        assertThat(line.get("DecisionsLambda").asInt()).isEqualTo(1);
        assertThat(line.get("DecisionsEcs").asInt()).isEqualTo(1);
        assertThat(line.get("RejectedJobs").asInt()).isEqualTo(1);
        assertThat(line.get("PublishFailures").asInt()).isEqualTo(1);
        assertThat(line.get("Confidence")).hasSize(2);
        assertThat(line.get("InferenceLatency")).hasSize(2);
        assertThat(line.get("Service").asText()).isEqualTo("classifier");
    }
}
