package io.hybridrouter.training.sim;

import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Platform;

/**
 * A job's cost and latency on both platforms and the platform an all-knowing router would pick.
 *
 * @param job    the job
 * @param lambda the run on Lambda
 * @param ecs    the run on Fargate
 * @param sloMs  the workload type's latency objective
 * @param label  the oracle: the cheaper platform among those that complete within the objective;
 *               if neither does, the one that completes sooner
 */
public record Simulation(Job job, PlatformRun lambda, PlatformRun ecs, double sloMs, Platform label) {

    public PlatformRun on(Platform platform) {
        return platform == Platform.LAMBDA ? lambda : ecs;
    }

    /** The oracle rule, applied to two runs. */
    public static Platform oracle(PlatformRun lambda, PlatformRun ecs, double sloMs) {
        boolean lambdaMeets = lambda.ok() && lambda.latencyMs() <= sloMs;
        boolean ecsMeets = ecs.ok() && ecs.latencyMs() <= sloMs;
        if (lambdaMeets && ecsMeets) {
            return lambda.costUsd() <= ecs.costUsd() ? Platform.LAMBDA : Platform.ECS;
        }
        if (lambdaMeets) {
            return Platform.LAMBDA;
        }
        if (ecsMeets) {
            return Platform.ECS;
        }
        if (!lambda.ok()) {
            return Platform.ECS;
        }
        return lambda.latencyMs() <= ecs.latencyMs() ? Platform.LAMBDA : Platform.ECS;
    }
}
