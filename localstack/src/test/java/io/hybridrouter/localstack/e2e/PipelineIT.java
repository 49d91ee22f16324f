package io.hybridrouter.localstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.dispatch.inspect.DeclaredBus;
import io.hybridrouter.dispatch.topology.RoutingTopology;
import io.hybridrouter.ingest.JobProducer;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.claim.EcsOverrides;
import io.hybridrouter.training.sim.JobGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Mixed jobs through the queue, the classifier, the bus, both platforms' targets and the executors. */
class PipelineIT {

    @Test
    void everyJobIsDecidedOnceRunsWhereItWasRoutedAndInvalidOnesAreRejected() {
        EmulatorBackend backend = EmulatorBackend.get();
        try (E2eStack stack = new E2eStack(backend, "e2e-pipe", 5, 30)) {
            List<String> valid = new ArrayList<>();
            for (Job j : new JobGenerator().generate(40, 2027)) {
                valid.add(Json.write(j));
            }
            // an ECS job too large for the container overrides: travels by claim check
            valid.add("{\"job_id\":\"big-etl\",\"workload_type\":\"data_etl\",\"payload_size_kb\":9000000,"
                    + "\"time_window\":\"night\",\"load_pattern\":\"low_load\",\"payload\":{\"blob\":\""
                    + "x".repeat(9_000) + "\"}}");
            List<String> invalid = List.of("{\"job_id\":\"bad-1\",\"payload_size_kb\":-5}", "not json at all",
                    "{\"job_id\":\"bad-2\",\"workload_type\":\"data_etl\",\"payload_size_kb\":1,"
                            + "\"time_window\":\"someday\",\"load_pattern\":\"low_load\"}");

            stack.start();
            List<JobProducer.Result> sent = stack.producer().sendRaw(valid, n -> { });
            assertThat(sent).allMatch(r -> r.status() == JobProducer.Status.SENT);
            // a producer that does not validate: these reach the classifier as they are
            invalid.forEach(body -> stack.aws.sqs.sendMessage(b -> b.queueUrl(stack.out.jobsQueueUrl())
                    .messageBody(body)));
            Set<String> jobIds = sent.stream().map(JobProducer.Result::jobId).collect(Collectors.toSet());

            List<JsonNode> outcomes = new ArrayList<>();
            try {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    outcomes.addAll(Queues.details(stack.aws.sqs, stack.out.outcomesQueueUrl()));
                    return outcomes.size() >= jobIds.size();
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(outcomes.size() + " of " + jobIds.size() + " outcomes; jobs queue "
                        + Queues.approximateCount(stack.aws.sqs, stack.out.jobsQueueUrl()) + ", audit "
                        + Queues.approximateCount(stack.aws.sqs, stack.out.auditQueueUrl()) + ", runtime "
                        + (stack.runtime() == null ? "none" : stack.runtime().lambdaInvocations + " lambda / "
                        + stack.runtime().ecsTasks + " ecs, errors " + stack.runtime().errors), e);
            }
            List<JsonNode> decisionEvents = Queues.drain(stack.aws.sqs, stack.out.auditQueueUrl()).stream()
                    .map(Json::read).toList();
            List<JsonNode> decisions = decisionEvents.stream().map(e -> e.get("detail")).toList();
            List<JsonNode> rejected = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                rejected.addAll(Queues.details(stack.aws.sqs, stack.out.rejectedQueueUrl()));
                return rejected.size() >= invalid.size();
            });

            // exactly one decision per valid job
            assertThat(decisions).extracting(d -> d.get("job_id").asText())
                    .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(jobIds);
            // each job ran once, where it was routed
            Map<String, String> platformOf = decisions.stream().collect(Collectors.toMap(
                    d -> d.get("job_id").asText(), d -> d.get("platform").asText()));
            assertThat(outcomes).extracting(o -> o.get("job_id").asText()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(jobIds);
            for (JsonNode o : outcomes) {
                assertThat(o.get("platform").asText()).as(o.toString()).isEqualTo(platformOf.get(o.get("job_id").asText()));
                assertThat(o.get("status").asText()).as(o.toString()).isEqualTo("succeeded");
                // the decision's propensity reaches the outcome on both platforms (for ECS, through the overrides)
                assertThat(o.get("propensity").isNumber()).as(o.toString()).isTrue();
            }
            Map<String, Long> perPlatform = decisions.stream().collect(Collectors.groupingBy(
                    d -> d.get("platform").asText(), Collectors.counting()));
            assertThat(perPlatform).containsKeys("lambda", "ecs");
            if (stack.runtime() != null) {
                assertThat(stack.runtime().errors).isEmpty();
                if (!stack.out.tapsOf(Platform.ECS).isEmpty()) {
                    assertThat(stack.runtime().ecsTasks.get()).isEqualTo(perPlatform.get("ecs").intValue());
                    assertThat(stack.runtime().overrides).allMatch(EcsOverrides::fits);
                    // the emulator's rules gave each task exactly what the declared bus renders for its decision
                    List<JsonNode> declared = decisionEvents.stream()
                            .flatMap(e -> DeclaredBus.route((ObjectNode) e).stream())
                            .filter(r -> r.target().kind() == RoutingTopology.Kind.ECS)
                            .map(r -> Json.read(r.input())).toList();
                    assertThat(stack.runtime().overrides.stream().map(Json::read).toList())
                            .containsExactlyInAnyOrderElementsOf(declared);
                }
                if (!stack.out.tapsOf(Platform.LAMBDA).isEmpty()) {
                    assertThat(stack.runtime().lambdaInvocations.get()).isEqualTo(perPlatform.get("lambda").intValue());
                }
            }
            JsonNode big = decisions.stream().filter(d -> d.get("job_id").asText().equals("big-etl")).findFirst()
                    .orElseThrow();
            assertThat(big.get("platform").asText()).isEqualTo("ecs");
            assertThat(big.get("ecs_job").asText()).startsWith("s3://" + stack.out.claimBucket() + "/");

            // invalid jobs are rejected with reasons, and the counts add up
            Map<String, JsonNode> byMessage = new HashMap<>();
            rejected.forEach(r -> byMessage.put(r.get("body").asText(), r));
            assertThat(byMessage.keySet()).containsExactlyInAnyOrderElementsOf(invalid);
            assertThat(byMessage.get(invalid.get(0)).get("errors").toString())
                    .contains("payload_size_kb: must be a finite number >= 0");
            assertThat(byMessage.get(invalid.get(2)).get("job_id").asText()).isEqualTo("bad-2");
            assertThat(decisions.size() + rejected.size()).isEqualTo(valid.size() + invalid.size());
            assertThat(Queues.approximateCount(stack.aws.sqs, stack.out.dlqUrl())).isZero();
            assertThat(Queues.approximateCount(stack.aws.sqs, stack.out.targetsDlqUrl())).isZero();
            assertThat(Queues.approximateCount(stack.aws.sqs, stack.out.jobsQueueUrl())).isZero();
            assertThat(decisions.stream().collect(Collectors.toMap(d -> d.get("job_id").asText(), Function.identity())))
                    .hasSize(jobIds.size());
        }
    }
}
