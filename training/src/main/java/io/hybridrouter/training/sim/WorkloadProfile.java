package io.hybridrouter.training.sim;

import io.hybridrouter.shared.WorkloadType;
import io.hybridrouter.shared.cost.Sizing;
import java.util.EnumMap;
import java.util.Map;

/**
 * How one workload type behaves: the work it does as a function of its payload, the resources it
 * asks for on each platform and the latency objective it must meet. These are the simulator's
 * assumptions (not AWS facts); they are stated here so that a user can replace them with numbers
 * measured on their own jobs.
 *
 * <p>Work is {@code io + compute}: io is reading the payload at {@link #IO_MB_PER_S}; compute is
 * {@code computeBaseS + computeSPerMb × MB} seconds on one full vCPU, of which {@code parallelFraction}
 * uses extra vCPUs (Amdahl's law). How each platform sizes the type and its latency objective are
 * in {@link Sizing} (shared with the router, which needs them at decision time).
 *
 * @param type             the workload type
 * @param ioBaseS          fixed I/O per job (connections, small reads), seconds
 * @param computeBaseS     fixed compute per job on one vCPU, seconds
 * @param computeSPerMb    compute per MB of payload on one vCPU, seconds
 * @param parallelFraction share of compute that spreads over more vCPUs, 0–1
 * @param payloadMinKb     smallest payload in the default job mix
 * @param payloadMaxKb     largest payload in the default job mix
 * @param armTimeFactor    run time on arm64 (Graviton) over run time on x86_64 at the same vCPUs: below 1
 *                         where Graviton is faster, above where the work leans on x86 vector code
 */
public record WorkloadProfile(
        WorkloadType type,
        double ioBaseS,
        double computeBaseS,
        double computeSPerMb,
        double parallelFraction,
        double payloadMinKb,
        double payloadMaxKb,
        double armTimeFactor) {

    // arm64 time factors: the simulator's assumption (Graviton2/3 at par or faster on scalar, branchy code;
    // slower where codecs and BLAS kernels are tuned for x86 vector units); replace with measured ones.

    /** Sustained read throughput from S3 into either platform, MB/s (a single stream). */
    public static final double IO_MB_PER_S = 80;

    private static final Map<WorkloadType, WorkloadProfile> PROFILES = new EnumMap<>(WorkloadType.class);

    static {
        // An API call: a few ms of CPU, a round trip or two; users wait for it, so 3 s end to end.
        put(new WorkloadProfile(WorkloadType.LIGHTWEIGHT_API, 0.02, 0.01, 0.2, 0.0,
                0.5, 256, 1.0));
        // Resize an image: decode/encode scales with the image, partly multi-threaded; 10 s objective.
        put(new WorkloadProfile(WorkloadType.THUMBNAIL_PROCESSING, 0.05, 0.15, 0.25, 0.5,
                20, 20_480, 1.10));
        // Online inference with a model already in memory; 10 s objective.
        put(new WorkloadProfile(WorkloadType.ML_INFERENCE, 0.05, 0.3, 0.08, 0.7,
                1, 10_240, 1.20));
        // Extract-transform-load of a file: throughput-bound, minutes for large inputs; 30 min objective.
        put(new WorkloadProfile(WorkloadType.DATA_ETL, 0.2, 2, 0.12, 0.3,
                100, 20_971_520, 0.92));
        // A report over a data extract: single-threaded aggregation; 1 h objective.
        put(new WorkloadProfile(WorkloadType.BATCH_REPORT, 0.5, 5, 0.5, 0.0,
                10, 2_097_152, 0.95));
        // Transcode a video: ~2 vCPU-seconds per MB, highly parallel; 2 h objective.
        put(new WorkloadProfile(WorkloadType.VIDEO_TRANSCODING, 0.2, 10, 2.0, 0.9,
                1_024, 2_097_152, 1.35));
        // Anything else: a middle-of-the-road batch job; 15 min objective.
        put(new WorkloadProfile(WorkloadType.OTHER, 0.1, 1, 0.1, 0.5,
                1, 1_048_576, 1.0));
    }

    private static void put(WorkloadProfile p) {
        PROFILES.put(p.type(), p);
    }

    public static WorkloadProfile of(WorkloadType type) {
        return PROFILES.get(type);
    }

    private Sizing sizing() {
        return Sizing.of(type);
    }

    /** Memory the Lambda executor gives this type unless the job asks for more. */
    public int lambdaMemoryMb() {
        return sizing().lambdaMemoryMb();
    }

    /** vCPUs the Fargate task gets. */
    public double ecsVcpu() {
        return sizing().ecsVcpu();
    }

    /** Memory the Fargate task gets unless the job asks for more. */
    public int ecsMemoryMb() {
        return sizing().ecsMemoryMb();
    }

    /** Latency objective: submission to completion, seconds. */
    public double sloS() {
        return sizing().sloS();
    }

    /** Run time in seconds of {@code referenceComputeS} compute (on one vCPU) with {@code vcpu} vCPUs. */
    public double runSeconds(double payloadMb, double referenceComputeS, double vcpu) {
        double io = ioBaseS + payloadMb / IO_MB_PER_S;
        double serial = (1 - parallelFraction) / Math.min(1.0, vcpu);
        double parallel = parallelFraction / vcpu;
        return io + referenceComputeS * (serial + parallel);
    }

    /** Compute seconds on one vCPU for a payload, before the job's own variation. */
    public double nominalComputeSeconds(double payloadMb) {
        return computeBaseS + computeSPerMb * payloadMb;
    }
}
