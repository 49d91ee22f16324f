package io.hybridrouter.training;

import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.option.RunOptions;
import io.hybridrouter.training.sim.PlatformRun;
import io.hybridrouter.training.sim.Simulation;

/**
 * What sending one simulated job to one platform, or to one option, amounts to, the rule every strategy
 * and every simulated log is scored by: a job sent where it cannot run costs the failed attempt plus a
 * run where it can (the other platform of the sized pair; for an option, the job's sized on-demand
 * Fargate run), its latency is the sum of both, and it is infeasible and misses its objective. Spot
 * interruptions are already in a run's cost and latency; they are counted here too. Immutable.
 *
 * @param costUsd       billed, including a failed attempt and interrupted Spot attempts
 * @param latencyMs     dispatch to completion, including a failed attempt and interrupted Spot attempts
 * @param sloMet        completed where it was sent, within the type's latency objective
 * @param infeasible    it could not run where it was sent
 * @param interruptions Fargate Spot interruptions on the way
 */
public record RunOutcome(double costUsd, double latencyMs, boolean sloMet, boolean infeasible, int interruptions) {

    /** An outcome without Spot interruptions. */
    public RunOutcome(double costUsd, double latencyMs, boolean sloMet, boolean infeasible) {
        this(costUsd, latencyMs, sloMet, infeasible, 0);
    }

    /** The job sent to {@code p} at the size it had before options (the sized pair). */
    public static RunOutcome of(Simulation s, Platform p) {
        PlatformRun run = s.on(p);
        if (!run.ok()) {
            return failed(run, s.on(p.other()));
        }
        return ok(s, run);
    }

    /**
     * The job sent to the option {@code option} on {@code platform}. A job simulated without options (a data
     * set read from a file holds the sized pair only) and a decision without an option are scored on the
     * sized run on {@code platform}, and so is the sized option itself when it is not a declared one.
     *
     * @throws IllegalArgumentException when the job was simulated on options but not on this one (the router
     *     and the simulator do not offer the same options: they price with different tables)
     */
    public static RunOutcome of(Simulation s, Platform platform, String option) {
        if (option == null || s.options().isEmpty()
                || (!s.options().containsKey(option) && option.equals(RunOptions.sized(s.job(), platform).id()))) {
            return of(s, platform);
        }
        PlatformRun run = s.options().get(option);
        if (run == null) {
            throw new IllegalArgumentException("job " + s.job().jobId() + " was not simulated on option " + option
                    + " (the simulator and the router must offer the same options: price both with one table)");
        }
        if (!run.ok()) {
            return failed(run, s.ecs());
        }
        return ok(s, run);
    }

    private static RunOutcome ok(Simulation s, PlatformRun run) {
        return new RunOutcome(run.costUsd(), run.latencyMs(), run.latencyMs() <= s.sloMs(), false,
                run.interruptions());
    }

    private static RunOutcome failed(PlatformRun run, PlatformRun retry) {
        return new RunOutcome(run.costUsd() + retry.costUsd(), run.latencyMs() + retry.latencyMs(), false, true,
                run.interruptions() + retry.interruptions());
    }
}
