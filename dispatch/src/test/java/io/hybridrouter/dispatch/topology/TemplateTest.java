package io.hybridrouter.dispatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.claim.EcsOverrides;
import io.hybridrouter.shared.config.DecisionConfig;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.shared.events.EventTypes;
import io.hybridrouter.shared.option.Arch;
import io.hybridrouter.shared.option.Capacity;
import io.hybridrouter.shared.option.RunOption;
import io.hybridrouter.shared.option.RunOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml (the SAM deployment) against the declared {@link RoutingTopology}, so the two
 * cannot drift apart, and against the deployment rules: every consumed queue has a DLQ, every rule
 * target a retry policy and a DLQ, and no IAM statement is broader than it must be.
 */
class TemplateTest {

    private static final Map<RoutingTopology.Resource, String> LOGICAL_IDS = Map.of(
            RoutingTopology.Resource.REJECTED_QUEUE, "RejectedQueue",
            RoutingTopology.Resource.AUDIT_QUEUE, "AuditQueue",
            RoutingTopology.Resource.OUTCOMES_QUEUE, "OutcomesQueue");
    /** Actions without resource-level permissions, the only ones allowed on Resource "*". */
    private static final Set<String> NO_RESOURCE_LEVEL = Set.of("ecr:GetAuthorizationToken");

    private static JsonNode resources;
    private static JsonNode root;
    private static JsonNode globals;

    @BeforeAll
    static void load() throws IOException {
        Path template = Path.of(System.getProperty("router.repo.root", "..")).resolve("template.yaml");
        root = new ObjectMapper(new YAMLFactory()).readTree(template.toFile());
        resources = root.get("Resources");
        globals = root.path("Globals").path("Function");
    }

    /** A policy statement, or the statement a condition adds ({@code Fn::If: [cond, statement, AWS::NoValue]}). */
    private static JsonNode statement(JsonNode s) {
        return s.has("Fn::If") ? s.get("Fn::If").get(1) : s;
    }

    /** A function's property as SAM deploys it: its own, else the Globals' (maps merge, the function's keys win). */
    private static JsonNode effective(String function, String... path) {
        JsonNode own = resources.get(function).get("Properties");
        JsonNode global = globals;
        for (String key : path) {
            own = own.path(key);
            global = global.path(key);
        }
        return own.isMissingNode() ? global : own;
    }

    private static List<Map.Entry<String, JsonNode>> ofType(String type) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : resources.properties()) {
            if (type.equals(e.getValue().get("Type").asText())) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void templateRulesEqualTheDeclaredTopology() {
        List<Map.Entry<String, JsonNode>> rules = ofType("AWS::Events::Rule");
        assertThat(rules).hasSameSizeAs(RoutingTopology.rules());
        for (RoutingTopology.Rule declared : RoutingTopology.rules()) {
            JsonNode props = rules.stream().map(Map.Entry::getValue).map(r -> r.get("Properties"))
                    .filter(p -> p.get("Name").get("Fn::Sub").asText().equals("${AWS::StackName}-" + declared.suffix()))
                    .findFirst().orElseThrow(() -> new AssertionError("no rule " + declared.suffix() + " in template"));
            assertThat(props.get("EventPattern")).as(declared.suffix()).isEqualTo(Json.read(declared.eventPattern()));
            assertThat(props.get("State").asText()).isEqualTo("ENABLED");
            assertThat(props.get("Description").asText()).isEqualTo(declared.description());
            assertThat(props.get("EventBusName").get("Ref").asText()).isEqualTo("Bus");
            JsonNode targets = props.get("Targets");
            assertThat(targets).hasSameSizeAs(declared.targets());
            for (int i = 0; i < declared.targets().size(); i++) {
                RoutingTopology.Target d = declared.targets().get(i);
                JsonNode t = targets.get(i);
                String where = declared.suffix() + "/" + d.id();
                assertThat(t.get("Id").asText()).as(where).isEqualTo(d.id());
                assertThat(t.get("RetryPolicy").get("MaximumRetryAttempts").asInt()).as(where)
                        .isEqualTo(RoutingTopology.MAX_RETRY_ATTEMPTS);
                assertThat(t.get("RetryPolicy").get("MaximumEventAgeInSeconds").asInt()).as(where)
                        .isEqualTo(RoutingTopology.MAX_EVENT_AGE_S);
                assertThat(t.get("DeadLetterConfig").get("Arn").get("Fn::GetAtt").get(0).asText()).as(where)
                        .isEqualTo("TargetsDLQ");
                if (d.input().isPresent()) {
                    JsonNode in = t.get("InputTransformer");
                    assertThat(in).as(where + " passes its input").isNotNull();
                    assertThat(in.get("InputTemplate").asText()).isEqualTo(d.input().get().template());
                    assertThat(in.get("InputPathsMap")).isEqualTo(Json.MAPPER.valueToTree(d.input().get().paths()));
                } else {
                    assertThat(t.has("InputTransformer")).as(where).isFalse();
                }
                switch (d.kind()) {
                    case LAMBDA -> {
                        RunOption o = d.option().orElseThrow();
                        String fn = TemplateOptions.functionId(o);
                        assertThat(t.get("Arn").get("Ref").asText()).as(where).isEqualTo(fn + ".Alias");
                        JsonNode props2 = resources.get(fn).get("Properties");
                        assertThat(props2.get("MemorySize").asInt()).as(fn).isEqualTo(o.memoryMb());
                        assertThat(texts(props2.get("Architectures"))).as(fn).containsExactly(o.arch().wireName());
                    }
                    case ECS -> {
                        RunOption o = d.option().orElseThrow();
                        JsonNode ecs = t.get("EcsParameters");
                        assertThat(t.get("Arn").get("Fn::GetAtt").get(0).asText()).isEqualTo("Cluster");
                        assertThat(t.get("RoleArn")).isNotNull();
                        // a capacity provider strategy and a launch type cannot be given together
                        assertThat(ecs.has("LaunchType")).as(where).isFalse();
                        assertThat(ecs.get("CapacityProviderStrategy")).as(where).hasSize(1);
                        assertThat(ecs.get("CapacityProviderStrategy").get(0).get("CapacityProvider").asText()).as(where)
                                .isEqualTo(o.capacity().wireName());
                        String taskDef = ecs.get("TaskDefinitionArn").get("Ref").asText();
                        assertThat(resources.get(taskDef).get("Properties").get("RuntimePlatform")
                                .get("CpuArchitecture").asText()).as(where)
                                .isEqualTo(o.arch() == Arch.ARM64 ? "ARM64" : "X86_64");
                        assertThat(ecs.get("TaskCount").asInt()).isEqualTo(1);
                        assertThat(ecs.get("NetworkConfiguration").get("AwsVpcConfiguration").has("Subnets")).isTrue();
                    }
                    case SQS -> assertThat(t.get("Arn").get("Fn::GetAtt").get(0).asText())
                            .isEqualTo(LOGICAL_IDS.get(d.resource()));
                    default -> throw new AssertionError(d.kind());
                }
            }
        }
    }

    @Test
    void theGeneratedOptionResourcesAreWhatTheTopologyRendersNow() throws IOException {
        Path path = Path.of(System.getProperty("router.repo.root", "..")).resolve("template.yaml");
        String text = Files.readString(path);
        String expected = TemplateOptions.render();
        String expectedDependsOn = TemplateOptions.renderClassifierDependsOn();
        String dependsOn = TemplateOptions.currentBlock(text, TemplateOptions.DEPENDS_BEGIN,
                TemplateOptions.DEPENDS_END);
        if ((!expected.equals(TemplateOptions.currentBlock(text)) || !expectedDependsOn.equals(dependsOn))
                && Boolean.getBoolean("template.regenerate")) {
            TemplateOptions.write(path);
            text = Files.readString(path);
            dependsOn = TemplateOptions.currentBlock(text, TemplateOptions.DEPENDS_BEGIN, TemplateOptions.DEPENDS_END);
        }
        assertThat(TemplateOptions.currentBlock(text))
                .as("template.yaml's option resources differ from RoutingTopology; regenerate them with: "
                        + TemplateOptions.REGENERATE)
                .isEqualTo(expected);
        assertThat(dependsOn)
                .as("the classifier's DependsOn differs from the rules RoutingTopology declares; regenerate it with: "
                        + TemplateOptions.REGENERATE)
                .isEqualTo(expectedDependsOn);
    }

    @Test
    void theClassifierIsDeployedOnlyAfterEveryRuleThatRoutesItsDecisions() {
        // a classifier naming an option whose rule did not exist yet would publish decisions no rule matches
        JsonNode dependsOn = resources.get("ClassifierFunction").get("DependsOn");
        assertThat(dependsOn).as("ClassifierFunction.DependsOn").isNotNull();
        Set<String> waitsFor = new HashSet<>();
        dependsOn.forEach(d -> waitsFor.add(d.asText()));
        for (RunOption o : RunOptions.declared().all()) {
            assertThat(waitsFor).as(o.id()).contains(TemplateOptions.logicalId(o) + "Rule");
        }
        assertThat(waitsFor).contains("LambdaDecisionsRule", "EcsDecisionsRule");
        waitsFor.forEach(id -> assertThat(resources.get(id).get("Type").asText()).as(id).isEqualTo("AWS::Events::Rule"));
    }

    @Test
    void everyLambdaOptionHasItsOwnExecutorFunctionAndEveryOptionItsOwnRule() {
        Set<String> logicalIds = new HashSet<>();
        for (RunOption o : RunOptions.declared().all()) {
            assertThat(logicalIds.add(TemplateOptions.logicalId(o))).as(o.id() + " has a unique logical id").isTrue();
            JsonNode rule = resources.get(TemplateOptions.logicalId(o) + "Rule");
            assertThat(rule).as(o.id()).isNotNull();
            assertThat(rule.get("Properties").get("EventPattern").get("detail").get("option").get(0).asText())
                    .isEqualTo(o.id());
            if (o.platform() == Platform.LAMBDA) {
                JsonNode fn = resources.get(TemplateOptions.functionId(o)).get("Properties");
                assertThat(fn.get("Environment").get("Variables").get("ROUTER_OPTION").asText()).isEqualTo(o.id());
                assertThat(fn.get("Role").get("Fn::GetAtt").get(0).asText()).isEqualTo("ExecutorRole");
            }
        }
        assertThat(ofType("AWS::Serverless::Function")).filteredOn(f -> f.getValue().get("Properties").get("Handler")
                .asText().equals("io.hybridrouter.dispatch.ExecutorHandler"))
                .hasSize(RunOptions.declared().of(Platform.LAMBDA).size());
    }

    @Test
    void theClusterOffersBothCapacityProvidersAndTheWorkerRunsOnBothArchitecturesSizedByTheOverrides() {
        assertThat(texts(resources.get("Cluster").get("Properties").get("CapacityProviders")))
                .containsExactlyInAnyOrder(Capacity.ON_DEMAND.wireName(), Capacity.SPOT.wireName());
        Map<String, String> arch = Map.of("WorkerTaskDefinition", "X86_64", "WorkerArm64TaskDefinition", "ARM64");
        arch.forEach((id, cpu) -> {
            JsonNode td = resources.get(id).get("Properties");
            assertThat(td.get("RuntimePlatform").get("CpuArchitecture").asText()).as(id).isEqualTo(cpu);
            JsonNode container = td.get("ContainerDefinitions").get(0);
            // Spot's two-minute warning, not ECS's 30 s default
            assertThat(container.get("StopTimeout").asInt()).as(id).isEqualTo(120);
            // no hard limit: the task-level memory override sizes the container
            assertThat(container.has("Memory")).as(id).isFalse();
            assertThat(container.get("MemoryReservation").asInt()).as(id).isLessThanOrEqualTo(512);
            assertThat(container.get("Name").asText()).isEqualTo(EcsOverrides.CONTAINER);
        });
        JsonNode runTask = resources.get("EventsRunTaskRole").get("Properties").get("Policies").get(0)
                .get("PolicyDocument").get("Statement").get(0);
        assertThat(runTask.get("Resource")).hasSize(2);
        assertThat(runTask.get("Resource").toString()).contains("${AWS::StackName}-worker:*")
                .contains("${AWS::StackName}-worker-arm64:*");
    }

    @Test
    void everyConsumedQueueHasADeadLetterQueueAfterAtLeastFiveReceives() {
        Set<String> deadLetterQueues = new HashSet<>();
        for (Map.Entry<String, JsonNode> q : ofType("AWS::SQS::Queue")) {
            JsonNode redrive = q.getValue().path("Properties").path("RedrivePolicy");
            if (!redrive.isMissingNode()) {
                deadLetterQueues.add(redrive.get("deadLetterTargetArn").get("Fn::GetAtt").get(0).asText());
            }
        }
        deadLetterQueues.add("TargetsDLQ");
        for (Map.Entry<String, JsonNode> q : ofType("AWS::SQS::Queue")) {
            if (deadLetterQueues.contains(q.getKey())) {
                continue;
            }
            JsonNode redrive = q.getValue().path("Properties").path("RedrivePolicy");
            assertThat(redrive.isMissingNode()).as(q.getKey() + " has no DLQ").isFalse();
            assertThat(redrive.get("maxReceiveCount").asInt()).as(q.getKey()).isGreaterThanOrEqualTo(5);
        }
        assertThat(resources.get("JobsQueue").get("Properties").get("MaximumMessageSize").asInt()).isEqualTo(1_048_576);
    }

    @Test
    void noIamStatementAllowsEveryActionOrEveryResourceWithoutNeed() {
        List<JsonNode> statements = new ArrayList<>();
        for (Map.Entry<String, JsonNode> role : ofType("AWS::IAM::Role")) {
            role.getValue().get("Properties").path("Policies")
                    .forEach(p -> p.get("PolicyDocument").get("Statement").forEach(statements::add));
        }
        for (Map.Entry<String, JsonNode> fn : ofType("AWS::Serverless::Function")) {
            fn.getValue().get("Properties").path("Policies").forEach(p -> p.path("Statement").forEach(statements::add));
        }
        assertThat(statements).hasSizeGreaterThan(10);
        for (JsonNode st : statements) {
            JsonNode s = statement(st);
            List<String> actions = new ArrayList<>();
            if (s.get("Action").isArray()) {
                s.get("Action").forEach(a -> actions.add(a.asText()));
            } else {
                actions.add(s.get("Action").asText());
            }
            assertThat(actions).as(s.toString()).noneMatch(a -> a.equals("*") || a.endsWith(":*"));
            boolean anyResource = s.get("Resource").isTextual() && "*".equals(s.get("Resource").asText());
            if (anyResource) {
                assertThat(NO_RESOURCE_LEVEL).as("Resource \"*\" for " + actions).containsAll(actions);
            }
        }
        JsonNode passRole = resources.get("EventsRunTaskRole").get("Properties").get("Policies").get(0)
                .get("PolicyDocument").get("Statement").get(1);
        assertThat(passRole.get("Action").asText()).isEqualTo("iam:PassRole");
        assertThat(passRole.get("Resource")).hasSize(2);
    }

    @Test
    void theDecisionSettingsAreParametersWithTheRoutersDefaultsAndRanges() {
        JsonNode params = root.get("Parameters");
        assertThat(params.get("SloTarget").get("Default").asDouble()).isEqualTo(DecisionConfig.DEFAULT_SLO_TARGET);
        assertThat(params.get("SloTarget").get("MaxValue").asDouble()).isEqualTo(1.0);
        assertThat(params.get("ExploreRate").get("Default").asDouble()).isEqualTo(DecisionConfig.DEFAULT_EXPLORE_RATE);
        assertThat(params.get("ExploreRate").get("MinValue").asDouble()).isZero();
        assertThat(params.get("ExploreRate").get("MaxValue").asDouble()).isEqualTo(DecisionConfig.MAX_EXPLORE_RATE);
        assertThat(params.get("ModelRefresh").get("Default").asText())
                .isEqualTo(RouterConfig.DEFAULT_MODEL_REFRESH.toString());
        JsonNode globals = root.get("Globals").get("Function").get("Environment").get("Variables");
        assertThat(globals.get("ROUTER_SLO_TARGET").get("Ref").asText()).isEqualTo("SloTarget");
        assertThat(globals.get("ROUTER_EXPLORE_RATE").get("Ref").asText()).isEqualTo("ExploreRate");
        for (String fn : new String[] {"ClassifierFunction", "ApiFunction"}) {
            JsonNode env = resources.get(fn).get("Properties").get("Environment").get("Variables");
            // the price table travels in the model layer, which only the deciding functions carry
            assertThat(env.get("ROUTER_PRICES").get("Fn::If").get(0).asText()).as(fn).isEqualTo("HasPricesFile");
            assertThat(env.get("ROUTER_PRICES").get("Fn::If").get(1).get("Ref").asText()).as(fn).isEqualTo("PricesFile");
        }
        JsonNode classifier = resources.get("ClassifierFunction").get("Properties").get("Environment").get("Variables");
        assertThat(classifier.get("ROUTER_MODEL_S3").get("Fn::If").get(1).get("Fn::Sub").asText())
                .isEqualTo("s3://${ModelBucket}/${ModelPrefix}");
        assertThat(classifier.get("ROUTER_MODEL_REFRESH").get("Ref").asText()).isEqualTo("ModelRefresh");
        // one model source at a time: the S3 location wins over the layer's folder
        assertThat(classifier.get("ROUTER_MODEL_DIR").get("Fn::If").get(0).asText()).isEqualTo("HasModelS3");
    }

    @Test
    void theClassifierMayOnlyReadModelsUnderTheModelPrefix() {
        List<JsonNode> s3 = new ArrayList<>();
        resources.get("ClassifierFunction").get("Properties").get("Policies").forEach(p -> p.get("Statement")
                .forEach(st -> {
                    if (st.has("Fn::If") && st.toString().contains("ModelBucket")) {
                        assertThat(st.get("Fn::If").get(0).asText()).isEqualTo("HasModelS3");
                        s3.add(statement(st));
                    }
                }));
        assertThat(s3).extracting(st -> st.get("Action").asText()).containsExactlyInAnyOrder("s3:GetObject",
                "s3:ListBucket");
        for (JsonNode st : s3) {
            String resource = st.get("Resource").get("Fn::Sub").asText();
            if (st.get("Action").asText().equals("s3:GetObject")) {
                assertThat(resource).isEqualTo("arn:${AWS::Partition}:s3:::${ModelBucket}/${ModelPrefix}*");
            } else {
                // listing only the prefix: a missing current.json reads as "no such key", not "access denied"
                assertThat(resource).isEqualTo("arn:${AWS::Partition}:s3:::${ModelBucket}");
                assertThat(st.get("Condition").get("StringLike").get("s3:prefix").get("Fn::Sub").asText())
                        .isEqualTo("${ModelPrefix}*");
            }
        }
    }

    @Test
    void classifierReportsBatchItemFailuresWithSnapStart() {
        JsonNode fn = resources.get("ClassifierFunction").get("Properties");
        assertThat(fn.get("Runtime") == null ? "java21" : fn.get("Runtime").asText()).isEqualTo("java21");
        assertThat(fn.get("SnapStart").get("ApplyOn").asText()).isEqualTo("PublishedVersions");
        assertThat(fn.get("AutoPublishAlias").asText()).isEqualTo("live");
        JsonNode sqs = fn.get("Events").get("Jobs").get("Properties");
        assertThat(sqs.get("FunctionResponseTypes").get(0).asText()).isEqualTo("ReportBatchItemFailures");
        assertThat(resources.get("Api").get("Properties").get("Auth").get("DefaultAuthorizer").asText())
                .isEqualTo("AWS_IAM");
    }

    @Test
    void predictIsServedByThePredictFunctionOnTheApiAndAnIamFunctionUrl_andJobsStayOnTheApiFunction() {
        JsonNode predict = resources.get("PredictFunction").get("Properties");
        String handler = predict.get("Handler").asText();
        assertThat(handler).isEqualTo("io.hybridrouter.ingest.PredictHandler");
        assertThat(Path.of(System.getProperty("router.repo.root", ".."), "ingest/src/main/java",
                handler.replace('.', '/') + ".java")).as("the handler class exists").exists();
        assertThat(predict.get("CodeUri").asText()).isEqualTo("ingest/target/ingest-lambda.jar");
        assertThat(predict.get("FunctionUrlConfig").get("AuthType").asText()).isEqualTo("AWS_IAM");
        assertThat(predict.has("Policies")).as("deciding needs no AWS access").isFalse();

        // every API route, by the function that serves it
        Map<String, String> routes = new HashMap<>();
        for (Map.Entry<String, JsonNode> fn : ofType("AWS::Serverless::Function")) {
            for (JsonNode event : fn.getValue().get("Properties").path("Events")) {
                if ("Api".equals(event.get("Type").asText())) {
                    JsonNode p = event.get("Properties");
                    assertThat(p.get("RestApiId").get("Ref").asText()).isEqualTo("Api");
                    routes.put(p.get("Method").asText().toUpperCase(Locale.ROOT) + " " + p.get("Path").asText(),
                            fn.getKey());
                }
            }
        }
        assertThat(routes).containsExactlyInAnyOrderEntriesOf(Map.of("POST /jobs", "ApiFunction", "POST /predict",
                "PredictFunction"));
    }

    private static List<JsonNode> putEventsStatements(JsonNode policies) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : policies) {
            JsonNode doc = p.has("PolicyDocument") ? p.get("PolicyDocument") : p;
            doc.get("Statement").forEach(st -> {
                JsonNode s = statement(st);
                if (s.get("Action").toString().contains("events:PutEvents")) {
                    out.add(s);
                }
            });
        }
        return out;
    }

    private static Set<String> texts(JsonNode node) {
        Set<String> out = new HashSet<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }

    @Test
    void runnersMayPublishOnlyOutcomesAndRejectionsFromTheRouterSource() {
        Map<String, JsonNode> runners = Map.of(
                "ExecutorRole", resources.get("ExecutorRole").get("Properties").get("Policies"),
                "TaskRole", resources.get("TaskRole").get("Properties").get("Policies"));
        runners.forEach((name, policies) -> {
            List<JsonNode> puts = putEventsStatements(policies);
            assertThat(puts).as(name).isNotEmpty();
            for (JsonNode s : puts) {
                JsonNode equals = s.path("Condition").path("StringEquals");
                assertThat(texts(equals.path("events:source"))).as(name + " source").containsExactly(EventTypes.SOURCE);
                assertThat(texts(equals.path("events:detail-type"))).as(name + " detail-types")
                        .containsExactlyInAnyOrder(EventTypes.JOB_COMPLETED, EventTypes.JOB_REJECTED)
                        .doesNotContain(EventTypes.ROUTING_DECISION);
            }
        });
        for (JsonNode s : putEventsStatements(resources.get("ClassifierFunction").get("Properties").get("Policies"))) {
            JsonNode equals = s.path("Condition").path("StringEquals");
            assertThat(texts(equals.path("events:source"))).containsExactly(EventTypes.SOURCE);
            assertThat(texts(equals.path("events:detail-type")))
                    .containsExactlyInAnyOrder(EventTypes.ROUTING_DECISION, EventTypes.JOB_REJECTED);
        }
    }

    @Test
    void imagePullIsScopedToTheWorkerRepository() {
        JsonNode statements = resources.get("TaskExecutionRole").get("Properties").get("Policies").get(0)
                .get("PolicyDocument").get("Statement");
        int pulls = 0;
        for (JsonNode s : statements) {
            Set<String> actions = texts(s.get("Action"));
            if (actions.stream().noneMatch(a -> a.startsWith("ecr:"))) {
                continue;
            }
            if (actions.equals(Set.of("ecr:GetAuthorizationToken"))) {
                assertThat(s.get("Resource").asText()).isEqualTo("*");
                continue;
            }
            pulls++;
            assertThat(actions).doesNotContain("ecr:GetAuthorizationToken");
            assertThat(s.get("Resource").get("Fn::Sub").asText())
                    .endsWith(":repository/${WorkerRepositoryName}").doesNotContain("*");
        }
        assertThat(pulls).isEqualTo(1);
        assertThat(resources.get("WorkerTaskDefinition").get("Properties").get("ContainerDefinitions").get(0)
                .get("Environment").toString()).contains("ROUTER_TASK_TIMEOUT");
    }

    @Test
    void everyFunctionIsPublishedBehindTheLiveAliasWithSnapStartOnItsArchitectureAndJsonLogs() {
        List<Map.Entry<String, JsonNode>> functions = ofType("AWS::Serverless::Function");
        assertThat(functions).isNotEmpty();
        for (Map.Entry<String, JsonNode> f : functions) {
            String fn = f.getKey();
            assertThat(effective(fn, "AutoPublishAlias").asText()).as(fn).isEqualTo("live");
            assertThat(effective(fn, "SnapStart", "ApplyOn").asText()).as(fn).isEqualTo("PublishedVersions");
            // the request functions on Graviton; an executor on its option's architecture
            String arch = effective(fn, "Environment", "Variables", "ROUTER_OPTION").isMissingNode() ? "arm64"
                    : RunOptions.declared().byId(effective(fn, "Environment", "Variables", "ROUTER_OPTION").asText())
                            .orElseThrow().arch().wireName();
            assertThat(texts(effective(fn, "Architectures"))).as(fn).containsExactly(arch);
            assertThat(effective(fn, "LoggingConfig", "LogFormat").asText()).as(fn).isEqualTo("JSON");
        }
    }

    @Test
    void functionsThatDecideOrRunJobsRollOutAsCanariesThatTheirAlarmsRollBack() {
        assertThat(globals.path("DeploymentPreference").path("Type").asText()).isEqualTo("Canary10Percent5Minutes");
        Map<String, Set<String>> alarms = new HashMap<>(Map.of(
                "ClassifierFunction", Set.of("ClassifierErrorsAlarm", "PublishFailuresAlarm"),
                "PredictFunction", Set.of("PredictErrorsAlarm")));
        for (RunOption o : RunOptions.declared().of(Platform.LAMBDA)) {
            alarms.put(TemplateOptions.functionId(o), Set.of(TemplateOptions.logicalId(o) + "ErrorsAlarm"));
        }
        alarms.forEach((fn, expected) -> {
            assertThat(effective(fn, "DeploymentPreference", "Type").asText()).as(fn)
                    .isEqualTo("Canary10Percent5Minutes");
            assertThat(effective(fn, "DeploymentPreference", "Enabled").asBoolean(true)).as(fn).isTrue();
            Set<String> refs = new HashSet<>();
            effective(fn, "DeploymentPreference", "Alarms").forEach(a -> refs.add(a.get("Ref").asText()));
            assertThat(refs).as(fn).isEqualTo(expected);
            refs.forEach(a -> assertThat(resources.path(a).path("Type").asText()).as(a)
                    .isEqualTo("AWS::CloudWatch::Alarm"));
        });
    }

    @Test
    void eventSourcesAndRuleTargetsInvokeTheLiveAliasNotLatest() {
        Set<String> functions = new HashSet<>();
        ofType("AWS::Serverless::Function").forEach(f -> functions.add(f.getKey()));
        for (Map.Entry<String, JsonNode> rule : ofType("AWS::Events::Rule")) {
            for (JsonNode t : rule.getValue().get("Properties").get("Targets")) {
                JsonNode arn = t.get("Arn");
                String named = arn.has("Ref") ? arn.get("Ref").asText() : arn.path("Fn::GetAtt").path(0).asText();
                String function = named.replaceAll("\\.Alias$", "");
                if (functions.contains(function)) {
                    assertThat(arn.path("Ref").asText()).as(rule.getKey()).isEqualTo(function + ".Alias");
                }
            }
        }
        for (Map.Entry<String, JsonNode> p : ofType("AWS::Lambda::Permission")) {
            assertThat(p.getValue().get("Properties").get("FunctionName").get("Ref").asText()).as(p.getKey())
                    .endsWith(".Alias");
        }
        // SAM attaches a function's Events to its alias when AutoPublishAlias is set
        for (String fn : functions) {
            if (resources.get(fn).get("Properties").has("Events")) {
                assertThat(effective(fn, "AutoPublishAlias").asText()).as(fn).isEqualTo("live");
            }
        }
    }

    @Test
    void theExecutorAndTheWorkerUseC2WhileTheRequestFunctionsStopAtC1() throws IOException {
        assertThat(globals.path("Environment").path("Variables").path("JAVA_TOOL_OPTIONS").asText())
                .contains("-XX:TieredStopAtLevel=1");
        assertThat(effective("ClassifierFunction", "Environment", "Variables", "JAVA_TOOL_OPTIONS").asText())
                .contains("-XX:TieredStopAtLevel=1");
        for (RunOption o : RunOptions.declared().of(Platform.LAMBDA)) {
            assertThat(effective(TemplateOptions.functionId(o), "Environment", "Variables", "JAVA_TOOL_OPTIONS")
                    .asText()).as(o.id()).contains("-XX:TieredStopAtLevel=4").doesNotContain("TieredStopAtLevel=1");
        }
        String dockerfile = Files.readString(Path.of(System.getProperty("router.repo.root", ".."))
                .resolve("dispatch/Dockerfile"));
        assertThat(dockerfile.lines().filter(l -> l.startsWith("ENTRYPOINT"))).singleElement()
                .satisfies(e -> assertThat(e).doesNotContain("TieredStopAtLevel"));
    }
}
