package io.hybridrouter.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.cli.CliRun;
import io.hybridrouter.dispatch.topology.EventEnvelope;
import io.hybridrouter.dispatch.topology.RoutingTopology;
import io.hybridrouter.localstack.e2e.E2eStack;
import io.hybridrouter.localstack.e2e.EmulatorBackend;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.claim.EcsOverrides;
import io.hybridrouter.shared.events.EventTypes;
import io.hybridrouter.shared.option.RunOption;
import io.hybridrouter.shared.option.RunOptions;
import io.hybridrouter.training.sim.JobGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.Target;

/** {@code router rules list|test|explain|diff} against the emulator, including a deliberately drifted rule. */
class RulesIT {

    private static String[] args(EmulatorBackend backend, E2eStack stack, String... rest) {
        List<String> all = new ArrayList<>(List.of(rest));
        all.add("--endpoint");
        all.add(backend.endpoint().toString());
        all.add("--bus");
        all.add(stack.out.busName());
        return all.toArray(new String[0]);
    }

    @Test
    void listTestExplainAndDiffTheDeployedRules() {
        EmulatorBackend backend = EmulatorBackend.get();
        String emulator = backend.emulator().wireName();
        try (E2eStack stack = new E2eStack(backend, "e2e-rules", 5, 30)) {
            // list
            CliRun list = CliRun.of(args(backend, stack, "rules", "list", "--json"));
            assertThat(list.exitCode()).as(list.err()).isZero();
            JsonNode rules = Json.read(list.out()).get("rules");
            assertThat(rules).hasSize(RoutingTopology.rules().size());
            for (JsonNode r : rules) {
                assertThat(r.get("state").asText()).isEqualTo("ENABLED");
                assertThat(r.get("event_pattern").get("source").get(0).asText()).isEqualTo("hybrid.router");
                for (JsonNode t : r.get("targets")) {
                    assertThat(t.get("retry_policy").get("maximum_retry_attempts").asInt()).isEqualTo(8);
                    assertThat(t.get("dead_letter_arn").asText()).endsWith(stack.out.stack() + "-targets-dlq");
                }
            }
            JsonNode ecsRule = find(rules, stack.out.stack() + "-ecs-decisions");
            assertThat(ecsRule.get("targets").get(0).get("input_transformer").get("input_template").asText())
                    .contains("containerOverrides");

            // test: offline and live agree on 50+ events
            List<String> events = events(stack.out.busName());
            assertThat(events.size()).isGreaterThanOrEqualTo(50);
            for (String event : events) {
                CliRun offline = CliRun.of("rules", "test", "--offline", "--json", "--bus", stack.out.busName(),
                        "--event", event);
                CliRun live = CliRun.of(args(backend, stack, "rules", "test", "--json", "--event", event));
                assertThat(offline.exitCode()).as(offline.err()).isZero();
                assertThat(live.exitCode()).as(live.err()).isZero();
                assertThat(Json.read(live.out()).get("matched")).as(event).isEqualTo(
                        Json.read(offline.out()).get("matched"));
            }

            // explain: an ECS job, what the ECS target receives and whether it fits
            CliRun explain = CliRun.of(args(backend, stack, "rules", "explain", "--json",
                    "{\"job_id\":\"explain-1\",\"workload_type\":\"video_transcoding\",\"payload_size_kb\":3000000,"
                            + "\"time_window\":\"night\",\"load_pattern\":\"low_load\"}"));
            assertThat(explain.exitCode()).as(explain.err()).isZero();
            JsonNode e = Json.read(explain.out());
            assertThat(e.get("decision").get("platform").asText()).isEqualTo("ecs");
            RunOption chosen = RunOptions.declared().byId(e.get("decision").get("option").asText()).orElseThrow();
            JsonNode ecsTarget = find(e.get("rules"), stack.out.stack() + "-option-" + chosen.id()).get("targets")
                    .get(0);
            assertThat(ecsTarget.get("option").asText()).isEqualTo(chosen.id());
            assertThat(ecsTarget.get("task_memory_mb").asText()).isEqualTo(Integer.toString(chosen.memoryMb()));
            assertThat(ecsTarget.get("overrides_fit").asBoolean()).isTrue();
            assertThat(ecsTarget.get("input").get("containerOverrides").get(0).get("environment").get(0).get("value")
                    .asText()).isEqualTo("explain-1");
            assertThat(find(e.get("rules"), stack.out.stack() + "-audit")).isNotNull();

            // diff: in sync, then drifted
            CliRun inSync = CliRun.of(args(backend, stack, "rules", "diff", "--emulator", emulator));
            assertThat(inSync.exitCode()).as(inSync.out() + inSync.err()).isZero();
            assertThat(inSync.out()).startsWith("in sync");

            String drifted = stack.out.stack() + "-rejected-jobs";
            stack.aws.events.putRule(b -> b.name(drifted).eventBusName(stack.out.busName())
                    .eventPattern("{\"source\":[\"someone.else\"]}"));
            String audit = stack.out.stack() + "-audit";
            Target auditTarget = stack.aws.events.listTargetsByRule(b -> b.rule(audit)
                    .eventBusName(stack.out.busName())).targets().get(0);
            stack.aws.events.putTargets(b -> b.rule(audit).eventBusName(stack.out.busName())
                    .targets(auditTarget.toBuilder().deadLetterConfig((software.amazon.awssdk.services.eventbridge
                            .model.DeadLetterConfig) null).build()));
            // one ECS option's target sizes the task wrong, another option's rule is gone
            RunOption sized = RunOptions.declared().byId("ecs-arm64-1vcpu-2gb-spot").orElseThrow();
            String sizedRule = RoutingTopology.rule(sized).name(stack.out.stack());
            Target sizedTarget = stack.aws.events.listTargetsByRule(b -> b.rule(sizedRule)
                    .eventBusName(stack.out.busName())).targets().get(0);
            stack.aws.events.putTargets(b -> b.rule(sizedRule).eventBusName(stack.out.busName())
                    .targets(sizedTarget.toBuilder().inputTransformer(sizedTarget.inputTransformer().toBuilder()
                            .inputTemplate(sizedTarget.inputTransformer().inputTemplate().replace("\"memory\":\"2048\"",
                                    "\"memory\":\"4096\"")).build()).build()));
            String goneRule = RoutingTopology.rule(RunOptions.declared().byId("lambda-x86_64-3008mb").orElseThrow())
                    .name(stack.out.stack());
            stack.aws.events.removeTargets(b -> b.rule(goneRule).eventBusName(stack.out.busName()).ids("executor"));
            stack.aws.events.deleteRule(b -> b.name(goneRule).eventBusName(stack.out.busName()));
            CliRun drift = CliRun.of(args(backend, stack, "rules", "diff", "--emulator", emulator));
            assertThat(drift.exitCode()).isEqualTo(1);
            assertThat(drift.out()).contains("drift: " + drifted + ": event pattern differs")
                    .contains("drift: " + audit + ": target audit-queue: dead-letter queue is not set")
                    .contains("drift: " + sizedRule + ": target worker: input template is {\"cpu\":\"1024\","
                            + "\"memory\":\"4096\"")
                    .contains("drift: " + goneRule + ": missing (declared, not deployed)")
                    .contains("4 differences");

            // errors a person can act on
            CliRun noBus = CliRun.of("rules", "list", "--endpoint", backend.endpoint().toString(), "--bus",
                    "no-such-bus");
            assertThat(noBus.exitCode()).isEqualTo(1);
            assertThat(noBus.err()).contains("event bus no-such-bus does not exist");
        }
    }

    @Test
    void aDecisionForAnOptionLandsInThatOptionsTapWithTheTaskSize() {
        EmulatorBackend backend = EmulatorBackend.get();
        try (E2eStack stack = new E2eStack(backend, "e2e-taps", 5, 30)) {
            assumeTrue(stack.out.taps() != null && stack.out.taps().size() == RunOptions.declared().all().size(),
                    "every option's target is a tap only where the backend runs neither Lambda nor ECS (moto)");
            List<RunOption> sent = List.of("lambda-arm64-1769mb", "lambda-x86_64-10240mb", "ecs-arm64-0.5vcpu-4gb-spot",
                    "ecs-x86_64-16vcpu-120gb").stream().map(id -> RunOptions.declared().byId(id).orElseThrow()).toList();
            List<PutEventsRequestEntry> entries = new ArrayList<>();
            for (RunOption o : sent) {
                entries.add(PutEventsRequestEntry.builder().eventBusName(stack.out.busName()).source(EventTypes.SOURCE)
                        .detailType(EventTypes.ROUTING_DECISION).detail("{\"job_id\":\"job-" + o.id() + "\","
                                + "\"platform\":\"" + o.platform().wireName() + "\",\"option\":\"" + o.id() + "\","
                                + "\"attempt\":1,\"model_version\":\"m-1\",\"decided_at\":\"2026-11-26T10:00:00Z\","
                                + "\"propensity\":0.9,\"ecs_job\":\"{}\"}").build());
            }
            assertThat(stack.aws.events.putEvents(b -> b.entries(entries)).failedEntryCount()).isZero();
            for (RunOption o : sent) {
                List<String> bodies = new ArrayList<>();
                String tap = stack.out.taps().get(o.id());
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    stack.aws.sqs.receiveMessage(b -> b.queueUrl(tap).maxNumberOfMessages(10).waitTimeSeconds(1))
                            .messages().forEach(m -> bodies.add(m.body()));
                    return !bodies.isEmpty();
                });
                assertThat(bodies).as(o.id()).hasSize(1);
                JsonNode got = Json.read(bodies.get(0));
                if (o.platform() == Platform.ECS) {
                    // what RunTask would get: the option's task size as task-level overrides
                    assertThat(got.get("cpu").asText()).as(o.id()).isEqualTo(Integer.toString(EcsOverrides.cpuUnits(o)));
                    assertThat(got.get("memory").asText()).as(o.id()).isEqualTo(Integer.toString(o.memoryMb()));
                    assertThat(EcsOverrides.parse(bodies.get(0))).containsEntry(EcsOverrides.ENV_OPTION, o.id())
                            .containsEntry(EcsOverrides.ENV_JOB_ID, "job-" + o.id());
                } else {
                    assertThat(got.get("detail").get("option").asText()).isEqualTo(o.id());
                }
            }
            // a neighbouring option's tap got nothing
            String neighbour = stack.out.taps().get("lambda-arm64-3008mb");
            assertThat(stack.aws.sqs.receiveMessage(b -> b.queueUrl(neighbour).waitTimeSeconds(1)).messages()).isEmpty();
        }
    }

    private static JsonNode find(JsonNode rules, String name) {
        for (JsonNode r : rules) {
            if (r.get("name").asText().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no rule " + name + " in " + rules);
    }

    /** Decisions for generated jobs, rejections, outcomes and strangers: 54 events. */
    private static List<String> events(String bus) {
        JobRouter router = new JobRouter(ModelArtefacts.loadBundled(), 0.6, Platform.LAMBDA, Clock.systemUTC());
        List<String> out = new ArrayList<>();
        Instant t = Instant.parse("2026-11-26T10:00:00Z");
        for (Job j : new JobGenerator().generate(40, 314)) {
            out.add(Json.write(EventEnvelope.of("hybrid.router", "RoutingDecision", Json.write(router.decide(j)),
                    "123456789012", "us-east-1", t)));
        }
        for (int i = 0; i < 6; i++) {
            out.add(Json.write(EventEnvelope.of("hybrid.router", "JobRejected", "{\"errors\":[\"job: bad\"]}",
                    "123456789012", "us-east-1", t)));
            out.add(Json.write(EventEnvelope.of("hybrid.router", "JobCompleted", "{\"job_id\":\"j" + i
                    + "\",\"platform\":\"" + (i % 2 == 0 ? "lambda" : "ecs") + "\"}", "123456789012", "us-east-1", t)));
        }
        out.add(Json.write(EventEnvelope.of("other.source", "RoutingDecision", "{\"platform\":\"lambda\"}",
                "123456789012", "us-east-1", t)));
        out.add(Json.write(EventEnvelope.of("hybrid.router", "SomethingElse", "{}", "123456789012", "us-east-1", t)));
        return out;
    }
}
