package io.hybridrouter.training.sim;

import io.hybridrouter.shared.Platform;

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
 */
public record PlatformRun(Platform platform, boolean ok, String failure, double latencyMs, double costUsd,
        long billedMs, double vcpu, int memoryMb) {
}
