package io.hybridrouter.training.sim;

import io.hybridrouter.shared.cost.AwsPricing;
import io.hybridrouter.shared.cost.Sizing;
import java.util.SplittableRandom;

/**
 * The random parts of one job's simulated life, drawn once from a seed so that the same job and
 * seed always cost the same.
 *
 * @param workMultiplier  how much heavier (&gt;1) or lighter this job is than its type's nominal work
 * @param hintError       ratio of the producer's duration estimate to the truth
 * @param lambdaRunNoise  run-to-run variation on Lambda
 * @param ecsRunNoise     run-to-run variation on Fargate
 * @param coldStartRoll   uniform 0–1, compared with the load pattern's cold-start probability
 * @param coldStartMs     SnapStart restore time if the start is cold
 * @param fargateStartS   time from RunTask to the container running
 * @param fargateBilledShare share of the start-up time that is billed (image pull onwards)
 * @param memoryShare     the job's peak memory as a share of its type's Lambda sizing (or its {@code memory_mb}),
 *                        uniform 0.55–1: what the sizing tables over-provision by
 * @param spotRoll1       uniform 0–1: when the first Fargate Spot run would be interrupted (exponential in time)
 * @param spotRoll2       the same for the re-run
 * @param fargateRestartS the start-up of a task that re-runs a job after a Spot interruption
 */
public record Draws(
        double workMultiplier,
        double hintError,
        double lambdaRunNoise,
        double ecsRunNoise,
        double coldStartRoll,
        double coldStartMs,
        double fargateStartS,
        double fargateBilledShare,
        double memoryShare,
        double spotRoll1,
        double spotRoll2,
        double fargateRestartS) {

    /** Draws without the per-option parts (peak memory at its type's sizing, Spot never interrupted). */
    public Draws(double workMultiplier, double hintError, double lambdaRunNoise, double ecsRunNoise,
            double coldStartRoll, double coldStartMs, double fargateStartS, double fargateBilledShare) {
        this(workMultiplier, hintError, lambdaRunNoise, ecsRunNoise, coldStartRoll, coldStartMs, fargateStartS,
                fargateBilledShare, 1.0, 1.0, 1.0, fargateStartS);
    }

    /** Spread (log-normal sigma) of a job's work around its type's nominal work. */
    public static final double WORK_SIGMA = 0.25;
    /** Spread of producers' duration estimates around the truth. */
    public static final double HINT_SIGMA = 0.10;
    /** Spread of one run around the job's true work. */
    public static final double RUN_SIGMA = 0.05;

    /** The draws for a job, from {@code seed} and the job's id. */
    public static Draws forJob(long seed, String jobId) {
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ jobId.hashCode() * 0xC2B2AE3D27D4EB4FL);
        return new Draws(
                logNormal(rnd, WORK_SIGMA),
                logNormal(rnd, HINT_SIGMA),
                logNormal(rnd, RUN_SIGMA),
                logNormal(rnd, RUN_SIGMA),
                rnd.nextDouble(),
                AwsPricing.LAMBDA_SNAPSTART_RESTORE_MIN_MS + rnd.nextDouble()
                        * (AwsPricing.LAMBDA_SNAPSTART_RESTORE_MAX_MS - AwsPricing.LAMBDA_SNAPSTART_RESTORE_MIN_MS),
                triangular(rnd.nextDouble(), AwsPricing.FARGATE_START_MIN_S, AwsPricing.FARGATE_START_MODE_S,
                        AwsPricing.FARGATE_START_MAX_S),
                Sizing.FARGATE_BILLED_STARTUP_SHARE_MIN + (Sizing.FARGATE_BILLED_STARTUP_SHARE_MAX
                        - Sizing.FARGATE_BILLED_STARTUP_SHARE_MIN) * rnd.nextDouble(),
                // drawn after the original eight, so that the same seed gives the same runs it always gave
                MEMORY_SHARE_MIN + (1 - MEMORY_SHARE_MIN) * rnd.nextDouble(),
                rnd.nextDouble(),
                rnd.nextDouble(),
                triangular(rnd.nextDouble(), AwsPricing.FARGATE_START_MIN_S, AwsPricing.FARGATE_START_MODE_S,
                        AwsPricing.FARGATE_START_MAX_S));
    }

    /** The smallest share of its sizing a job's peak memory can be. */
    public static final double MEMORY_SHARE_MIN = 0.55;

    /** No variation at all: a warm Lambda, a typical Fargate start. For hand-checked cases. */
    public static Draws nominal() {
        return new Draws(1, 1, 1, 1, 1, 0, AwsPricing.FARGATE_START_MODE_S, 0.5, 1.0, 1.0, 1.0,
                AwsPricing.FARGATE_START_MODE_S);
    }

    static double logNormal(SplittableRandom rnd, double sigma) {
        // Box-Muller; the variates stay deterministic for a given generator state
        double u1 = Math.max(rnd.nextDouble(), 1e-12);
        double u2 = rnd.nextDouble();
        double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        return Math.exp(sigma * z);
    }

    static double triangular(double u, double min, double mode, double max) {
        double cut = (mode - min) / (max - min);
        if (u < cut) {
            return min + Math.sqrt(u * (max - min) * (mode - min));
        }
        return max - Math.sqrt((1 - u) * (max - min) * (max - mode));
    }
}
