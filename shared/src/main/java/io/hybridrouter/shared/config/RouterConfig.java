package io.hybridrouter.shared.config;

import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.aws.AwsTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Configuration every entry point reads from its environment. Immutable and thread-safe.
 *
 * <ul>
 *   <li>{@code ROUTER_EVENT_BUS}: the EventBridge bus decisions go to (default {@code hybrid-router}).</li>
 *   <li>{@code ROUTER_MODEL_DIR}: a folder with model.tribuo, feature_columns.json and
 *       model_metadata.json; the bundled model when unset. A folder that {@code router model promote}
 *       publishes to (version folders and a {@code current.json} pointer) is watched for new models.</li>
 *   <li>{@code ROUTER_MODEL_S3}: {@code s3://BUCKET/PREFIX/} that {@code router model promote} publishes
 *       to; the model is read from there and watched for new ones. Not with {@code ROUTER_MODEL_DIR}.</li>
 *   <li>{@code ROUTER_MODEL_REFRESH}: how often a watched location is checked for a new model, at
 *       most, at the start of a batch: an ISO-8601 duration from {@code PT1S} to {@code P1D} (default
 *       {@code PT1M}).</li>
 *   <li>{@code ROUTER_CONFIDENCE_THRESHOLD}: below it the fallback platform is taken (default 0.6).</li>
 *   <li>{@code ROUTER_FALLBACK_PLATFORM}: {@code lambda} or {@code ecs} (default {@code lambda}).</li>
 *   <li>{@code AWS_ENDPOINT_URL}: an emulator's endpoint (LocalStack, moto); real AWS when unset. The
 *       SDK reads it (and {@code AWS_ENDPOINT_URL_<SERVICE>}) itself; here it is only checked, so that a
 *       malformed one is reported with the other settings.</li>
 *   <li>{@code ROUTER_CLAIM_BUCKET}: S3 bucket for jobs too large to travel inline (claim checks).</li>
 *   <li>{@code ROUTER_IDEMPOTENCY_TABLE}: DynamoDB table executors claim jobs in
 *       (default {@code hybrid-router-idempotency}).</li>
 *   <li>{@code ROUTER_JOBS_QUEUE_URL}: the jobs queue, for producers such as the API function.</li>
 *   <li>{@code ROUTER_TASK_TIMEOUT}: the longest an ECS worker task runs its job, an ISO-8601 duration
 *       from {@code PT1S} to {@code P7D} (default {@code PT4H}); a job still running then is stopped
 *       with a failed outcome. ECS has no run-time limit of its own.</li>
 *   <li>{@code ROUTER_PRICES}, {@code AWS_REGION}, {@code ROUTER_SLO_TARGET}, {@code ROUTER_EXPLORE_RATE},
 *       {@code ROUTER_SLO_PREMIUM}, {@code ROUTER_SPOT_INTERRUPTIONS_PER_HOUR}: see {@link DecisionConfig}.</li>
 * </ul>
 *
 * @param eventBus            the bus name
 * @param modelDir            the model folder, if not the bundled one
 * @param modelS3             the S3 location models are published to, {@code s3://BUCKET/PREFIX/}, if any
 * @param modelRefresh        how often a watched model location is checked, at most
 * @param confidenceThreshold 0–1
 * @param fallbackPlatform    where low-confidence jobs go
 * @param claimBucket         the claim-check bucket, if any
 * @param idempotencyTable    the executors' DynamoDB table
 * @param jobsQueueUrl        the jobs queue, if this component sends to it
 * @param taskTimeout         how long an ECS worker task may run its job
 * @param decision            prices, SLO target and exploration
 */
public record RouterConfig(String eventBus, Optional<Path> modelDir, double confidenceThreshold,
        Platform fallbackPlatform, Optional<String> claimBucket, String idempotencyTable,
        Optional<String> jobsQueueUrl, Duration taskTimeout, DecisionConfig decision, Optional<String> modelS3,
        Duration modelRefresh) {

    public static final String DEFAULT_EVENT_BUS = "hybrid-router";
    public static final double DEFAULT_CONFIDENCE_THRESHOLD = 0.6;
    public static final Platform DEFAULT_FALLBACK = Platform.LAMBDA;
    public static final String DEFAULT_IDEMPOTENCY_TABLE = "hybrid-router-idempotency";
    public static final Duration DEFAULT_TASK_TIMEOUT = Duration.ofHours(4);
    /**
     * The longest task timeout: the claim-check bucket keeps job bodies 7 days (template.yaml), and a
     * job that needs longer belongs in a batch system, not one task.
     */
    public static final Duration MAX_TASK_TIMEOUT = Duration.ofDays(7);
    public static final Duration DEFAULT_MODEL_REFRESH = Duration.ofMinutes(1);
    /** S3's bucket naming rules (lower case, digits, dots and hyphens, 3–63 characters). */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    /** Thrown for a setting that cannot be used; the message names the variable and the rule. */
    public static final class ConfigException extends IllegalArgumentException {
        public ConfigException(String message) {
            super(message);
        }
    }

    /** Defaults everywhere: bundled model, default bus, real AWS. */
    public static RouterConfig defaults() {
        return new RouterConfig(DEFAULT_EVENT_BUS, Optional.empty(), DEFAULT_CONFIDENCE_THRESHOLD, DEFAULT_FALLBACK,
                Optional.empty(), DEFAULT_IDEMPOTENCY_TABLE, Optional.empty(), DEFAULT_TASK_TIMEOUT,
                DecisionConfig.defaults(), Optional.empty(), DEFAULT_MODEL_REFRESH);
    }

    /** Reads the process environment. */
    public static RouterConfig fromEnvironment() {
        return fromMap(System.getenv());
    }

    /** Reads settings from a map of environment variables, reporting every bad one at once. */
    public static RouterConfig fromMap(Map<String, String> env) {
        List<String> errors = new ArrayList<>();
        String bus = value(env, "ROUTER_EVENT_BUS").orElse(DEFAULT_EVENT_BUS);
        Optional<Path> modelDir = value(env, "ROUTER_MODEL_DIR").map(Path::of);
        double threshold = DEFAULT_CONFIDENCE_THRESHOLD;
        Optional<String> t = value(env, "ROUTER_CONFIDENCE_THRESHOLD");
        if (t.isPresent()) {
            try {
                threshold = Double.parseDouble(t.get());
                if (!(threshold >= 0 && threshold <= 1)) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                errors.add("ROUTER_CONFIDENCE_THRESHOLD: must be a number from 0 to 1 (got \"" + t.get() + "\")");
            }
        }
        Platform fallback = DEFAULT_FALLBACK;
        Optional<String> f = value(env, "ROUTER_FALLBACK_PLATFORM");
        if (f.isPresent()) {
            Optional<Platform> p = Platform.fromWire(f.get());
            if (p.isEmpty()) {
                errors.add("ROUTER_FALLBACK_PLATFORM: must be lambda or ecs (got \"" + f.get() + "\")");
            } else {
                fallback = p.get();
            }
        }
        Optional<String> e = value(env, "AWS_ENDPOINT_URL");
        if (e.isPresent()) {
            try {
                AwsTarget.parseEndpoint(e.get());
            } catch (IllegalArgumentException ex) {
                errors.add("AWS_ENDPOINT_URL: " + ex.getMessage());
            }
        }
        Duration taskTimeout = DEFAULT_TASK_TIMEOUT;
        Optional<String> tt = value(env, "ROUTER_TASK_TIMEOUT");
        if (tt.isPresent()) {
            try {
                taskTimeout = taskTimeout(tt.get());
            } catch (ConfigException ex) {
                errors.add("ROUTER_TASK_TIMEOUT: " + ex.getMessage());
            }
        }
        Optional<String> modelS3 = Optional.empty();
        Optional<String> ms = value(env, "ROUTER_MODEL_S3");
        if (ms.isPresent()) {
            try {
                modelS3 = Optional.of(modelS3(ms.get()));
            } catch (ConfigException ex) {
                errors.add("ROUTER_MODEL_S3: " + ex.getMessage());
            }
            if (modelDir.isPresent()) {
                errors.add("ROUTER_MODEL_S3, ROUTER_MODEL_DIR: set one of them, not both");
            }
        }
        Duration modelRefresh = DEFAULT_MODEL_REFRESH;
        Optional<String> mr = value(env, "ROUTER_MODEL_REFRESH");
        if (mr.isPresent()) {
            try {
                modelRefresh = modelRefresh(mr.get());
            } catch (ConfigException ex) {
                errors.add("ROUTER_MODEL_REFRESH: " + ex.getMessage());
            }
        }
        DecisionConfig decision = DecisionConfig.fromMap(env, errors);
        if (!errors.isEmpty()) {
            throw new ConfigException(String.join("; ", errors));
        }
        return new RouterConfig(bus, modelDir, threshold, fallback, value(env, "ROUTER_CLAIM_BUCKET"),
                value(env, "ROUTER_IDEMPOTENCY_TABLE").orElse(DEFAULT_IDEMPOTENCY_TABLE),
                value(env, "ROUTER_JOBS_QUEUE_URL"), taskTimeout, decision, modelS3, modelRefresh);
    }

    /**
     * Parses a model location in S3, {@code s3://BUCKET/PREFIX/} (the prefix may be empty), and returns it
     * with a trailing slash.
     */
    public static String modelS3(String text) {
        String t = text.trim();
        String rule = "must be s3://BUCKET/PREFIX/ with a valid bucket name (got \"" + text + "\")";
        if (!t.startsWith("s3://")) {
            throw new ConfigException(rule);
        }
        String rest = t.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (!BUCKET.matcher(bucket).matches() || rest.contains("//")) {
            throw new ConfigException(rule);
        }
        return t.endsWith("/") ? t : t + "/";
    }

    /** Parses a model refresh interval: an ISO-8601 duration such as {@code PT1M}, from 1 second to 1 day. */
    public static Duration modelRefresh(String text) {
        String rule = "must be an ISO-8601 duration from PT1S to P1D, like PT1M or PT30S (got \"" + text + "\")";
        Duration d;
        try {
            d = Duration.parse(text.trim());
        } catch (DateTimeParseException ex) {
            throw new ConfigException(rule);
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(Duration.ofDays(1)) > 0) {
            throw new ConfigException(rule);
        }
        return d;
    }

    /** Parses a task timeout: an ISO-8601 duration such as {@code PT4H}, from 1 second to 7 days. */
    public static Duration taskTimeout(String text) {
        String rule = "must be an ISO-8601 duration from PT1S to P7D, like PT4H or PT30M (got \"" + text + "\")";
        Duration d;
        try {
            d = Duration.parse(text.trim());
        } catch (DateTimeParseException ex) {
            throw new ConfigException(rule);
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(MAX_TASK_TIMEOUT) > 0) {
            throw new ConfigException(rule);
        }
        return d;
    }

    /** The same configuration reading its model from {@code dir} (and not from S3). */
    public RouterConfig withModelDir(Path dir) {
        return new RouterConfig(eventBus, Optional.ofNullable(dir), confidenceThreshold, fallbackPlatform,
                claimBucket, idempotencyTable, jobsQueueUrl, taskTimeout, decision, Optional.empty(), modelRefresh);
    }

    /** The same configuration reading its model from {@code s3://BUCKET/PREFIX/} (and not from a folder). */
    public RouterConfig withModelS3(String location) {
        return new RouterConfig(eventBus, Optional.empty(), confidenceThreshold, fallbackPlatform, claimBucket,
                idempotencyTable, jobsQueueUrl, taskTimeout, decision, Optional.of(modelS3(location)), modelRefresh);
    }

    public RouterConfig withModelRefresh(Duration refresh) {
        return new RouterConfig(eventBus, modelDir, confidenceThreshold, fallbackPlatform, claimBucket,
                idempotencyTable, jobsQueueUrl, taskTimeout, decision, modelS3, refresh);
    }

    public RouterConfig withEventBus(String bus) {
        return new RouterConfig(bus, modelDir, confidenceThreshold, fallbackPlatform, claimBucket,
                idempotencyTable, jobsQueueUrl, taskTimeout, decision, modelS3, modelRefresh);
    }


    public RouterConfig withGuardrails(double threshold, Platform fallback) {
        return new RouterConfig(eventBus, modelDir, threshold, fallback, claimBucket, idempotencyTable,
                jobsQueueUrl, taskTimeout, decision, modelS3, modelRefresh);
    }

    public RouterConfig withClaimBucket(String bucket) {
        return new RouterConfig(eventBus, modelDir, confidenceThreshold, fallbackPlatform,
                Optional.ofNullable(bucket), idempotencyTable, jobsQueueUrl, taskTimeout, decision, modelS3, modelRefresh);
    }

    public RouterConfig withIdempotencyTable(String table) {
        return new RouterConfig(eventBus, modelDir, confidenceThreshold, fallbackPlatform, claimBucket,
                table, jobsQueueUrl, taskTimeout, decision, modelS3, modelRefresh);
    }

    public RouterConfig withJobsQueueUrl(String url) {
        return new RouterConfig(eventBus, modelDir, confidenceThreshold, fallbackPlatform, claimBucket,
                idempotencyTable, Optional.ofNullable(url), taskTimeout, decision, modelS3, modelRefresh);
    }

    public RouterConfig withTaskTimeout(Duration timeout) {
        return new RouterConfig(eventBus, modelDir, confidenceThreshold, fallbackPlatform, claimBucket,
                idempotencyTable, jobsQueueUrl, timeout, decision, modelS3, modelRefresh);
    }

    public RouterConfig withDecision(DecisionConfig d) {
        return new RouterConfig(eventBus, modelDir, confidenceThreshold, fallbackPlatform, claimBucket,
                idempotencyTable, jobsQueueUrl, taskTimeout, d, modelS3, modelRefresh);
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }
}
