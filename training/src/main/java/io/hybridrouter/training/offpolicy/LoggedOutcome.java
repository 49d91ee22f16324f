package io.hybridrouter.training.offpolicy;

import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Platform;

/**
 * One job as a running router logged it: what the job was, where it was sent, with what probability
 * the router would have sent it there, and what it cost and whether it met its objective there.
 * What off-policy evaluation needs and no more. Immutable.
 *
 * @param line       1-based line in the file it came from (0 when it did not come from a file)
 * @param job        the job's features (validated as a job is)
 * @param platform   where it ran
 * @param propensity the probability the logging router had of choosing {@code platform} for this job,
 *                   in (0, 1]; 1 when the record has none (a router that does not explore)
 * @param propensityLogged whether the record carried a propensity
 * @param billedUsd  what the run was billed, failed attempts included
 * @param sloMet     whether it completed within its latency objective
 */
public record LoggedOutcome(int line, Job job, Platform platform, double propensity, boolean propensityLogged,
        double billedUsd, boolean sloMet) {

    public LoggedOutcome {
        if (!(propensity > 0 && propensity <= 1)) {
            throw new IllegalArgumentException("propensity must be in (0, 1], got " + propensity);
        }
        if (!(billedUsd >= 0 && Double.isFinite(billedUsd))) {
            throw new IllegalArgumentException("billed_usd must be a finite number >= 0, got " + billedUsd);
        }
    }

    /** The probability the logging router had of sending this job to {@code p}. */
    public double loggingProbability(Platform p) {
        return p == platform ? propensity : 1 - propensity;
    }
}
