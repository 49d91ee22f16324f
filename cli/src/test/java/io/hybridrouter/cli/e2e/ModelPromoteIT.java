package io.hybridrouter.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.cli.CliRun;
import io.hybridrouter.localstack.e2e.EmulatorBackend;
import io.hybridrouter.localstack.e2e.Queues;
import io.hybridrouter.shared.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A retrained model promoted to S3 is taken by a running {@code classifier run} that follows the S3
 * location: its decisions carry the new {@code model_version} without a restart; promoting the old
 * version again rolls it back.
 */
class ModelPromoteIT {

    private static final String JOB = "{\"job_id\":\"%s\",\"workload_type\":\"data_etl\",\"payload_size_kb\":100,"
            + "\"time_window\":\"night\",\"load_pattern\":\"low_load\"}";

    @Test
    void aRunningClassifierDecidesWithAModelPromotedToS3WithoutARestart(@TempDir Path dir) throws Exception {
        EmulatorBackend backend = EmulatorBackend.get();
        String endpoint = backend.endpoint().toString();
        String name = EmulatorBackend.uniqueName("e2e-promote");
        CliRun deploy = CliRun.of("stack", "deploy", "--endpoint", endpoint, "--name", name, "--emulator",
                backend.emulator().wireName(), "--json");
        assertThat(deploy.exitCode()).as(deploy.err()).isZero();
        JsonNode stack = Json.read(deploy.out());
        String bucket = name + "-models";
        backend.clients().s3.createBucket(b -> b.bucket(bucket));
        String location = "s3://" + bucket + "/router/";

        Path bundled = dir.resolve("bundled");
        ModelArtefacts.save(bundled, ModelArtefacts.loadBundled());
        String v1 = ModelArtefacts.load(bundled).version();
        Path retrained = dir.resolve("retrained");
        CliRun train = CliRun.of("train", "--generate", "2000", "--seed", "7", "--out", retrained.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        String v2 = ModelArtefacts.load(retrained).version();
        assertThat(v2).isNotEqualTo(v1);

        CliRun first = CliRun.of("model", "promote", bundled.toString(), "--to", location, "--endpoint-url", endpoint);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("promoted " + v1 + " at " + location);

        String jobs = stack.get("jobs_queue_url").asText();
        String audit = stack.get("audit_queue_url").asText();
        CompletableFuture<CliRun> worker = CompletableFuture.supplyAsync(() -> CliRun.of("classifier", "run",
                "--endpoint", endpoint, "--name", name, "--queue-url", jobs, "--model", location,
                "--model-refresh", "PT1S", "--max-idle", "15s"));
        AtomicInteger sent = new AtomicInteger();
        Set<String> versions = ConcurrentHashMap.newKeySet();
        try {
            decideUntil(backend, jobs, audit, sent, versions, v1);

            CliRun promote = CliRun.of("model", "promote", retrained.toString(), "--to", location,
                    "--endpoint-url", endpoint);
            assertThat(promote.exitCode()).as(promote.err()).isZero();
            assertThat(promote.out()).contains("promoted " + v2 + " at " + location + " (previous: " + v1);
            decideUntil(backend, jobs, audit, sent, versions, v2);

            CliRun rollback = CliRun.of("model", "promote", bundled.toString(), "--to", location,
                    "--endpoint-url", endpoint);
            assertThat(rollback.exitCode()).as(rollback.err()).isZero();
            assertThat(rollback.err()).contains("already in " + location + v1 + "/");
            decideUntil(backend, jobs, audit, sent, versions, v1);
        } finally {
            CliRun run = worker.get(90, TimeUnit.SECONDS);
            // one process throughout, which read the queue until it was idle and then stopped cleanly
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).contains("(model " + v1 + ")");
        }
        assertThat(versions).containsExactlyInAnyOrder(v1, v2);
    }

    /** Sends a job at a time and reads the decisions until one is made with {@code version}. */
    private static void decideUntil(EmulatorBackend backend, String jobs, String audit, AtomicInteger sent,
            Set<String> versions, String version) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(700)).until(() -> {
            String id = "promote-" + sent.incrementAndGet();
            backend.clients().sqs.sendMessage(b -> b.queueUrl(jobs).messageBody(JOB.formatted(id)));
            List<String> seen = Queues.drain(backend.clients().sqs, audit).stream().map(Json::read)
                    .filter(e -> "RoutingDecision".equals(e.path("detail-type").asText()))
                    .map(e -> e.get("detail").get("model_version").asText()).toList();
            versions.addAll(seen);
            return seen.contains(version);
        });
    }
}
