package io.hybridrouter.classifier;

import io.hybridrouter.shared.DecisionReason;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.shared.cost.AwsPricing;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Decides where a job runs: hard limits first, then the model, then the confidence guardrail.
 * The one code path behind the classifier Lambda, {@code router classify}, {@code /predict} and the
 * {@code hybrid} strategy of {@code router evaluate}. Thread-safe.
 *
 * <ol>
 *   <li>{@code memory_mb} over Lambda's 10,240 MB ⇒ {@code ecs}, {@code limit:memory};</li>
 *   <li>{@code expected_duration_s} over Lambda's 900 s ⇒ {@code ecs}, {@code limit:duration};</li>
 *   <li>{@code payload_size_kb} over Lambda's 10,240 MB of /tmp ⇒ {@code ecs}, {@code limit:payload};</li>
 *   <li>otherwise the model; below the confidence threshold ⇒ the fallback platform,
 *       {@code fallback:low-confidence}.</li>
 * </ol>
 */
@Singleton
public final class JobRouter {

    private final RoutingModel model;
    private final double threshold;
    private final Platform fallback;
    private final Clock clock;

    @Inject
    public JobRouter(RoutingModel model, RouterConfig config, Clock clock) {
        this(model, config.confidenceThreshold(), config.fallbackPlatform(), clock);
    }

    public JobRouter(RoutingModel model, double threshold, Platform fallback, Clock clock) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("confidence threshold must be from 0 to 1, got " + threshold);
        }
        this.model = model;
        this.threshold = threshold;
        this.fallback = fallback;
        this.clock = clock;
    }

    public RoutingModel model() {
        return model;
    }

    /** The decision for a valid job. */
    public RoutingDecision decide(Job job) {
        RoutingModel.Score score = model.score(job);
        String decidedAt = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
        Optional<DecisionReason> limit = limit(job);
        if (limit.isPresent()) {
            return new RoutingDecision(job.jobId(), Platform.ECS, 1.0, score.scores(), limit.get(), model.version(),
                    decidedAt, job);
        }
        if (score.confidence() < threshold) {
            return new RoutingDecision(job.jobId(), fallback, score.scores().of(fallback), score.scores(),
                    DecisionReason.LOW_CONFIDENCE, model.version(), decidedAt, job);
        }
        return new RoutingDecision(job.jobId(), score.platform(), score.confidence(), score.scores(),
                DecisionReason.MODEL, model.version(), decidedAt, job);
    }

    /** The Lambda limit a job is known to break before it runs, if any. */
    public static Optional<DecisionReason> limit(Job job) {
        if (job.memoryMb() != null && job.memoryMb() > AwsPricing.LAMBDA_MAX_MEMORY_MB) {
            return Optional.of(DecisionReason.LIMIT_MEMORY);
        }
        if (job.expectedDurationS() != null && job.expectedDurationS() > AwsPricing.LAMBDA_TIMEOUT_S) {
            return Optional.of(DecisionReason.LIMIT_DURATION);
        }
        if (job.payloadSizeKb() > AwsPricing.LAMBDA_MAX_EPHEMERAL_MB * 1024.0) {
            return Optional.of(DecisionReason.LIMIT_PAYLOAD);
        }
        return Optional.empty();
    }
}
