package io.hybridrouter.dispatch;

import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.shared.cost.AwsPricing;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a job may run on each platform, and so how long its idempotency claim is held: Lambda
 * stops an invocation after {@link AwsPricing#LAMBDA_TIMEOUT_S}; ECS has no limit of its own, so the
 * worker task enforces {@code ROUTER_TASK_TIMEOUT}. A claim is held for that plus
 * {@link #CLAIM_MARGIN}, so a job still running is never started again beside itself and a job whose
 * runner died is taken up by the next delivery. Immutable and thread-safe.
 *
 * @param ecsTaskTimeout the longest an ECS task runs its job
 */
public record RunLimits(Duration ecsTaskTimeout) {

    /**
     * Added to the platform's limit: covers publishing the outcome after a run that hit the limit and
     * clock skew between the hosts that claim (the claim condition compares each host's own clock).
     */
    public static final Duration CLAIM_MARGIN = Duration.ofMinutes(2);
    public static final RunLimits DEFAULT = new RunLimits(RouterConfig.DEFAULT_TASK_TIMEOUT);
    /**
     * How long an interrupted run's outcome and re-run decision are retried: well within the two minutes
     * between Fargate Spot's SIGTERM and SIGKILL ({@link AwsPricing#FARGATE_SPOT_WARNING_S}, with the
     * worker container's {@code stopTimeout} at its Fargate maximum), leaving time to exit.
     */
    public static final Duration INTERRUPTED_REPORT_WINDOW = Duration.ofSeconds(AwsPricing.FARGATE_SPOT_WARNING_S - 30);
    /** The longest wait between two tries to report an interrupted run. */
    public static final Duration INTERRUPTED_REPORT_MAX_DELAY = Duration.ofSeconds(10);

    public RunLimits {
        Objects.requireNonNull(ecsTaskTimeout, "ecsTaskTimeout");
    }

    public static RunLimits of(RouterConfig config) {
        return new RunLimits(config.taskTimeout());
    }

    /** The limit this process must enforce itself: the task timeout on ECS, none on Lambda (Lambda does). */
    public Optional<Duration> enforced(Platform platform) {
        return platform == Platform.ECS ? Optional.of(ecsTaskTimeout) : Optional.empty();
    }

    /** How long a claim taken on {@code platform} keeps redeliveries out while the job runs. */
    public Duration claimTimeout(Platform platform) {
        Duration run = platform == Platform.ECS ? ecsTaskTimeout : Duration.ofSeconds(AwsPricing.LAMBDA_TIMEOUT_S);
        return run.plus(CLAIM_MARGIN);
    }
}
