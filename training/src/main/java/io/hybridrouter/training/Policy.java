package io.hybridrouter.training;

import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.option.RunOptions;
import java.util.function.Function;

/**
 * A routing strategy as evaluation sees it: where it sends a job, and with what probability it
 * would send the job to each platform (1 and 0 for a deterministic strategy; a router that explores
 * spreads its mass), and on which option. Off-policy estimates weight logged outcomes by these probabilities.
 * Implementations must be thread-safe and deterministic per job.
 */
public interface Policy {

    /** The name printed in tables and JSON ({@code lambda-only}, {@code table}, ...). */
    String name();

    /** Where this strategy sends the job. */
    Platform choose(Job job);

    /**
     * The option this strategy runs the job on: by default the size the job had on the chosen platform
     * before options ({@link RunOptions#sized}), which is where the baselines run it.
     */
    default String option(Job job) {
        return RunOptions.sized(job, choose(job)).id();
    }

    /** The probability that this strategy sends the job to {@code platform}; the two platforms sum to 1. */
    default double probability(Job job, Platform platform) {
        return choose(job) == platform ? 1.0 : 0.0;
    }

    /** A deterministic strategy from a rule. */
    static Policy of(String name, Function<Job, Platform> rule) {
        return new Policy() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Platform choose(Job job) {
                return rule.apply(job);
            }
        };
    }

    static Policy lambdaOnly() {
        return of("lambda-only", job -> Platform.LAMBDA);
    }

    static Policy ecsOnly() {
        return of("ecs-only", job -> Platform.ECS);
    }

    /**
     * Lambda unless a hard limit known before the run ({@link JobRouter#limit}) forces ECS: the best
     * single-platform strategy that respects the limits, and the strategy a team without a router would run.
     */
    static Policy lambdaUnlessLimit() {
        return of("lambda-unless-limit", job -> JobRouter.limit(job).isPresent() ? Platform.ECS : Platform.LAMBDA);
    }
}
