package io.hybridrouter.training.sim;

import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.option.RunOption;

/**
 * One simulated attempt to run a job on one platform.
 *
 * @param platform  where
 * @param ok        whether the job completed there
 * @param failure   why it did not ({@code timeout}, {@code memory}, {@code ephemeral-storage}), or null
 * @param latencyMs from dispatch to completion (or to the failure)
 * @param costUsd   what the attempt is billed, failed or not
 * @param billedMs  billed duration
 * @param vcpu      CPU the attempt had
 * @param memoryMb  memory the attempt had
 * @param startupMs the part of {@code latencyMs} before the job's own work started (a Lambda cold
 *                  start, a Fargate task start-up); NaN when unknown
 * @param neededMs  the work the job needed, even when the run was stopped before it was done (a
 *                  timeout): what only a simulator knows; NaN when unknown
 * @param option    the option it ran on, or null for a run of the sized pair (see {@code RunOptions#sized})
 *                  read from an old data set
 * @param interruptions how many times Fargate Spot interrupted it (0–2; after two it ran on-demand); the
 *                  latency and cost include the interrupted attempts
 * @param memoryNeedMb the memory the job needed at its peak (what only a simulator knows); NaN when unknown
 */
public record PlatformRun(Platform platform, boolean ok, String failure, double latencyMs, double costUsd,
        long billedMs, double vcpu, int memoryMb, double startupMs, double neededMs, RunOption option,
        int interruptions, double memoryNeedMb) {

    /** A run without an option, interruptions or a known memory need. */
    public PlatformRun(Platform platform, boolean ok, String failure, double latencyMs, double costUsd,
            long billedMs, double vcpu, int memoryMb, double startupMs, double neededMs) {
        this(platform, ok, failure, latencyMs, costUsd, billedMs, vcpu, memoryMb, startupMs, neededMs, null, 0,
                Double.NaN);
    }

    /** A run whose needed work is not known beyond what it did. */
    public PlatformRun(Platform platform, boolean ok, String failure, double latencyMs, double costUsd,
            long billedMs, double vcpu, int memoryMb, double startupMs) {
        this(platform, ok, failure, latencyMs, costUsd, billedMs, vcpu, memoryMb, startupMs, Double.NaN);
    }

    /** A run whose start-up time is unknown. */
    public PlatformRun(Platform platform, boolean ok, String failure, double latencyMs, double costUsd,
            long billedMs, double vcpu, int memoryMb) {
        this(platform, ok, failure, latencyMs, costUsd, billedMs, vcpu, memoryMb, Double.NaN);
    }

    /** The most memory the run used: its need, or all it had when it needed more; NaN when unknown. */
    public double maxMemoryUsedMb() {
        return Double.isNaN(memoryNeedMb) ? Double.NaN : Math.min(memoryNeedMb, memoryMb);
    }

    /** The job's own work: latency less start-up. */
    public double durationMs() {
        return latencyMs - startupMs;
    }
}
