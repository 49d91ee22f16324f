package io.hybridrouter.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.cli.CliRun;
import io.hybridrouter.contracts.Contracts;
import io.hybridrouter.localstack.embedded.EmbeddedStack;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.WorkloadType;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.training.Trainer;
import io.hybridrouter.training.sim.JobGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Outcomes measured by the embedded stack, written as {@code router up --events} writes them, train a
 * model: {@code router train --outcomes}.
 */
class TrainFromOutcomesIT {

    // enough for Lambda to keep over Trainer.MIN_OUTCOMES in the training part (55%) after 2% exploration
    private static final int JOBS = 420;

    @Test
    void outcomesTheEmbeddedStackMeasuredTrainAModelAndAPlatformWithTooFewKeepsThePrior(@TempDir Path dir)
            throws IOException {
        Path events = dir.resolve("events.jsonl");
        List<Job> jobs = new JobGenerator().generate(4_000, 11).stream()
                .filter(j -> j.workload() == WorkloadType.LIGHTWEIGHT_API).limit(JOBS).toList();
        assertThat(jobs).hasSize(JOBS);
        RouterConfig config = RouterConfig.defaults();
        JobRouter router = new JobRouter(ModelArtefacts.loadBundled(), config, Clock.systemUTC());
        try (EventLines sink = new EventLines(Files.newBufferedWriter(events, StandardCharsets.UTF_8),
                events.toString(), () -> { }, why -> { });
                EmbeddedStack stack = EmbeddedStack.start(0, config, router, sink)) {
            for (int i = 0; i < jobs.size(); i += 10) {
                List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
                for (Job j : jobs.subList(i, Math.min(jobs.size(), i + 10))) {
                    batch.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(batch.size()))
                            .messageBody(Json.write(j)).build());
                }
                stack.sqs().sendMessageBatch(b -> b.queueUrl(stack.jobsQueueUrl()).entries(batch));
            }
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> completed(events).size() == JOBS);
        }
        JsonNode measured = completed(events).get(0).get("detail").get("measured");
        assertThat(measured.get("source").asText()).isEqualTo("embedded");
        assertThat(measured.get("startup_source").asText()).isEqualTo("measured");

        Path out = dir.resolve("model");
        CliRun run = CliRun.of("train", "--outcomes", events.toString(), "--out", out.toString(), "--seed", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("outcomes: " + JOBS + " records");
        JsonNode metadata = Json.read(Files.readString(out.resolve(ModelArtefacts.METADATA_FILE)));
        assertThat(metadata.get("trained_on").asText()).isEqualTo("outcomes");
        assertThat(metadata.get("data_rows").asInt()).isEqualTo(JOBS);
        // small API calls go to Lambda: its predictors are trained on them; ECS saw too few and keeps the prior
        JsonNode platforms = metadata.get("platforms");
        assertThat(platforms.get("lambda").get("outcomes").asInt() + platforms.get("ecs").get("outcomes").asInt())
                .isEqualTo(JOBS);
        assertThat(platforms.get("lambda").get("source").asText()).isEqualTo("trained");
        assertThat(platforms.get("ecs").get("source").asText()).isEqualTo("prior");
        assertThat(platforms.get("ecs").get("note").asText()).contains("fewer than " + Trainer.MIN_OUTCOMES);
        assertThat(ModelArtefacts.load(out).metadata().trainedOn()).isEqualTo("outcomes");
    }

    private static List<JsonNode> completed(Path events) throws IOException {
        if (!Files.exists(events)) {
            return List.of();
        }
        return Files.readAllLines(events).stream().filter(l -> !l.isBlank()).map(Json::read)
                .peek(Contracts::requireValidEvent)
                .filter(e -> "JobCompleted".equals(e.get("detail-type").asText())).toList();
    }
}
