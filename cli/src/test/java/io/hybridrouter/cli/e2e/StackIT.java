package io.hybridrouter.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.cli.CliRun;
import io.hybridrouter.dispatch.topology.RoutingTopology;
import io.hybridrouter.localstack.e2e.EmulatorBackend;
import io.hybridrouter.localstack.e2e.Queues;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.option.RunOptions;
import io.hybridrouter.training.sim.JobGenerator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** The CLI's stack and worker commands as a user runs them: deploy twice, run the classifier, stop it, destroy. */
class StackIT {

    @Test
    void deployIsIdempotentClassifierRunStopsCleanlyAndDestroyRemovesEverything(@TempDir Path dir) throws Exception {
        EmulatorBackend backend = EmulatorBackend.get();
        String endpoint = backend.endpoint().toString();
        String name = EmulatorBackend.uniqueName("e2e-cli");
        String emulator = backend.emulator().wireName();

        CliRun first = CliRun.of("stack", "deploy", "--endpoint", endpoint, "--name", name, "--emulator", emulator,
                "--json");
        assertThat(first.exitCode()).as(first.err()).isZero();
        JsonNode out = Json.read(first.out());
        for (String key : List.of("jobs_queue_url", "dlq_url", "rejected_queue_url", "audit_queue_url", "bus_name",
                "rules", "cluster_arn", "task_definition_arn")) {
            assertThat(out.has(key)).as(key).isTrue();
        }
        assertThat(out.get("rules")).hasSize(RoutingTopology.rules().size());
        assertThat(out.get("rules").toString()).contains(name + "-option-ecs-arm64-0.5vcpu-4gb-spot")
                .contains(name + "-lambda-decisions").contains(name + "-ecs-decisions");
        // the cluster offers both capacity providers; the worker is registered for both architectures
        assertThat(out.get("capacity_providers")).extracting(JsonNode::asText)
                .containsExactly("FARGATE", "FARGATE_SPOT");
        assertThat(out.get("task_definition_arns").get("x86_64").asText()).contains(name + "-worker:");
        assertThat(out.get("task_definition_arns").get("arm64").asText()).contains(name + "-worker-arm64:");
        var ecs = backend.clients().ecs;
        assertThat(ecs.describeClusters(b -> b.clusters(name)).clusters().get(0).capacityProviders())
                .containsExactlyInAnyOrder("FARGATE", "FARGATE_SPOT");
        var arm = ecs.describeTaskDefinition(b -> b.taskDefinition(name + "-worker-arm64")).taskDefinition();
        assertThat(arm.runtimePlatform().cpuArchitectureAsString()).isEqualTo("ARM64");
        assertThat(arm.containerDefinitions().get(0).stopTimeout()).isEqualTo(120);
        assertThat(arm.containerDefinitions().get(0).memory()).isNull();
        if ("moto".equals(emulator)) {
            assertThat(out.get("taps")).hasSize(RunOptions.declared().all().size());
        }
        CliRun again = CliRun.of("stack", "deploy", "--endpoint", endpoint, "--name", name, "--emulator", emulator,
                "--json");
        assertThat(again.exitCode()).as(again.err()).isZero();
        JsonNode out2 = Json.read(again.out());
        assertThat(out2.get("jobs_queue_url")).isEqualTo(out.get("jobs_queue_url"));
        assertThat(out2.get("task_definition_arn")).isEqualTo(out.get("task_definition_arn"));
        assertThat(out2.get("task_definition_arns")).isEqualTo(out.get("task_definition_arns"));
        assertThat(out2.get("taps")).isEqualTo(out.get("taps"));
        assertThat(out2.get("rules")).isEqualTo(out.get("rules"));
        assertThat(CliRun.of("rules", "diff", "--endpoint", endpoint, "--bus", name, "--emulator", emulator)
                .exitCode()).isZero();

        String queue = out.get("jobs_queue_url").asText();
        Path jobs = dir.resolve("jobs.jsonl");
        // line 7 has a byte that is not UTF-8: that line is rejected by number, the 12 others are sent
        List<String> lines = new ArrayList<>(new JobGenerator().generate(12, 99).stream().map(Json::write)
                .toList());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            if (i == 6) {
                bytes.write(new byte[] {'{', '"', 'x', '"', ':', '"', (byte) 0xFF, '"', '}', '\n'});
            }
            bytes.write((lines.get(i) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Files.write(jobs, bytes.toByteArray());
        CliRun submit = CliRun.of("submit", "--endpoint", endpoint, "--queue-url", queue, jobs.toString());
        assertThat(submit.exitCode()).as(submit.err()).isEqualTo(1);
        assertThat(submit.out()).startsWith("sent 12, rejected 1, failed 0");
        assertThat(submit.err()).isEqualTo("line 7: not valid UTF-8: rejected" + System.lineSeparator());

        // the worker as a separate process, stopped with SIGTERM after it has work in hand
        Path jar = Path.of(System.getProperty("router.repo.root", "..")).resolve("cli/target/router-cli.jar");
        Path log = dir.resolve("worker.log");
        Process worker = new ProcessBuilder("java", "-jar", jar.toString(), "classifier", "run", "--endpoint", endpoint,
                "--queue-url", queue, "--bus", out.get("bus_name").asText(), "--claim-bucket",
                out.get("claim_bucket").asText(), "--max-idle", "0").redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        var sqs = backend.clients().sqs;
        String audit = out.get("audit_queue_url").asText();
        // distinct jobs: a PutEvents call that times out after the bus accepted it is resent entry by entry
        // (at-least-once), so a slow emulator can put the same decision on the audit queue twice
        Set<String> decided = new HashSet<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> {
            Queues.details(sqs, audit).forEach(d -> decided.add(d.get("job_id").asText()));
            return decided.size() >= 12;
        });
        worker.destroy();
        assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(log)).contains("classifier: reading " + queue)
                .containsPattern("classifier: \\d+ batch(es)?, \\d+ messages?, \\d+ done, 0 returned for retry");
        assertThat(Queues.approximateCount(sqs, queue)).isZero();

        CliRun destroy = CliRun.of("stack", "destroy", "--endpoint", endpoint, "--name", name);
        assertThat(destroy.exitCode()).as(destroy.err()).isZero();
        assertThat(destroy.out()).contains("removed rule " + name + "-ecs-decisions").contains("removed queue "
                + name + "-jobs").contains("removed rule " + name + "-option-lambda-arm64-1769mb")
                .contains("stack " + name + " destroyed");
        if ("moto".equals(emulator)) {
            assertThat(destroy.out()).contains("removed queue " + name + "-tap-ecs-x86_64-0_25vcpu-0_5gb-spot");
            assertThat(sqs.listQueues(b -> b.queueNamePrefix(name + "-")).queueUrls()).isEmpty();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sqs.getQueueUrl(b -> b.queueName(name + "-jobs")))
                .isInstanceOf(QueueDoesNotExistException.class);
        CliRun list = CliRun.of("rules", "list", "--endpoint", endpoint, "--bus", name);
        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(list.err()).contains("event bus " + name + " does not exist");
        assertThat(CliRun.of("stack", "destroy", "--endpoint", endpoint, "--name", name).out())
                .contains("nothing to remove");
    }
}
