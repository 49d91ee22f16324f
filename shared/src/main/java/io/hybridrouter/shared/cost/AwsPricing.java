package io.hybridrouter.shared.cost;

/**
 * Every AWS price and limit this project uses, in one place. Prices are us-east-1 on-demand, x86.
 * Checked 2026-11 (see the project's FACTS list); update here and nowhere else.
 */
public final class AwsPricing {

    // --- AWS Lambda: aws.amazon.com/lambda/pricing (checked 2026-11) ---
    /** x86, first 6 billion GB-seconds a month. */
    public static final double LAMBDA_USD_PER_GB_SECOND = 0.0000166667;
    /** arm64, for reference in reports. */
    public static final double LAMBDA_ARM_USD_PER_GB_SECOND = 0.0000133334;
    /** $0.20 per million requests. */
    public static final double LAMBDA_USD_PER_REQUEST = 0.20 / 1_000_000;
    /** Lambda bills duration in 1 ms steps. */
    public static final int LAMBDA_BILLING_STEP_MS = 1;

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

    // --- AWS Fargate: aws.amazon.com/fargate/pricing (checked 2026-11) ---
    public static final double FARGATE_USD_PER_VCPU_HOUR = 0.04048;
    public static final double FARGATE_USD_PER_GB_HOUR = 0.004445;
    public static final double FARGATE_ARM_USD_PER_VCPU_HOUR = 0.03238;
    public static final double FARGATE_ARM_USD_PER_GB_HOUR = 0.00356;
    /** Per-second billing with a one-minute minimum, counted from the start of the image pull. */
    public static final int FARGATE_MIN_BILLED_S = 60;
    /** Published task start-up estimates range 30–90 s; modelled as a triangular distribution. */
    public static final double FARGATE_START_MIN_S = 30;
    public static final double FARGATE_START_MODE_S = 40;
    public static final double FARGATE_START_MAX_S = 90;

    // --- Amazon SQS: aws.amazon.com/sqs/pricing (standard queue, past the free tier; checked 2026-11) ---
    /** Each 64 KB chunk of a request counts as one request. */
    public static final double SQS_USD_PER_REQUEST = 0.40 / 1_000_000;
    /** docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html */
    public static final int SQS_MAX_MESSAGE_BYTES = 1_048_576;
    public static final int SQS_MAX_BATCH_ENTRIES = 10;
    /** ReceiveMessage long polling waits at most 20 s (SQS API reference, WaitTimeSeconds). */
    public static final int SQS_MAX_WAIT_TIME_S = 20;

    // --- Amazon EventBridge: aws.amazon.com/eventbridge/pricing, quotas page (checked 2026-11) ---
    /** Custom events, $1.00 per million (each 64 KB chunk is one event). */
    public static final double EVENTBRIDGE_USD_PER_EVENT = 1.00 / 1_000_000;
    /** 1 MB since 2026-01-29 (older pages still say 256 KB). */
    public static final int EVENTBRIDGE_MAX_EVENT_BYTES = 1_048_576;
    public static final int PUT_EVENTS_MAX_ENTRIES = 10;

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
