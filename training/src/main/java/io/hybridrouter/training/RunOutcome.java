package io.hybridrouter.training;

import io.hybridrouter.shared.Platform;
import io.hybridrouter.training.sim.PlatformRun;
import io.hybridrouter.training.sim.Simulation;

/**
 * What sending one simulated job to one platform amounts to, the rule every strategy and every
 * simulated log is scored by: a job sent where it cannot run costs the failed attempt plus the run
 * on the other platform, its latency is the sum of both, and it is infeasible and misses its
 * objective. Immutable.
 *
 * @param costUsd    billed, including a failed attempt
 * @param latencyMs  dispatch to completion, including a failed attempt
 * @param sloMet     completed where it was sent, within the type's latency objective
 * @param infeasible it could not run where it was sent
 */
public record RunOutcome(double costUsd, double latencyMs, boolean sloMet, boolean infeasible) {

    public static RunOutcome of(Simulation s, Platform p) {
        PlatformRun run = s.on(p);
        if (!run.ok()) {
            PlatformRun retry = s.on(p.other());
            return new RunOutcome(run.costUsd() + retry.costUsd(), run.latencyMs() + retry.latencyMs(), false, true);
        }
        return new RunOutcome(run.costUsd(), run.latencyMs(), run.latencyMs() <= s.sloMs(), false);
    }
}
