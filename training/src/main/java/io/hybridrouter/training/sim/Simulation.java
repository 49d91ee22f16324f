package io.hybridrouter.training.sim;

import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.option.RunOption;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A job's cost and latency on both platforms as it was sized before options (the sized pair, see
 * {@code RunOptions#sized}), on every declared option it was simulated on, and what an all-knowing
 * router would pick.
 *
 * @param job     the job
 * @param lambda  the run on Lambda, x86_64 at the job's sized memory
 * @param ecs     the run on on-demand Fargate at the job's sized task
 * @param sloMs   the workload type's latency objective
 * @param label   the oracle between the two: the cheaper platform among those that complete within the
 *                objective; if neither does, the one that completes sooner
 * @param options the run on each declared option, by option id (empty when not simulated)
 */
public record Simulation(Job job, PlatformRun lambda, PlatformRun ecs, double sloMs, Platform label,
        Map<String, PlatformRun> options) {

    public Simulation {
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** A simulation of the sized pair only. */
    public Simulation(Job job, PlatformRun lambda, PlatformRun ecs, double sloMs, Platform label) {
        this(job, lambda, ecs, sloMs, label, Map.of());
    }

    public PlatformRun on(Platform platform) {
        return platform == Platform.LAMBDA ? lambda : ecs;
    }

    /** The run on a declared option, when it was simulated. */
    public Optional<PlatformRun> on(RunOption option) {
        return Optional.ofNullable(options.get(option.id()));
    }

    /**
     * The oracle over the simulated options: the cheapest that completes within the objective; if none
     * does, the cheapest that completes at all (a late job is late on any of them: buying the fastest machine
     * for a job that misses anyway only adds cost); if none completes, the soonest to fail; empty when no
     * option was simulated.
     */
    public Optional<String> optionLabel() {
        String best = null;
        PlatformRun bestRun = null;
        boolean bestMeets = false;
        for (Map.Entry<String, PlatformRun> e : options.entrySet()) {
            PlatformRun r = e.getValue();
            boolean meets = r.ok() && r.latencyMs() <= sloMs;
            boolean better;
            if (bestRun == null) {
                better = true;
            } else if (meets != bestMeets) {
                better = meets;
            } else if (meets) {
                better = r.costUsd() < bestRun.costUsd();
            } else if (r.ok() != bestRun.ok()) {
                better = r.ok();
            } else if (r.ok()) {
                better = r.costUsd() < bestRun.costUsd();
            } else {
                better = r.latencyMs() < bestRun.latencyMs();
            }
            if (better) {
                best = e.getKey();
                bestRun = r;
                bestMeets = meets;
            }
        }
        return Optional.ofNullable(best);
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
