package io.hybridrouter.training.sim;

import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.cost.AwsPricing;
import io.hybridrouter.shared.cost.FargateSize;
import io.hybridrouter.shared.cost.Prices;
import io.hybridrouter.shared.cost.Sizing;
import java.util.EnumMap;
import java.util.Map;

/**
 * A deterministic simulator of what a job costs and how long it takes on AWS Lambda and on ECS
 * Fargate (one RunTask per job), priced with a price table ({@link Prices}; the bundled one unless
 * given). Immutable and thread-safe.
 *
 * <ul>
 *   <li>Lambda: memory is the type's default or the job's {@code memory_mb}, whichever is larger;
 *       CPU is memory / 1,769 MB (at most 6 vCPU); billed per 1 ms plus the request price. A cold
 *       start (SnapStart restore, 200–500 ms) adds latency, not cost; its probability depends on the
 *       load pattern. A job that needs more than 10,240 MB, more /tmp than 10,240 MB, or more than
 *       900 s fails there: the timeout bills 900 s; a memory or storage failure bills the time until
 *       the job ran out (half its run, or the time to read 10 GB).</li>
 *   <li>Fargate: the smallest valid task size with the type's vCPU and enough memory; start-up time
 *       drawn from 30–90 s (triangular, mode 40 s); billing starts at the image pull (40–70 % into
 *       the start-up), per second, one-minute minimum.</li>
 *   <li>Work: a job's compute is its type's nominal work for its payload times a per-job multiplier
 *       (log-normal, sigma 0.25); with {@code expected_duration_s} the work is taken from the hint
 *       instead (the hint being the run time on one vCPU, off by a log-normal error of sigma 0.10).
 *       Each run varies by a further 5 %.</li>
 *   <li>A {@link Drift}, when given, changes the truth from these assumptions (run time, memory need,
 *       start-up, prices) for {@code router demo --learn}.</li>
 * </ul>
 */
public final class CostModel {

    /** Probability that a Lambda invocation starts cold, by load pattern. */
    private static final Map<LoadPattern, Double> COLD_START = new EnumMap<>(LoadPattern.class);

    static {
        COLD_START.put(LoadPattern.LOW_LOAD, 0.60);
        COLD_START.put(LoadPattern.MEDIUM_LOAD, 0.20);
        COLD_START.put(LoadPattern.BURST_LOAD, 0.40);
        COLD_START.put(LoadPattern.STEADY_HIGH_LOAD, 0.03);
    }

    private final Prices prices;
    private final Drift drift;

    /** A simulator pricing with the bundled price table. */
    public CostModel() {
        this(Prices.defaults());
    }

    public CostModel(Prices prices) {
        this(prices, Drift.NONE);
    }

    /**
     * A simulator of a drifted world: {@code drift} applied to every run, priced with {@code prices}
     * with the drift's price factors applied.
     */
    public CostModel(Prices prices, Drift drift) {
        this.drift = drift;
        this.prices = drift.prices(prices);
    }

    public Drift drift() {
        return drift;
    }

    public Prices prices() {
        return prices;
    }

    public static double coldStartProbability(LoadPattern pattern) {
        return COLD_START.get(pattern);
    }

    /** Simulates a job with draws from {@code seed} and its id. */
    public Simulation simulate(Job job, long seed) {
        return simulate(job, Draws.forJob(seed, job.jobId()));
    }

    /** Simulates a job with the given draws. */
    public Simulation simulate(Job job, Draws draws) {
        WorkloadProfile profile = WorkloadProfile.of(job.workload());
        double payloadMb = job.payloadSizeKb() / 1024.0;
        double compute = computeSeconds(job, profile, payloadMb, draws);
        PlatformRun lambda = lambdaRun(job, profile, payloadMb, compute, draws);
        PlatformRun ecs = ecsRun(job, profile, payloadMb, compute, draws);
        double sloMs = profile.sloS() * 1000;
        return new Simulation(job, lambda, ecs, sloMs, Simulation.oracle(lambda, ecs, sloMs));
    }

    /** The true compute seconds (on one vCPU) of this job. */
    static double computeSeconds(Job job, WorkloadProfile profile, double payloadMb, Draws draws) {
        if (job.expectedDurationS() != null) {
            double reference = job.expectedDurationS() / draws.hintError();
            double io = profile.ioBaseS() + payloadMb / WorkloadProfile.IO_MB_PER_S;
            return Math.max(0.001, reference - io);
        }
        return profile.nominalComputeSeconds(payloadMb) * draws.workMultiplier();
    }

    /** The run time on one vCPU that a producer would quote as {@code expected_duration_s}. */
    public static double referenceSeconds(Job job, Draws draws) {
        WorkloadProfile profile = WorkloadProfile.of(job.workload());
        double payloadMb = job.payloadSizeKb() / 1024.0;
        return profile.runSeconds(payloadMb, computeSeconds(job, profile, payloadMb, draws), 1.0);
    }

    /** The memory the Lambda executor runs this job with (may exceed Lambda's ceiling). */
    public static int lambdaMemoryMb(Job job) {
        return Sizing.lambdaMemoryMb(job);
    }

    /** The Fargate task size for this job. */
    public static FargateSize fargateSize(Job job) {
        return Sizing.fargateSize(job);
    }

    private PlatformRun lambdaRun(Job job, WorkloadProfile profile, double payloadMb, double compute, Draws draws) {
        int memoryMb = lambdaMemoryMb(job);
        int configuredMb = Math.min(memoryMb, AwsPricing.LAMBDA_MAX_MEMORY_MB);
        double vcpu = lambdaVcpu(configuredMb);
        double runS = profile.runSeconds(payloadMb, compute, vcpu) * draws.lambdaRunNoise()
                * drift.durationFactor(job, Platform.LAMBDA) * drift.memorySlowdown(job, configuredMb);
        double coldMs = draws.coldStartRoll() < coldStartProbability(job.loadPattern())
                ? draws.coldStartMs() * drift.startupFactor(Platform.LAMBDA) : 0;

        String failure = null;
        double untilS = runS;
        if (memoryMb > AwsPricing.LAMBDA_MAX_MEMORY_MB) {
            failure = "memory";
            untilS = runS / 2;
        } else if (payloadMb > AwsPricing.LAMBDA_MAX_EPHEMERAL_MB) {
            failure = "ephemeral-storage";
            untilS = AwsPricing.LAMBDA_MAX_EPHEMERAL_MB / WorkloadProfile.IO_MB_PER_S;
        }
        if (untilS > AwsPricing.LAMBDA_TIMEOUT_S) {
            failure = "timeout";
            untilS = AwsPricing.LAMBDA_TIMEOUT_S;
        }
        long billedMs = (long) Math.ceil(untilS * 1000);
        double cost = prices.lambdaCostUsd(configuredMb, billedMs);
        return new PlatformRun(Platform.LAMBDA, failure == null, failure, coldMs + untilS * 1000, cost, billedMs,
                vcpu, configuredMb, coldMs, runS * 1000);
    }

    private PlatformRun ecsRun(Job job, WorkloadProfile profile, double payloadMb, double compute, Draws draws) {
        FargateSize size = fargateSize(job);
        double runS = profile.runSeconds(payloadMb, compute, size.vcpu()) * draws.ecsRunNoise()
                * drift.durationFactor(job, Platform.ECS) * drift.memorySlowdown(job, size.memoryMb());
        double startS = draws.fargateStartS() * drift.startupFactor(Platform.ECS);
        double billedS = prices.fargateBilledSeconds(startS * draws.fargateBilledShare() + runS);
        return new PlatformRun(Platform.ECS, true, null, (startS + runS) * 1000,
                prices.fargateCostUsd(size.vcpu(), size.memoryMb(), billedS),
                (long) (billedS * 1000), size.vcpu(), size.memoryMb(), startS * 1000, runS * 1000);
    }

    /** vCPUs a function gets at this memory size. */
    public static double lambdaVcpu(int memoryMb) {
        return Math.min(AwsPricing.LAMBDA_MAX_VCPU, memoryMb / (double) AwsPricing.LAMBDA_MB_PER_VCPU);
    }

}
