package io.hybridrouter.classifier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Platform;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the classifier reports per batch. {@link #emf} writes CloudWatch Embedded Metric Format:
 * one JSON log line per batch that CloudWatch turns into metrics, with no API call and no extra
 * library (Powertools' metrics module would bring AspectJ weaving for the sake of one line).
 */
public interface ClassifierMetrics {

    /**
     * One batch's numbers.
     *
     * @param decisions       platform of each decision
     * @param confidences     confidence of each decision
     * @param inferenceMicros time of each decision (features, model, guardrails)
     * @param rejected        jobs rejected as invalid
     * @param publishFailures records returned for retry
     */
    record Batch(List<Platform> decisions, List<Double> confidences, List<Double> inferenceMicros, int rejected,
            int publishFailures) {
    }

    void record(Batch batch);

    /** Reports nothing (tests, the CLI worker). */
    ClassifierMetrics NONE = batch -> { };

    String NAMESPACE = "HybridRouter";

    /** EMF lines to {@code sink} (stdout in Lambda, which goes to CloudWatch Logs). */
    static ClassifierMetrics emf(Consumer<String> sink, Clock clock) {
        return batch -> {
            ObjectNode line = Json.object();
            ObjectNode aws = line.putObject("_aws");
            aws.put("Timestamp", clock.millis());
            ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
            directive.put("Namespace", NAMESPACE);
            directive.putArray("Dimensions").addArray().add("Service");
            ArrayNode metrics = directive.putArray("Metrics");
            metrics.addObject().put("Name", "DecisionsLambda").put("Unit", "Count");
            metrics.addObject().put("Name", "DecisionsEcs").put("Unit", "Count");
            metrics.addObject().put("Name", "Confidence").put("Unit", "None");
            metrics.addObject().put("Name", "InferenceLatency").put("Unit", "Microseconds");
            metrics.addObject().put("Name", "RejectedJobs").put("Unit", "Count");
            metrics.addObject().put("Name", "PublishFailures").put("Unit", "Count");
            line.put("Service", "classifier");
            line.put("DecisionsLambda", batch.decisions().stream().filter(p -> p == Platform.LAMBDA).count());
            line.put("DecisionsEcs", batch.decisions().stream().filter(p -> p == Platform.ECS).count());
            // EMF takes up to 100 values per metric per line; a batch can hold more, so keep the first 100
            line.set("Confidence", Json.MAPPER.valueToTree(batch.confidences().stream().limit(100).toList()));
            line.set("InferenceLatency", Json.MAPPER.valueToTree(batch.inferenceMicros().stream().limit(100).toList()));
            line.put("RejectedJobs", batch.rejected());
            line.put("PublishFailures", batch.publishFailures());
            sink.accept(Json.write(line));
        };
    }
}
