package io.hybridrouter.localstack.stack;

import io.hybridrouter.dispatch.topology.RoutingTopology;
import io.hybridrouter.dispatch.topology.TargetBindings;
import io.hybridrouter.shared.claim.ClaimCheckRef;
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
 * with their DLQ, the bus and the declared rules and targets, the claim-check bucket, the
 * idempotency table, the ECS cluster and worker task definition, IAM roles, and the Lambda
 * functions where the backend runs Java Lambdas. Where it cannot run a target (moto: Lambda and
 * ECS; LocalStack's free tier: ECS) an SQS tap with the same input transformer stands in, and the
 * outputs say so.
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
        for (String name : List.of(n.rejectedQueue(), n.auditQueue(), n.outcomesQueue(), n.targetsDlq(),
                n.lambdaTap(), n.ecsTap())) {
            String url = queues.ensure(name, Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600"));
            aws.sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(queues.targetAttributes(queues.arn(url),
                    rulePrefix)));
            targetQueues.put(name, url);
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

        progress.accept("roles, cluster and task definition");
        Compute compute = new Compute(aws, account);
        Policies policies = new Policies(region, account, n);
        String taskRole = compute.role(n.role("task"), "ecs-tasks.amazonaws.com", policies.worker());
        String executionRole = compute.role(n.role("task-execution"), "ecs-tasks.amazonaws.com",
                policies.taskExecution());
        Optional<String> cluster = compute.cluster(n);
        String taskDefinition = cluster.map(c -> compute.taskDefinition(spec, executionRole, taskRole)).orElse(null);
        String eventsRole = compute.role(n.role("events-ecs"), "events.amazonaws.com",
                policies.eventsRunTask(taskRole, executionRole));

        Map<String, String> functions = new LinkedHashMap<>();
        Optional<String> executorArn = TargetPolicy.real(spec.emulator(), () -> {
            progress.accept("Lambda functions");
            return lambdas(spec, compute, policies, queues.arn(jobsUrl), rulePrefix, functions, notes);
        });

        Map<String, String> taps = new LinkedHashMap<>();
        Optional<TargetBindings.EcsBinding> worker = TargetPolicy.real(spec.emulator(), () -> cluster.map(c ->
                new TargetBindings.EcsBinding(c, taskDefinition, eventsRole, spec.subnets(), spec.securityGroups())));
        if (worker.isEmpty()) {
            taps.put("ecs", targetQueues.get(n.ecsTap()));
            notes.add(spec.emulator() == Emulator.MOTO
                    ? "moto fails PutEvents when a rule targets ECS: the ecs-decisions rule sends the rendered "
                            + "container overrides to the SQS tap " + n.ecsTap() + " instead"
                    : "this backend has no ECS API (LocalStack's free tier): the ecs-decisions rule sends the rendered "
                            + "container overrides to the SQS tap " + n.ecsTap() + " instead");
        }
        if (executorArn.isEmpty()) {
            taps.put("lambda", targetQueues.get(n.lambdaTap()));
            notes.add("the lambda-decisions rule sends decisions to the SQS tap " + n.lambdaTap()
                    + (spec.emulator() == Emulator.MOTO ? " (moto cannot invoke Lambda targets)"
                            : " (the executor function could not be deployed)"));
        }

        progress.accept("rules and targets");
        Map<RoutingTopology.Resource, String> queueArns = new EnumMap<>(RoutingTopology.Resource.class);
        queueArns.put(RoutingTopology.Resource.REJECTED_QUEUE, queues.arn(targetQueues.get(n.rejectedQueue())));
        queueArns.put(RoutingTopology.Resource.AUDIT_QUEUE, queues.arn(targetQueues.get(n.auditQueue())));
        queueArns.put(RoutingTopology.Resource.OUTCOMES_QUEUE, queues.arn(targetQueues.get(n.outcomesQueue())));
        TargetBindings bindings = new TargetBindings(queueArns, executorArn,
                queues.arn(targetQueues.get(n.lambdaTap())), worker, queues.arn(targetQueues.get(n.ecsTap())),
                queues.arn(targetQueues.get(n.targetsDlq())));
        List<String> rules = new Rules(aws.events).deploy(n, bindings);

        return new StackOutputs(n.stack(), spec.emulator().wireName(), jobsUrl, dlqUrl,
                targetQueues.get(n.rejectedQueue()), targetQueues.get(n.auditQueue()),
                targetQueues.get(n.outcomesQueue()), targetQueues.get(n.targetsDlq()), n.bus(), rules,
                cluster.orElse(null), taskDefinition, n.bucket(), n.table(), taps.isEmpty() ? null : taps,
                functions.isEmpty() ? null : functions, notes);
    }

    private Optional<String> lambdas(StackSpec spec, Compute compute, Policies policies, String jobsQueueArn,
            String rulePrefix, Map<String, String> functions, List<String> notes) {
        StackNames n = spec.names();
        Path classifierJar = spec.repoRoot().resolve("classifier/target/classifier-lambda.jar");
        Path executorJar = spec.repoRoot().resolve("dispatch/target/dispatch-lambda.jar");
        if (!Files.isRegularFile(classifierJar) || !Files.isRegularFile(executorJar)) {
            notes.add("Lambda jars not found under " + spec.repoRoot() + " (run ./mvnw -DskipTests package): "
                    + "functions not deployed; run the classifier with `router classifier run`");
            return Optional.empty();
        }
        Map<String, String> env = Map.of("ROUTER_EVENT_BUS", n.bus(), "ROUTER_CLAIM_BUCKET", n.bucket(),
                "ROUTER_IDEMPOTENCY_TABLE", n.table());
        try {
            String classifierRole = compute.role(n.role("classifier"), "lambda.amazonaws.com", policies.classifier());
            String executorRole = compute.role(n.role("executor"), "lambda.amazonaws.com", policies.worker());
            String classifier = compute.function(n.function("classifier"), classifierJar,
                    "io.hybridrouter.classifier.ClassifierHandler", classifierRole, env, 30);
            compute.eventSource(n.function("classifier"), jobsQueueArn);
            String executor = compute.function(n.function("executor"), executorJar,
                    "io.hybridrouter.dispatch.ExecutorHandler", executorRole, env, 900);
            compute.allowEvents(n.function("executor"), rulePrefix);
            functions.put("classifier", classifier);
            functions.put("executor", executor);
            return Optional.of(executor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SdkException e) {
            notes.add("Lambda functions not deployed (" + e.getMessage() + "); run the classifier with "
                    + "`router classifier run`");
            return Optional.empty();
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
        for (String q : List.of(n.jobsQueue(), n.jobsDlq(), n.rejectedQueue(), n.auditQueue(), n.outcomesQueue(),
                n.targetsDlq(), n.lambdaTap(), n.ecsTap())) {
            if (queues.delete(q)) {
                removed.add("queue " + q);
            }
        }
        Compute compute = new Compute(aws, account());
        for (String f : List.of(n.function("classifier"), n.function("executor"))) {
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
            aws.ecs.listTaskDefinitions(b -> b.familyPrefix(n.taskFamily())).taskDefinitionArns()
                    .forEach(arn -> aws.ecs.deregisterTaskDefinition(b -> b.taskDefinition(arn)));
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
