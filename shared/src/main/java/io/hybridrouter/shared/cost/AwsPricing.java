package io.hybridrouter.shared.cost;

/**
 * Every AWS limit (and the published start-up figures) this project uses, in one place. Checked
 * 2026-11 (see the project's FACTS list); update here and nowhere else. Prices are not here: they
 * are data, in the bundled price table ({@link PriceTable}, {@code prices.json}) or a file given
 * with {@code --prices} / {@code ROUTER_PRICES}.
 */
public final class AwsPricing {

    // --- AWS Lambda limits: docs.aws.amazon.com/lambda/latest/dg/resource-model.html,
    //     configuration-timeout.html, configuration-ephemeral-storage.html (checked 2026-11) ---
    public static final int LAMBDA_MIN_MEMORY_MB = 128;
    public static final int LAMBDA_MAX_MEMORY_MB = 10_240;
    /** At 1,769 MB a function has the equivalent of one vCPU; CPU grows linearly with memory. */
    public static final int LAMBDA_MB_PER_VCPU = 1_769;
    public static final double LAMBDA_MAX_VCPU = 6.0;
    public static final int LAMBDA_TIMEOUT_S = 900;
    /** Largest /tmp a function can have; a job whose payload does not fit cannot run there. */
    public static final int LAMBDA_MAX_EPHEMERAL_MB = 10_240;
    /** SnapStart restore for a Java function: 200–500 ms (AWS Lambda SnapStart docs, 2026-11). */
    public static final int LAMBDA_SNAPSTART_RESTORE_MIN_MS = 200;
    public static final int LAMBDA_SNAPSTART_RESTORE_MAX_MS = 500;

    // --- AWS Fargate task start-up: aws.amazon.com/fargate/pricing, ECS docs (checked 2026-11) ---
    /** Published task start-up estimates range 30–90 s; modelled as a triangular distribution. */
    public static final double FARGATE_START_MIN_S = 30;
    public static final double FARGATE_START_MODE_S = 40;
    public static final double FARGATE_START_MAX_S = 90;
    /**
     * Fargate Spot's warning before it stops an interrupted task: SIGTERM, then SIGKILL 120 s later if the
     * container's stopTimeout allows it (ECS default 30 s; at most 120 s). docs.aws.amazon.com/AmazonECS/latest/
     * userguide/fargate-capacity-providers.html, checked 2026-11.
     */
    public static final int FARGATE_SPOT_WARNING_S = 120;

    // --- Amazon SQS limits (checked 2026-11) ---
    /** docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html */
    public static final int SQS_MAX_MESSAGE_BYTES = 1_048_576;
    public static final int SQS_MAX_BATCH_ENTRIES = 10;
    /** ReceiveMessage long polling waits at most 20 s (SQS API reference, WaitTimeSeconds). */
    public static final int SQS_MAX_WAIT_TIME_S = 20;

    // --- Amazon EventBridge: quotas page (checked 2026-11) ---
    /** 1 MB since 2026-01-29 (older pages still say 256 KB). */
    public static final int EVENTBRIDGE_MAX_EVENT_BYTES = 1_048_576;
    public static final int PUT_EVENTS_MAX_ENTRIES = 10;
    /** A rule's name: 1–64 characters of [.-_A-Za-z0-9] (EventBridge API reference, PutRule, Name). */
    public static final int EVENTBRIDGE_RULE_NAME_MAX_CHARS = 64;

    // --- Amazon ECS: RunTask API reference (checked 2026-11) ---
    /** RunTask overrides, all of them together, as JSON characters. */
    public static final int ECS_OVERRIDES_MAX_CHARS = 8_192;

    // --- JSON nesting the AWS Lambda Java runtime parses (checked 2026-11) ---
    /**
     * The deepest nesting of objects and arrays the Java runtime's event parser accepts in a whole
     * event: aws-lambda-java-serialization 1.4.x (the library the java17/java21 runtimes and the
     * runtime interface client use to turn an event into {@code ScheduledEvent}, {@code SQSEvent}, ...)
     * is built on Jackson 2.15+, whose {@code StreamReadConstraints} default maximum nesting depth is
     * 1,000; Jackson's {@code StreamWriteConstraints} (2.16+) default to the same when this project
     * writes JSON. Source: FasterXML jackson-core {@code StreamReadConstraints.DEFAULT_MAX_DEPTH},
     * {@code StreamWriteConstraints.DEFAULT_MAX_DEPTH}; aws-lambda-java-libs serialization module.
     */
    public static final int JSON_MAX_NESTING_DEPTH = 1_000;

    private AwsPricing() {
    }
}
