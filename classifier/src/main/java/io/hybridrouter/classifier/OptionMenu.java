package io.hybridrouter.classifier;

import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.cost.Prices;
import io.hybridrouter.shared.option.RunOption;
import io.hybridrouter.shared.option.RunOptions;

import java.util.List;

/**
 * The options a router may choose from for a job. {@link #declared} is the router in production: every
 * declared option the price table can price. {@link #sizedPair} is the router as it was before options
 * (Lambda x86_64 at the job's sized memory or on-demand Fargate at its sized task), which
 * {@code evaluate} reports as {@code hybrid-2}. Implementations are immutable and thread-safe.
 */
public interface OptionMenu {

    /** The options open to this job, before any limit rules some out. */
    List<RunOption> forJob(Job job);

    /** The name printed in reports ({@code all-options}, {@code sized-pair}). */
    String name();

    /** Every option of {@code options} that {@code prices} can price (no Spot without Spot prices). */
    static OptionMenu declared(RunOptions options, Prices prices) {
        List<RunOption> offered = options.offered(prices);
        return new OptionMenu() {
            @Override
            public List<RunOption> forJob(Job job) {
                return offered;
            }

            @Override
            public String name() {
                return "all-options";
            }
        };
    }

    /**
     * The declared options nearest the job's sized pair ({@link RunOptions#nearest}): x86_64 Lambda and
     * on-demand x86_64 Fargate, each the smallest declared size that holds the job's old size. The two-way
     * choice of the router before options, on options a stack has rules for (the learning demo runs it on
     * the embedded stack).
     */
    static OptionMenu nearestSizedPair(RunOptions options) {
        return new OptionMenu() {
            @Override
            public List<RunOption> forJob(Job job) {
                return List.of(options.nearest(RunOptions.sized(job, Platform.LAMBDA)),
                        options.nearest(RunOptions.sized(job, Platform.ECS)));
            }

            @Override
            public String name() {
                return "nearest-sized-pair";
            }
        };
    }

    /**
     * Lambda and on-demand Fargate at the sizes the job had before options ({@link RunOptions#sized}). These
     * sizes are mostly not declared options, so no stack routes them: for evaluation only.
     */
    static OptionMenu sizedPair() {
        return new OptionMenu() {
            @Override
            public List<RunOption> forJob(Job job) {
                return List.of(RunOptions.sized(job, Platform.LAMBDA), RunOptions.sized(job, Platform.ECS));
            }

            @Override
            public String name() {
                return "sized-pair";
            }
        };
    }
}
