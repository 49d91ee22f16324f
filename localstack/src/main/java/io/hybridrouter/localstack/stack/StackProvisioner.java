package io.hybridrouter.localstack.stack;

import io.hybridrouter.dispatch.topology.RoutingTopology;
import io.hybridrouter.dispatch.topology.TargetBindings;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.claim.ClaimCheckRef;
import io.hybridrouter.shared.claim.EcsOverrides;
import io.hybridrouter.shared.cost.AwsPricing;
import io.hybridrouter.shared.option.Arch;
import io.hybridrouter.shared.option.RunOption;
import io.hybridrouter.shared.option.RunOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Deploys and destroys a whole stack in an AWS emulator (LocalStack, moto), idempotently: queues
 * with their DLQ, the bus and the declared rules and targets (one per option), the claim-check
 * bucket, the idempotency table, the ECS cluster with the FARGATE and FARGATE_SPOT capacity providers
 * and the worker task definitions (x86_64 and arm64), IAM roles, and the classifier and one executor
 * function per Lambda option where the backend runs Java Lambdas. Where it cannot run an option's
 * target (moto: Lambda and ECS; LocalStack's free tier: ECS) the option's own SQS tap, with the same
 * input transformer, stands in, and the outputs say so. The classifier is deployed after the rules, as
 * template.yaml's {@code DependsOn} orders it, so that no decision it makes names an option without a rule.
 */
public final class StackProvisioner {

    /** Days a claim-checked job body is kept. */
    static final int CLAIM_EXPIRY_DAYS = 7;

    private final StackClients aws;
    private final Consumer<String> progress;

    public StackProvisioner(StackClients aws, Consumer<String> progress) {
        this.aws = aws;
        this.progress = progress;
    }

    public StackOutputs deploy(StackSpec spec) {
        StackNames n = spec.names();
        List<String> notes = new ArrayList<>();
        String account = account();
        String region = aws.region();
        String rulePrefix = "arn:aws:events:" + region + ":" + account + ":rule/" + n.bus() + "/" + n.stack() + "-";
        Queues queues = new Queues(aws.sqs);

        progress.accept("queues");
        String dlqUrl = queues.ensure(n.jobsDlq(), Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600",
                QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "1048576"));
        String dlqArn = queues.arn(dlqUrl);
        String jobsUrl = queues.ensure(n.jobsQueue(), Map.of(
                QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "1048576",
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(spec.visibilityTimeoutS()),
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\""
                        + spec.maxReceiveCount() + "\"}"));
        Map<String, String> targetQueues = new LinkedHashMap<>();
        for (String name : List.of(n.rejectedQueue(), n.auditQueue(), n.outcomesQueue(), n.targetsDlq())) {
            targetQueues.put(name, targetQueue(queues, name, rulePrefix));
        }

        progress.accept("event bus");
        try {
            aws.events.createEventBus(b -> b.name(n.bus()));
        } catch (ResourceAlreadyExistsException e) {
            // deployed before
        }

        progress.accept("claim-check bucket and idempotency table");
        bucket(n, notes);
        table(n);

        progress.accept("roles, cluster and task definitions");
        Compute compute = new Compute(aws, account);
        Policies policies = new Policies(region, account, n);
        String taskRole = compute.role(n.role("task"), "ecs-tasks.amazonaws.com", policies.worker());
        String executionRole = compute.role(n.role("task-execution"), "ecs-tasks.amazonaws.com",
                policies.taskExecution());
        Optional<String> cluster = compute.cluster(n, notes);
        Map<Arch, String> taskDefinitions = new EnumMap<>(Arch.class);
        if (cluster.isPresent()) {
            for (Arch arch : Arch.values()) {
                taskDefinitions.put(arch, compute.taskDefinition(spec, arch, executionRole, taskRole));
            }
        }
        String eventsRole = compute.role(n.role("events-ecs"), "events.amazonaws.com",
                policies.eventsRunTask(taskRole, executionRole));

        Map<String, String> functions = new LinkedHashMap<>();
        Map<String, String> executors = TargetPolicy.real(spec.emulator(), () -> {
            progress.accept("Lambda functions");
            return lambdas(spec, compute, policies, rulePrefix, functions, notes);
        }).orElse(Map.of());
        Optional<TargetBindings.EcsBinding> worker = TargetPolicy.real(spec.emulator(), () -> cluster.map(c ->
                new TargetBindings.EcsBinding(c, taskDefinitions, eventsRole, spec.subnets(), spec.securityGroups())));

        // one tap per option whose target this backend cannot run, so a delivery shows its option
        List<RunOption> tapped = RunOptions.declared().all().stream().filter(o -> o.platform() == Platform.LAMBDA
                ? !executors.containsKey(o.id()) : worker.isEmpty()).toList();
        Map<String, String> taps = new LinkedHashMap<>();
        Map<String, String> tapArns = new LinkedHashMap<>();
        if (!tapped.isEmpty()) {
            progress.accept(tapped.size() + " option taps");
            List<String[]> made = Parallel.map(tapped, o -> {
                String url = targetQueue(queues, n.tap(o), rulePrefix);
                return new String[] {o.id(), url, queues.arn(url)};
            });
            for (String[] m : made) {
                taps.put(m[0], m[1]);
                tapArns.put(m[0], m[2]);
            }
        }
        if (worker.isEmpty()) {
            notes.add(spec.emulator() == Emulator.MOTO
                    ? "moto fails PutEvents when a rule targets ECS: each ECS option's rule sends the rendered "
                            + "container overrides (task size included) to its SQS tap " + n.tapPrefix() + "<option>"
                    : "this backend has no ECS API (LocalStack's free tier): each ECS option's rule sends the rendered "
                            + "container overrides to its SQS tap " + n.tapPrefix() + "<option>");
        }
        if (tapped.stream().anyMatch(o -> o.platform() == Platform.LAMBDA)) {
            notes.add("each Lambda option's rule sends decisions to its SQS tap " + n.tapPrefix() + "<option>"
                    + (spec.emulator() == Emulator.MOTO ? " (moto cannot invoke Lambda targets)"
                            : " (the executor functions could not be deployed)"));
        }

        progress.accept(RoutingTopology.rules().size() + " rules and targets");
        Map<RoutingTopology.Resource, String> queueArns = new EnumMap<>(RoutingTopology.Resource.class);
        queueArns.put(RoutingTopology.Resource.REJECTED_QUEUE, queues.arn(targetQueues.get(n.rejectedQueue())));
        queueArns.put(RoutingTopology.Resource.AUDIT_QUEUE, queues.arn(targetQueues.get(n.auditQueue())));
        queueArns.put(RoutingTopology.Resource.OUTCOMES_QUEUE, queues.arn(targetQueues.get(n.outcomesQueue())));
        TargetBindings bindings = new TargetBindings(queueArns, executors, worker, tapArns,
                queues.arn(targetQueues.get(n.targetsDlq())));
        List<String> rules = new Rules(aws.events).deploy(n, bindings);
        // the classifier last: deployed before the rules, a classifier naming a new option would publish
        // decisions that no rule matches yet
        if (!executors.isEmpty()) {
            progress.accept("classifier function");
            classifier(spec, compute, policies, queues.arn(jobsUrl), functions, notes);
        }

        return new StackOutputs(n.stack(), spec.emulator().wireName(), jobsUrl, dlqUrl,
                targetQueues.get(n.rejectedQueue()), targetQueues.get(n.auditQueue()),
                targetQueues.get(n.outcomesQueue()), targetQueues.get(n.targetsDlq()), n.bus(), rules,
                cluster.orElse(null), taskDefinitions.get(Arch.X86_64),
                taskDefinitions.isEmpty() ? null : StackOutputs.byArch(taskDefinitions),
                cluster.isPresent() ? Compute.CAPACITY_PROVIDERS : null, n.bucket(), n.table(),
                taps.isEmpty() ? null : taps, functions.isEmpty() ? null : functions, notes);
    }

    /** A queue EventBridge rules of this stack send to: its URL. */
    private String targetQueue(Queues queues, String name, String rulePrefix) {
        String url = queues.ensure(name, Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600"));
        aws.sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(queues.targetAttributes(queues.arn(url),
                rulePrefix)));
        return url;
    }

    /** One executor function per Lambda option; option id → executor ARN, empty without. */
    private Optional<Map<String, String>> lambdas(StackSpec spec, Compute compute, Policies policies,
            String rulePrefix, Map<String, String> functions, List<String> notes) {
        StackNames n = spec.names();
        Path classifierJar = spec.repoRoot().resolve("classifier/target/classifier-lambda.jar");
        Path executorJar = spec.repoRoot().resolve("dispatch/target/dispatch-lambda.jar");
        if (!Files.isRegularFile(classifierJar) || !Files.isRegularFile(executorJar)) {
            notes.add("Lambda jars not found under " + spec.repoRoot() + " (run ./mvnw -DskipTests package): "
                    + "functions not deployed; run the classifier with `router classifier run`");
            return Optional.empty();
        }
        Map<String, String> env = functionEnvironment(n);
        try {
            String executorRole = compute.role(n.role("executor"), "lambda.amazonaws.com", policies.worker());
            Map<String, String> executors = new LinkedHashMap<>();
            for (RunOption o : RunOptions.declared().of(Platform.LAMBDA)) {
                Map<String, String> optionEnv = new LinkedHashMap<>(env);
                optionEnv.put(EcsOverrides.ENV_OPTION, o.id());
                String executor = compute.function(n.executor(o), executorJar, "io.hybridrouter.dispatch.ExecutorHandler",
                        executorRole, optionEnv, AwsPricing.LAMBDA_TIMEOUT_S, o.memoryMb(), o.arch());
                compute.allowEvents(n.executor(o), rulePrefix);
                functions.put(o.id(), executor);
                executors.put(o.id(), executor);
            }
            return Optional.of(executors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SdkException e) {
            notes.add("Lambda functions not deployed (" + e.getMessage() + "); run the classifier with "
                    + "`router classifier run`");
            return Optional.empty();
        }
    }

    private static Map<String, String> functionEnvironment(StackNames n) {
        return Map.of("ROUTER_EVENT_BUS", n.bus(), "ROUTER_CLAIM_BUCKET", n.bucket(), "ROUTER_IDEMPOTENCY_TABLE",
                n.table());
    }

    /** The classifier function and its SQS event source, once the rules its decisions need exist. */
    private void classifier(StackSpec spec, Compute compute, Policies policies, String jobsQueueArn,
            Map<String, String> functions, List<String> notes) {
        StackNames n = spec.names();
        Path classifierJar = spec.repoRoot().resolve("classifier/target/classifier-lambda.jar");
        try {
            String role = compute.role(n.role("classifier"), "lambda.amazonaws.com", policies.classifier());
            String classifier = compute.function(n.function("classifier"), classifierJar,
                    "io.hybridrouter.classifier.ClassifierHandler", role, functionEnvironment(n), 30, 1024, Arch.ARM64);
            compute.eventSource(n.function("classifier"), jobsQueueArn);
            functions.put("classifier", classifier);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SdkException e) {
            notes.add("classifier function not deployed (" + e.getMessage() + "); run the classifier with "
                    + "`router classifier run`");
        }
    }

    private void bucket(StackNames n, List<String> notes) {
        try {
            if ("us-east-1".equals(aws.region())) {
                aws.s3.createBucket(b -> b.bucket(n.bucket()));
            } else {
                aws.s3.createBucket(b -> b.bucket(n.bucket()).createBucketConfiguration(c -> c.locationConstraint(
                        aws.region())));
            }
        } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException e) {
            // deployed before
        }
        try {
            LifecycleRule expire = LifecycleRule.builder().id("expire-claim-checks").status(ExpirationStatus.ENABLED)
                    .filter(f -> f.prefix(ClaimCheckRef.PREFIX)).expiration(x -> x.days(CLAIM_EXPIRY_DAYS)).build();
            aws.s3.putBucketLifecycleConfiguration(b -> b.bucket(n.bucket()).lifecycleConfiguration(l -> l.rules(
                    expire)));
        } catch (SdkException e) {
            notes.add("claim-check lifecycle rule not set: " + e.getMessage());
        }
    }

    private void table(StackNames n) {
        try {
            aws.dynamo.createTable(b -> b.tableName(n.table())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType("S").build())
                    .keySchema(KeySchemaElement.builder().attributeName("id").keyType("HASH").build())
                    .billingMode("PAY_PER_REQUEST"));
            aws.dynamo.waiter().waitUntilTableExists(b -> b.tableName(n.table()));
            aws.dynamo.updateTimeToLive(b -> b.tableName(n.table()).timeToLiveSpecification(t -> t.enabled(true)
                    .attributeName("expiration")));
        } catch (ResourceInUseException e) {
            // deployed before
        }
    }

    /** Removes everything {@link #deploy} made; returns what was removed. Missing pieces are skipped. */
    public List<String> destroy(StackNames n) {
        List<String> removed = new ArrayList<>();
        Rules rules = new Rules(aws.events);
        try {
            for (var rule : rules.stackRules(n)) {
                rules.delete(n, rule.name());
                removed.add("rule " + rule.name());
            }
            aws.events.deleteEventBus(b -> b.name(n.bus()));
            removed.add("bus " + n.bus());
        } catch (software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException e) {
            // no bus
        }
        Queues queues = new Queues(aws.sqs);
        List<String> names = new ArrayList<>(List.of(n.jobsQueue(), n.jobsDlq(), n.rejectedQueue(), n.auditQueue(),
                n.outcomesQueue(), n.targetsDlq()));
        names.addAll(queues.named(n.tapPrefix()));
        for (String q : names) {
            if (queues.delete(q)) {
                removed.add("queue " + q);
            }
        }
        Compute compute = new Compute(aws, account());
        List<String> functions = new ArrayList<>(List.of(n.function("classifier"), n.function("executor")));
        RunOptions.declared().of(Platform.LAMBDA).forEach(o -> functions.add(n.executor(o)));
        for (String f : functions) {
            compute.deleteFunction(f);
        }
        try {
            var objects = aws.s3.listObjectsV2Paginator(b -> b.bucket(n.bucket())).contents();
            objects.forEach(o -> aws.s3.deleteObject(b -> b.bucket(n.bucket()).key(o.key())));
            aws.s3.deleteBucket(b -> b.bucket(n.bucket()));
            removed.add("bucket " + n.bucket());
        } catch (SdkException e) {
            // no bucket
        }
        try {
            aws.dynamo.deleteTable(b -> b.tableName(n.table()));
            removed.add("table " + n.table());
        } catch (SdkException e) {
            // no table
        }
        try {
            for (Arch arch : Arch.values()) {
                aws.ecs.listTaskDefinitions(b -> b.familyPrefix(n.taskFamily(arch))).taskDefinitionArns()
                        .forEach(arn -> aws.ecs.deregisterTaskDefinition(b -> b.taskDefinition(arn)));
            }
            var clusters = aws.ecs.describeClusters(b -> b.clusters(n.cluster())).clusters();
            if (!clusters.isEmpty() && "ACTIVE".equals(clusters.get(0).status())) {
                aws.ecs.deleteCluster(b -> b.cluster(n.cluster()));
                removed.add("cluster " + n.cluster());
            }
        } catch (SdkException e) {
            // no ECS here
        }
        for (String role : List.of("task", "task-execution", "events-ecs", "classifier", "executor")) {
            compute.deleteRole(n.role(role));
        }
        return removed;
    }

    private String account() {
        try {
            return aws.sts.getCallerIdentity().account();
        } catch (SdkException e) {
            return "000000000000";
        }
    }
}
