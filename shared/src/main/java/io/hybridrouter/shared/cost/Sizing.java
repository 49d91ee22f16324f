package io.hybridrouter.shared.cost;

import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.WorkloadType;

import java.util.EnumMap;
import java.util.Map;

/**
 * How the executors size a job on each platform, and the latency objective the job must meet: what
 * the router needs, besides predicted durations and the price table, to turn a job into an expected
 * cost and a probability of meeting its objective. The simulator uses the same table, so the two
 * cannot disagree. These are this project's assumptions (not AWS facts), stated in
 * docs/COST_MODEL.md. Immutable and thread-safe.
 *
 * @param lambdaMemoryMb memory the Lambda executor gives this type unless the job asks for more
 * @param ecsVcpu        vCPUs the Fargate task gets
 * @param ecsMemoryMb    memory the Fargate task gets unless the job asks for more
 * @param sloS           latency objective: submission to completion, seconds
 */
public record Sizing(int lambdaMemoryMb, double ecsVcpu, int ecsMemoryMb, double sloS) {

    /**
     * Fargate bills from the image pull, which the project takes to begin 40–70 % of the way into a
     * task's start-up (the simulator draws from this range; the router uses its middle).
     */
    public static final double FARGATE_BILLED_STARTUP_SHARE_MIN = 0.4;
    public static final double FARGATE_BILLED_STARTUP_SHARE_MAX = 0.7;

    private static final Map<WorkloadType, Sizing> BY_TYPE = new EnumMap<>(WorkloadType.class);

    static {
        // users wait for an API call: 3 s end to end
        BY_TYPE.put(WorkloadType.LIGHTWEIGHT_API, new Sizing(512, 0.25, 512, 3));
        BY_TYPE.put(WorkloadType.THUMBNAIL_PROCESSING, new Sizing(1024, 0.5, 1024, 10));
        BY_TYPE.put(WorkloadType.ML_INFERENCE, new Sizing(3008, 1, 4096, 10));
        BY_TYPE.put(WorkloadType.DATA_ETL, new Sizing(2048, 1, 2048, 1_800));
        BY_TYPE.put(WorkloadType.BATCH_REPORT, new Sizing(1769, 1, 2048, 3_600));
        BY_TYPE.put(WorkloadType.VIDEO_TRANSCODING, new Sizing(4096, 4, 8192, 7_200));
        BY_TYPE.put(WorkloadType.OTHER, new Sizing(1024, 1, 2048, 900));
    }

    public static Sizing of(WorkloadType type) {
        return BY_TYPE.get(type);
    }

    /** The job's latency objective in milliseconds: its type's, from submission to completion. */
    public static double sloMs(Job job) {
        return of(job.workload()).sloS() * 1000;
    }

    /** The memory the Lambda executor runs this job with (may exceed Lambda's ceiling). */
    public static int lambdaMemoryMb(Job job) {
        int mb = of(job.workload()).lambdaMemoryMb();
        if (job.memoryMb() != null) {
            mb = Math.max(mb, job.memoryMb());
        }
        return Math.max(AwsPricing.LAMBDA_MIN_MEMORY_MB, mb);
    }

    /** The memory a Lambda function is configured with for this job (capped at Lambda's ceiling). */
    public static int lambdaConfiguredMemoryMb(Job job) {
        return Math.min(lambdaMemoryMb(job), AwsPricing.LAMBDA_MAX_MEMORY_MB);
    }

    /** The Fargate task size for this job: the type's vCPUs and at least the memory it asks for. */
    public static FargateSize fargateSize(Job job) {
        Sizing s = of(job.workload());
        int mb = s.ecsMemoryMb();
        if (job.memoryMb() != null) {
            mb = Math.max(mb, job.memoryMb());
        }
        return FargateSize.atLeast(s.ecsVcpu(), mb);
    }
}
