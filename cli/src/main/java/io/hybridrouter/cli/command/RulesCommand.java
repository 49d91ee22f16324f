package io.hybridrouter.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.classifier.DecisionDispatch;
import io.hybridrouter.dispatch.topology.EventEnvelope;
import io.hybridrouter.dispatch.topology.InputTransformers;
import io.hybridrouter.dispatch.topology.RoutingTopology;
import io.hybridrouter.localstack.rules.DeployedRules;
import io.hybridrouter.localstack.rules.Matcher;
import io.hybridrouter.localstack.rules.RuleDiff;
import io.hybridrouter.localstack.stack.Emulator;
import io.hybridrouter.localstack.stack.ExpectedTargets;
import io.hybridrouter.localstack.stack.StackClients;
import io.hybridrouter.localstack.stack.StackNames;
import io.hybridrouter.shared.JobParseResult;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.shared.claim.ClaimCheckRef;
import io.hybridrouter.shared.claim.ClaimCheckStore;
import io.hybridrouter.shared.cost.AwsPricing;
import io.hybridrouter.shared.events.EventTypes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;

/** {@code router rules}: see, test and explain where a job goes, and catch drift. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Inspect the EventBridge rules: `rules list|test|explain|diff`.",
        subcommands = {RulesCommand.ListRules.class, RulesCommand.Test.class, RulesCommand.Explain.class,
            RulesCommand.Diff.class})
public final class RulesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** No subcommand is a usage error: the usage goes to stderr and the exit code is 2. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** Where the bus is: the stack's bus, in the AWS the options name. */
    public static final class BusOptions {
        @Mixin
        StackOptions stack;

        @Mixin
        AwsOptions aws;

        /** The bus: the stack's name. */
        String bus() {
            return stack.name();
        }

        StackClients clients() {
            return new StackClients(aws.target());
        }

        String where() {
            return aws.where();
        }

        /** Runs a live call, turning service errors into messages a person can act on. */
        <T> T live(Function<StackClients, T> call) {
            try (StackClients aws = clients()) {
                return call.apply(aws);
            } catch (ResourceNotFoundException e) {
                throw new IllegalArgumentException("event bus " + bus() + " does not exist at " + where()
                        + " (deploy it with `router stack deploy`, or pass --stack)", e);
            } catch (SdkClientException e) {
                throw new IllegalStateException("cannot reach " + where() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Reads an event or job given as a file or as inline JSON. */
    static String jsonArgument(String value, String what) {
        String trimmed = value.strip();
        String json = trimmed;
        if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
            try {
                json = Files.readString(Path.of(value), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException(what + " " + value + " is neither JSON nor a readable file");
            }
        }
        try {
            Json.read(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed " + what + " JSON: " + e.getMessage().replace(
                    "invalid JSON: ", ""));
        }
        return json;
    }

    /** {@code rules list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every rule on the bus with its state, pattern and targets.")
    public static final class ListRules implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BusOptions bus;

        @Option(names = "--json", description = "Print {\"rules\": [...]} as one JSON object.")
        boolean json;

        @Override
        public Integer call() {
            List<DeployedRules.Deployed> rules = bus.live(aws -> {
                aws.events.describeEventBus(b -> b.name(bus.bus()));
                return new DeployedRules(aws.events).read(bus.bus(), null);
            });
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = Json.object();
                ArrayNode list = root.putArray("rules");
                rules.forEach(r -> list.add(DeployedRules.json(r)));
                out.println(Json.write(root));
                return 0;
            }
            out.println(rules.size() + " rules on bus " + bus.bus() + " at " + bus.where());
            for (DeployedRules.Deployed d : rules) {
                out.println();
                out.println(d.rule().name() + " [" + d.rule().stateAsString() + "]");
                out.println("  pattern  " + d.rule().eventPattern());
                for (var t : d.targets()) {
                    ObjectNode tj = DeployedRules.json(t);
                    out.println("  target   " + t.id() + " (" + tj.get("type").asText() + ") " + t.arn());
                    if (tj.has("retry_policy")) {
                        out.println("           retry " + tj.get("retry_policy") + ", DLQ " + tj.get("dead_letter_arn").asText());
                    }
                    if (tj.has("input_transformer")) {
                        out.println("           input " + tj.get("input_transformer").get("input_template").asText());
                    }
                    if (tj.has("ecs_parameters")) {
                        out.println("           ecs   " + tj.get("ecs_parameters"));
                    }
                }
            }
            return 0;
        }
    }

    /** {@code rules test}. */
    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Which rules an event matches: live (TestEventPattern) or --offline (event-ruler on the declared rules).")
    public static final class Test implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BusOptions bus;

        @Option(names = "--event", required = true, paramLabel = "FILE|JSON", description = "The event, as a file or inline JSON.")
        String event;

        @Option(names = "--offline", description = "Match the declared rules with event-ruler; no AWS call.")
        boolean offline;

        @Option(names = "--json", description = "Print {\"matched\": [...], \"mode\": ...}.")
        boolean json;

        @Override
        public Integer call() {
            String e = Matcher.complete(jsonArgument(event, "event"));
            List<String> matched;
            String mode;
            if (offline) {
                matched = Matcher.offline(bus.bus(), e);
                mode = "offline";
            } else {
                Matcher.Live live = bus.live(aws -> {
                    aws.events.describeEventBus(b -> b.name(bus.bus()));
                    return Matcher.live(aws.events, new DeployedRules(aws.events).read(bus.bus(), null), e);
                });
                matched = live.matched();
                mode = live.fallback() ? "live-patterns-event-ruler" : "live";
                if (live.fallback()) {
                    spec.commandLine().getErr().println("note: " + bus.where() + " gave no TestEventPattern answer "
                            + "(moto does not implement it): matched the deployed patterns with event-ruler instead");
                }
            }
            matched = matched.stream().sorted().toList();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode o = Json.object().put("mode", mode);
                ArrayNode m = o.putArray("matched");
                matched.forEach(m::add);
                out.println(Json.write(o));
            } else {
                out.println(matched.isEmpty() ? "matches no rule" : "matches " + String.join(", ", matched));
            }
            return 0;
        }
    }

    /** {@code rules explain}. */
    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = "Classify a job, build the event the classifier would publish, show the rules it matches and what each target gets.")
    public static final class Explain implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BusOptions bus;

        @Mixin
        ModelOptions modelOptions;

        @Parameters(index = "0", paramLabel = "JOB_JSON", description = "The job, inline JSON or a file.")
        String job;

        @Option(names = "--offline", description = "Use the declared rules and targets; no AWS call.")
        boolean offline;

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Override
        public Integer call() {
            JobParseResult parsed = new JobValidator().parse(jsonArgument(job, "job"));
            if (parsed instanceof JobParseResult.Invalid invalid) {
                throw new IllegalArgumentException(ClassifyCommand.invalidJob(invalid));
            }
            RoutingDecision raw = modelOptions.component().router().decide(((JobParseResult.Valid) parsed).job());
            String bucket = new StackNames(bus.bus()).bucket();
            RoutingDecision decision = new DecisionDispatch(Optional.of(new PreviewClaims(bucket))).prepare(raw);
            ObjectNode event = EventEnvelope.of(EventTypes.SOURCE, EventTypes.ROUTING_DECISION, Json.write(decision),
                    "123456789012", "us-east-1", Instant.now());
            String eventJson = Json.write(event);

            ObjectNode result = Json.object();
            result.set("decision", Json.MAPPER.valueToTree(decision));
            result.set("event", event);
            ArrayNode rulesOut = result.putArray("rules");
            if (offline) {
                for (String name : Matcher.offline(bus.bus(), eventJson)) {
                    RoutingTopology.Rule rule = RoutingTopology.rule(name.substring(bus.bus().length() + 1));
                    ObjectNode r = rulesOut.addObject().put("name", name);
                    ArrayNode targets = r.putArray("targets");
                    for (RoutingTopology.Target t : rule.targets()) {
                        targets.add(target(t.id(), t.kind().name().toLowerCase(Locale.ROOT),
                                t.input().map(in -> InputTransformers.render(in, event)).orElse(eventJson)));
                    }
                }
                result.put("mode", "offline");
            } else {
                bus.live(aws -> {
                    List<DeployedRules.Deployed> deployed = new DeployedRules(aws.events).read(bus.bus(), null);
                    Matcher.Live live = Matcher.live(aws.events, deployed, eventJson);
                    result.put("mode", live.fallback() ? "live-patterns-event-ruler" : "live");
                    for (DeployedRules.Deployed d : deployed) {
                        if (!live.matched().contains(d.rule().name())) {
                            continue;
                        }
                        ObjectNode r = rulesOut.addObject().put("name", d.rule().name());
                        ArrayNode targets = r.putArray("targets");
                        for (var t : d.targets()) {
                            String input = t.inputTransformer() == null ? eventJson : InputTransformers.render(
                                    new RoutingTopology.InputTransformer(t.inputTransformer().inputPathsMap(),
                                            t.inputTransformer().inputTemplate()), event);
                            targets.add(target(t.id(), DeployedRules.kind(t), input));
                        }
                    }
                    return null;
                });
            }
            print(result);
            return 0;
        }

        private static ObjectNode target(String id, String type, String input) {
            ObjectNode t = Json.object().put("id", id).put("type", type);
            JsonNode parsed = Json.read(input);
            t.set("input", parsed);
            if (parsed.has("containerOverrides")) {
                t.put("overrides_chars", input.length()).put("overrides_limit", AwsPricing.ECS_OVERRIDES_MAX_CHARS)
                        .put("overrides_fit", input.length() <= AwsPricing.ECS_OVERRIDES_MAX_CHARS);
            }
            return t;
        }

        private void print(ObjectNode r) {
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(r));
                return;
            }
            JsonNode d = r.get("decision");
            out.printf("decision: %s (reason %s, confidence %.3f, scores lambda %.3f / ecs %.3f, model %s)%n",
                    d.get("platform").asText(), d.get("reason").asText(), d.get("confidence").asDouble(),
                    d.get("scores").get("lambda").asDouble(), d.get("scores").get("ecs").asDouble(),
                    d.get("model_version").asText());
            if (d.has("job_ref")) {
                out.println("claim check: the job travels by reference, " + d.get("job_ref").asText());
            }
            out.println("event: source " + EventTypes.SOURCE + ", detail-type " + EventTypes.ROUTING_DECISION
                    + " (" + r.get("mode").asText() + " rules)");
            if (r.get("rules").isEmpty()) {
                out.println("matches no rule: nothing would run it");
            }
            for (JsonNode rule : r.get("rules")) {
                out.println("rule " + rule.get("name").asText());
                for (JsonNode t : rule.get("targets")) {
                    out.println("  target " + t.get("id").asText() + " (" + t.get("type").asText() + ") receives:");
                    if (t.has("overrides_chars")) {
                        out.println("    container overrides, " + t.get("overrides_chars").asInt() + " of "
                                + t.get("overrides_limit").asInt() + " characters"
                                + (t.get("overrides_fit").asBoolean() ? "" : " (OVER THE LIMIT)"));
                        for (JsonNode var : t.get("input").get("containerOverrides").get(0).get("environment")) {
                            String v = var.get("value").asText();
                            out.println("      " + var.get("name").asText() + "=" + (v.length() > 80
                                    ? v.substring(0, 77) + "..." : v));
                        }
                    } else {
                        String input = Json.write(t.get("input"));
                        out.println("    " + (input.length() > 160 ? input.substring(0, 157) + "..." : input));
                    }
                }
            }
        }
    }

    /** Names where a claim check would go, without storing anything. */
    static final class PreviewClaims implements ClaimCheckStore {
        private final String bucket;

        PreviewClaims(String bucket) {
            this.bucket = bucket;
        }

        @Override
        public String put(String jobId, String jobJson) {
            return "s3://" + bucket + "/" + ClaimCheckRef.key(jobId, jobJson);
        }

        @Override
        public Optional<String> get(String reference) {
            return Optional.empty();
        }
    }

    /** {@code rules diff}. */
    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "Declared vs deployed rules and targets; exit 0 in sync, 1 drifted.")
    public static final class Diff implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BusOptions bus;

        @Option(names = "--emulator", paramLabel = "localstack|moto",
                description = "The stack was deployed with this --emulator (moto: SQS taps stand in for Lambda and ECS).")
        String emulator;

        @Override
        public Integer call() {
            Emulator e = emulator == null ? Emulator.LOCALSTACK : Emulator.parse(emulator);
            StackNames names = new StackNames(bus.bus());
            List<String> drift = bus.live(aws -> {
                aws.events.describeEventBus(b -> b.name(bus.bus()));
                return RuleDiff.diff(bus.bus(), new DeployedRules(aws.events).read(bus.bus(), null),
                        new ExpectedTargets(aws).bindings(names, e));
            });
            PrintWriter out = spec.commandLine().getOut();
            if (drift.isEmpty()) {
                out.println("in sync: bus " + bus.bus() + " has the " + RoutingTopology.rules().size()
                        + " declared rules and their targets");
                return 0;
            }
            drift.forEach(d -> out.println("drift: " + d));
            out.println(drift.size() + " difference" + (drift.size() == 1 ? "" : "s") + " on bus " + bus.bus());
            return 1;
        }
    }
}
