package io.hybridrouter.training;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.hybridrouter.shared.cost.Prices;

/**
 * What routing itself costs per million jobs, on top of running them: the classifier Lambda, the
 * SQS requests and the EventBridge events. The original single-Lambda design priced its inference
 * at about $0.24 per million predictions; this pipeline adds the queue and the bus.
 *
 * @param classifierLambdaUsd classifier invocations and duration, at the arm64 price the template deploys it at
 * @param sqsUsd              send, receive and delete requests (batches of 10)
 * @param eventBridgeUsd      one decision and one outcome event per job
 * @param totalUsd            the sum
 */
@JsonPropertyOrder({"classifier_lambda_usd", "sqs_usd", "eventbridge_usd", "total_usd"})
public record RouterOverhead(
        @JsonProperty("classifier_lambda_usd") double classifierLambdaUsd,
        @JsonProperty("sqs_usd") double sqsUsd,
        @JsonProperty("eventbridge_usd") double eventBridgeUsd,
        @JsonProperty("total_usd") double totalUsd) {

    /** Memory of the classifier function in template.yaml. */
    public static final int CLASSIFIER_MEMORY_MB = 1024;
    /** The classifier function's architecture in template.yaml (Globals), which sets its duration price. */
    public static final String CLASSIFIER_ARCHITECTURE = "arm64";
    /** Records per classifier invocation (the SQS event source's default batch). */
    public static final int BATCH_SIZE = 10;
    /**
     * Assumed wall time of one PutEvents call from inside the region, ms. The classifier waits for
     * it, so it is billed; measured inference time is added on top.
     */
    public static final double PUT_EVENTS_MS = 25;
    /** SendMessageBatch, ReceiveMessage and DeleteMessageBatch, each for a batch of 10. */
    public static final double SQS_REQUESTS_PER_JOB = 3.0 / BATCH_SIZE;
    /** The RoutingDecision event and the JobCompleted event. */
    public static final double EVENTS_PER_JOB = 2;

    /** Overhead per million jobs, given the measured time to decide one job. */
    public static RouterOverhead perMillionJobs(double decideMicros) {
        return perMillionJobs(decideMicros, Prices.defaults());
    }

    /** Overhead per million jobs at these prices. */
    public static RouterOverhead perMillionJobs(double decideMicros, Prices prices) {
        double jobs = 1_000_000;
        double invocations = jobs / BATCH_SIZE;
        long billedMsPerInvocation = (long) Math.ceil(PUT_EVENTS_MS + BATCH_SIZE * decideMicros / 1000.0);
        double lambda = invocations * prices.lambdaArmCostUsd(CLASSIFIER_MEMORY_MB, billedMsPerInvocation);
        double sqs = jobs * SQS_REQUESTS_PER_JOB * prices.sqsUsdPerRequest();
        double events = jobs * EVENTS_PER_JOB * prices.eventBridgeUsdPerEvent();
        return new RouterOverhead(lambda, sqs, events, lambda + sqs + events);
    }
}
