package io.hybridrouter.training.offpolicy;

import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.option.RunOptions;

/**
 * One job as a running router logged it: what the job was, where it was sent, with what probability
 * the router would have sent it there, and what it cost and whether it met its objective there.
 * What off-policy evaluation needs and no more. A job that Fargate Spot interrupted is logged once per
 * attempt; {@link LoggedOutcomes#perJob} sums its attempts into one outcome. Immutable.
 *
 * @param line       1-based line in the file it came from (0 when it did not come from a file)
 * @param job        the job's features (validated as a job is)
 * @param platform   where it ran
 * @param propensity the probability the logging router had of choosing {@code platform} (and {@code option})
 *                   for this job, in (0, 1]; 1 when the record has none (a router that does not explore)
 * @param propensityLogged whether the record carried a propensity
 * @param billedUsd  what the run was billed, failed attempts included (for a job summed over its attempts,
 *                   every attempt)
 * @param sloMet     whether it completed within its latency objective
 * @param option     the option it ran on, or null from an executor that predates options
 * @param attempt    1 for the first run, 2 or 3 for re-runs after Spot interruptions
 */
public record LoggedOutcome(int line, Job job, Platform platform, double propensity, boolean propensityLogged,
        double billedUsd, boolean sloMet, String option, int attempt) {

    public LoggedOutcome {
        if (!(propensity > 0 && propensity <= 1)) {
            throw new IllegalArgumentException("propensity must be in (0, 1], got " + propensity);
        }
        if (!(billedUsd >= 0 && Double.isFinite(billedUsd))) {
            throw new IllegalArgumentException("billed_usd must be a finite number >= 0, got " + billedUsd);
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be 1 or more, got " + attempt);
        }
    }

    /** An outcome without an option, first attempt. */
    public LoggedOutcome(int line, Job job, Platform platform, double propensity, boolean propensityLogged,
            double billedUsd, boolean sloMet) {
        this(line, job, platform, propensity, propensityLogged, billedUsd, sloMet, null, 1);
    }

    /** The probability the logging router had of sending this job to {@code p}. */
    public double loggingProbability(Platform p) {
        return p == platform ? propensity : 1 - propensity;
    }

    /**
     * The option it ran on: the logged one, else the size a job had on its platform before options
     * ({@link RunOptions#sized}), which is what an executor that predates options ran.
     */
    public String optionOrSized() {
        return option != null ? option : RunOptions.sized(job, platform).id();
    }
}
