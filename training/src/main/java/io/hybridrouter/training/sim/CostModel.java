package io.hybridrouter.training.sim;

import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.cost.AwsPricing;
import io.hybridrouter.shared.cost.FargateSize;
import io.hybridrouter.shared.cost.Prices;
import io.hybridrouter.shared.cost.Sizing;
import io.hybridrouter.shared.option.Arch;
import io.hybridrouter.shared.option.RunOption;
import io.hybridrouter.shared.option.RunOptions;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
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
 *   <li>Options ({@link RunOption}, every declared one the prices can price): the same job at another
 *       size, architecture and capacity. Run time follows the vCPUs (Amdahl, as above) and, on arm64, the
 *       type's {@link WorkloadProfile#armTimeFactor}. The job's peak memory is a share (55–100 %, drawn) of
 *       its sizing memory; with less memory than that it slows by need / memory (paging, garbage
 *       collection), and with less than half it is killed out of memory halfway through. Fargate Spot
 *       interrupts a task at {@link #spotInterruptionsPerHour()} (a Poisson rate over the task's life,
 *       start-up included): the job is re-run on Spot, and after a second interruption on on-demand
 *       capacity, each attempt billed and its time counted.</li>
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

    /**
     * Fargate Spot interruptions per task-hour the simulator assumes unless told otherwise. AWS publishes no
     * Fargate Spot interruption rate; this is a pessimistic assumption, configurable and learned from outcomes.
     */
    public static final double DEFAULT_SPOT_INTERRUPTIONS_PER_HOUR = 0.05;

    private final Prices prices;
    private final Drift drift;
    private final List<RunOption> options;
    private final double spotInterruptionsPerHour;

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
        this(prices, drift, RunOptions.declared().offered(prices), DEFAULT_SPOT_INTERRUPTIONS_PER_HOUR);
    }

    /**
     * A simulator that also runs every job on each of {@code options} (Spot ones only when {@code prices}
     * price Spot), with Fargate Spot interrupting tasks at {@code spotInterruptionsPerHour}.
     */
    public CostModel(Prices prices, Drift drift, List<RunOption> options, double spotInterruptionsPerHour) {
        if (!(spotInterruptionsPerHour >= 0) || Double.isInfinite(spotInterruptionsPerHour)) {
            throw new IllegalArgumentException("Spot interruptions per hour must be a number >= 0, got "
                    + spotInterruptionsPerHour);
        }
        this.drift = drift;
        this.prices = drift.prices(prices);
        this.options = options.stream().filter(o -> !o.spot() || this.prices.spotAvailable()).toList();
        this.spotInterruptionsPerHour = spotInterruptionsPerHour;
    }

    /** The same world, running jobs on {@code options} instead. */
    public CostModel withOptions(List<RunOption> options) {
        return new CostModel(prices, drift, options, spotInterruptionsPerHour, true);
    }

    /** The same world with Fargate Spot interrupting tasks at {@code perHour}. */
    public CostModel withSpotInterruptions(double perHour) {
        return new CostModel(prices, drift, options, perHour, true);
    }

    private CostModel(Prices driftedPrices, Drift drift, List<RunOption> options, double spotPerHour, boolean raw) {
        this.drift = drift;
        this.prices = driftedPrices;
        this.options = options.stream().filter(o -> !o.spot() || driftedPrices.spotAvailable()).toList();
        this.spotInterruptionsPerHour = spotPerHour;
    }

    /** The options every job is also run on. */
    public List<RunOption> options() {
        return options;
    }

    /** Fargate Spot interruptions per task-hour in this world. */
    public double spotInterruptionsPerHour() {
        return spotInterruptionsPerHour;
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
        Map<String, PlatformRun> runs = new LinkedHashMap<>();
        for (RunOption o : options) {
            runs.put(o.id(), run(job, o, profile, payloadMb, compute, draws));
        }
        return new Simulation(job, lambda, ecs, sloMs, Simulation.oracle(lambda, ecs, sloMs), runs);
    }

    /** Simulates a job on one option (declared or not) with the given draws. */
    public PlatformRun simulate(Job job, RunOption option, Draws draws) {
        WorkloadProfile profile = WorkloadProfile.of(job.workload());
        double payloadMb = job.payloadSizeKb() / 1024.0;
        return run(job, option, profile, payloadMb, computeSeconds(job, profile, payloadMb, draws), draws);
    }

    /** The memory the job needs at its peak: a drawn share of its sizing memory, times any memory drift. */
    public double memoryNeedMb(Job job, Draws draws) {
        return drift.memoryFactor(job) * Sizing.lambdaMemoryMb(job) * draws.memoryShare();
    }

    private PlatformRun run(Job job, RunOption o, WorkloadProfile profile, double payloadMb, double compute,
            Draws draws) {
        Platform platform = o.platform();
        double needMb = memoryNeedMb(job, draws);
        double memorySlowdown = Math.max(1.0, needMb / o.memoryMb());
        boolean outOfMemory = needMb > 2.0 * o.memoryMb();
        double archFactor = o.arch() == Arch.ARM64 ? profile.armTimeFactor() : 1.0;
        double noise = platform == Platform.LAMBDA ? draws.lambdaRunNoise() : draws.ecsRunNoise();
        double runS = profile.runSeconds(payloadMb, compute * archFactor, o.vcpu()) * noise
                * drift.durationFactor(job, platform) * memorySlowdown;
        if (platform == Platform.LAMBDA) {
            double coldMs = lambdaColdMs(job, draws);
            LambdaEnd end = LambdaEnd.of(Sizing.lambdaMemoryMb(job) > AwsPricing.LAMBDA_MAX_MEMORY_MB || outOfMemory,
                    payloadMb, runS);
            return new PlatformRun(platform, end.failure() == null, end.failure(), coldMs + end.untilS() * 1000,
                    o.lambdaCostUsd(prices, end.billedMs()), end.billedMs(), o.vcpu(), o.memoryMb(), coldMs,
                    runS * 1000, o, 0, needMb);
        }
        double startupFactor = drift.startupFactor(Platform.ECS);
        double workS = outOfMemory ? runS / 2 : runS;
        double latencyS = 0;
        double billedS = 0;
        double cost = 0;
        int interruptions = 0;
        double firstStartS = draws.fargateStartS() * startupFactor;
        double[] rolls = {draws.spotRoll1(), draws.spotRoll2()};
        for (int attempt = 1; ; attempt++) {
            double startS = (attempt == 1 ? draws.fargateStartS() : draws.fargateRestartS()) * startupFactor;
            double unbilledS = startS * (1 - draws.fargateBilledShare());
            double lifeS = startS + workS;
            boolean spot = o.spot() && attempt <= 2;
            double interruptAtS = spot && spotInterruptionsPerHour > 0
                    ? -Math.log(Math.max(1e-12, rolls[attempt - 1])) / spotInterruptionsPerHour * 3600
                    : Double.POSITIVE_INFINITY;
            double endS = Math.min(lifeS, interruptAtS);
            double attemptBilledS = prices.fargateBilledSeconds(Math.max(0, endS - unbilledS));
            billedS += attemptBilledS;
            cost += (spot ? o : o.onDemand()).fargateCostUsd(prices, attemptBilledS);
            latencyS += endS;
            if (interruptAtS >= lifeS) {
                break;
            }
            interruptions++;
        }
        return new PlatformRun(platform, !outOfMemory, outOfMemory ? "memory" : null, latencyS * 1000, cost,
                (long) (billedS * 1000), o.vcpu(), o.memoryMb(), firstStartS * 1000, runS * 1000, o, interruptions,
                needMb);
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
        double coldMs = lambdaColdMs(job, draws);
        LambdaEnd end = LambdaEnd.of(memoryMb > AwsPricing.LAMBDA_MAX_MEMORY_MB, payloadMb, runS);
        double cost = prices.lambdaCostUsd(configuredMb, end.billedMs());
        return new PlatformRun(Platform.LAMBDA, end.failure() == null, end.failure(), coldMs + end.untilS() * 1000,
                cost, end.billedMs(), vcpu, configuredMb, coldMs, runS * 1000);
    }

    /** A cold start's restore time when the job's load pattern makes this invocation cold, else 0. */
    private double lambdaColdMs(Job job, Draws draws) {
        return draws.coldStartRoll() < coldStartProbability(job.loadPattern())
                ? draws.coldStartMs() * drift.startupFactor(Platform.LAMBDA) : 0;
    }

    /**
     * How a Lambda invocation of {@code runS} seconds of work ends: out of memory halfway, out of /tmp once the
     * reading hits it, at the 900 s timeout, or done ({@code failure} null); billed until then.
     */
    private record LambdaEnd(String failure, double untilS) {

        static LambdaEnd of(boolean outOfMemory, double payloadMb, double runS) {
            String failure = null;
            double untilS = runS;
            if (outOfMemory) {
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
            return new LambdaEnd(failure, untilS);
        }

        long billedMs() {
            return (long) Math.ceil(untilS * 1000);
        }
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
