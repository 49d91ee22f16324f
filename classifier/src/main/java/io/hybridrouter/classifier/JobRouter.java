package io.hybridrouter.classifier;

import io.hybridrouter.shared.DecisionReason;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.shared.RoutingDecision.Estimate;
import io.hybridrouter.shared.RoutingDecision.Estimates;
import io.hybridrouter.shared.RoutingDecision.Scores;
import io.hybridrouter.shared.config.DecisionConfig;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.shared.cost.AwsPricing;
import io.hybridrouter.shared.cost.Prices;
import io.hybridrouter.shared.option.RunOption;
import io.hybridrouter.shared.option.RunOptions;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Decides where a job runs. The one code path behind the classifier Lambda, {@code router classify},
 * {@code /predict} and the {@code hybrid} strategy of {@code router evaluate}. Thread-safe.
 *
 * <ol>
 *   <li>Hard limits: {@code memory_mb} over Lambda's 10,240 MB, {@code expected_duration_s} over its
 *       900 s, {@code payload_size_kb} over its 10,240 MB of /tmp ⇒ {@code ecs}, {@code limit:*}.</li>
 *   <li>For each platform left: the expected cost (predicted usage × the prices in force) and
 *       P(latency ≤ the job's objective) from the predicted distributions.</li>
 *   <li>The cheapest platform with P ≥ the SLO target ({@code model}); if none, the one with the
 *       highest P ({@code slo:best-effort}).</li>
 *   <li>When both platforms meet the target: a deterministic share (by a hash of the job id, so a
 *       redelivery decides the same) goes to the dearer one ({@code explore}, propensity = the rate);
 *       and when the router cannot tell which is cheaper (calibrated confidence below the threshold)
 *       the configured fallback platform is taken ({@code fallback:low-confidence}). Neither ever
 *       sends a job to a platform a limit or the objective rules out.</li>
 * </ol>
 */
@Singleton
public final class JobRouter {

    private final ModelSource models;
    private final Prices prices;
    private final double threshold;
    private final Platform fallback;
    private final double sloTarget;
    private final DoubleSupplier exploreRate;
    private final Clock clock;
    private final DecisionConfig decision;
    private final OptionMenu menu;

    /** A router configured from {@code config}, pricing with {@code prices}. */
    @Inject
    public JobRouter(ModelSource models, Prices prices, RouterConfig config, Clock clock) {
        this(models, prices, config.confidenceThreshold(), config.fallbackPlatform(), config.decision(), clock);
    }

    /** A router configured from {@code config}, deciding with {@code model}, pricing with {@code prices}. */
    public JobRouter(RoutingModel model, Prices prices, RouterConfig config, Clock clock) {
        this(ModelSource.of(model), prices, config, clock);
    }

    /** A router with the bundled prices and the default SLO target and exploration rate. */
    public JobRouter(RoutingModel model, RouterConfig config, Clock clock) {
        this(model, Prices.defaults(), config, clock);
    }

    /** A router with the bundled prices and the default SLO target and exploration rate. */
    public JobRouter(RoutingModel model, double threshold, Platform fallback, Clock clock) {
        this(model, Prices.defaults(), threshold, fallback, DecisionConfig.defaults(), clock);
    }

    public JobRouter(RoutingModel model, Prices prices, double threshold, Platform fallback, DecisionConfig decision,
            Clock clock) {
        this(ModelSource.of(model), prices, threshold, fallback, decision, clock);
    }

    /** A router that takes its model from {@code models} at each decision (see {@link ModelSource}). */
    public JobRouter(ModelSource models, Prices prices, double threshold, Platform fallback, DecisionConfig decision,
            Clock clock) {
        this(models, prices, threshold, fallback, decision, constant(decision.exploreRate()), clock);
    }

    /**
     * The same, with an exploration rate read at each decision from {@code exploreRate} (from 0 to 1)
     * rather than {@code decision}'s: for a router whose exploration is scheduled while it runs, as the
     * learning demo's decays round by round.
     */
    public JobRouter(ModelSource models, Prices prices, double threshold, Platform fallback, DecisionConfig decision,
            DoubleSupplier exploreRate, Clock clock) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("confidence threshold must be from 0 to 1, got " + threshold);
        }
        this.models = Objects.requireNonNull(models, "models");
        this.prices = Objects.requireNonNull(prices, "prices");
        this.threshold = threshold;
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.sloTarget = decision.sloTarget();
        this.exploreRate = Objects.requireNonNull(exploreRate, "exploreRate");
        this.clock = clock;
        this.decision = decision;
        this.menu = OptionMenu.declared(RunOptions.declared(), prices);
    }

    private JobRouter(JobRouter base, OptionMenu menu) {
        this.models = base.models;
        this.prices = base.prices;
        this.threshold = base.threshold;
        this.fallback = base.fallback;
        this.sloTarget = base.sloTarget;
        this.exploreRate = base.exploreRate;
        this.clock = base.clock;
        this.decision = base.decision;
        this.menu = Objects.requireNonNull(menu, "menu");
    }

    /** The same router choosing from {@code menu} (as {@code evaluate}'s {@code hybrid-2} does). */
    public JobRouter withMenu(OptionMenu menu) {
        return new JobRouter(this, menu);
    }

    /** The options this router chooses from. */
    public OptionMenu menu() {
        return menu;
    }

    private static DoubleSupplier constant(double rate) {
        return () -> rate;
    }

    /** The model decisions are made with now. */
    public RoutingModel model() {
        return models.current();
    }

    /**
     * Lets the model source look for a newer model (at most once per its refresh interval): called at the
     * start of a batch, so a decision never waits on the network.
     */
    public void refreshModel() {
        models.refresh();
    }

    public Prices prices() {
        return prices;
    }

    /**
     * What the router makes of a job before exploration, fallback or the clock come in.
     *
     * @param limit     the hard limit that leaves only ECS, if any
     * @param estimates per platform left
     * @param preferred the cheapest platform meeting the SLO target, else the likeliest to meet the objective
     * @param kind      {@code limit}, {@code both}, {@code one} or {@code none}: how many platforms meet the target
     * @param margin    what the confidence is calibrated on (see {@link Calibration})
     */
    public record Assessment(Optional<DecisionReason> limit, Estimates estimates, Platform preferred, String kind,
            double margin) {
    }

    /** The assessment of a valid job: limits, estimates and the preferred platform. */
    public Assessment assess(Job job) {
        return assess(job, models.current());
    }

    private Assessment assess(Job job, RoutingModel model) {
        double[] example = model.example(job);
        Estimate ecs = model.ecs(job, example, prices);
        Optional<DecisionReason> limit = limit(job);
        if (limit.isPresent()) {
            return new Assessment(limit, new Estimates(null, ecs), Platform.ECS, "limit", 0);
        }
        Estimate lambda = model.lambda(job, example, prices, ecs.costUsd());
        Estimates estimates = new Estimates(lambda, ecs);
        boolean lambdaMeets = lambda.pSlo() >= sloTarget;
        boolean ecsMeets = ecs.pSlo() >= sloTarget;
        if (lambdaMeets && ecsMeets) {
            Platform cheaper = lambda.costUsd() <= ecs.costUsd() ? Platform.LAMBDA : Platform.ECS;
            double margin = Math.log(estimates.of(cheaper.other()).costUsd() / estimates.of(cheaper).costUsd());
            return new Assessment(limit, estimates, cheaper, "both", margin);
        }
        if (lambdaMeets || ecsMeets) {
            Platform only = lambdaMeets ? Platform.LAMBDA : Platform.ECS;
            return new Assessment(limit, estimates, only, "one",
                    estimates.of(only).pSlo() - estimates.of(only.other()).pSlo());
        }
        Platform likeliest = lambda.pSlo() > ecs.pSlo() || (lambda.pSlo() == ecs.pSlo()
                && lambda.costUsd() <= ecs.costUsd()) ? Platform.LAMBDA : Platform.ECS;
        return new Assessment(limit, estimates, likeliest, "none",
                estimates.of(likeliest).pSlo() - estimates.of(likeliest.other()).pSlo());
    }

    /** The calibrated probability that the assessment's preferred platform is the right one. */
    public double confidence(Assessment a) {
        return confidence(a, models.current());
    }

    private static double confidence(Assessment a, RoutingModel model) {
        Calibration cal = model.calibration();
        return switch (a.kind()) {
            case "limit" -> 1.0;
            case "both" -> cal.both().apply(a.margin());
            case "one" -> cal.one().apply(a.margin());
            default -> cal.none().apply(a.margin());
        };
    }

    /** The decision for a valid job. */
    public RoutingDecision decide(Job job) {
        String decidedAt = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
        RoutingModel model = models.current();
        Assessment a = assess(job, model);
        if (a.limit().isPresent()) {
            return withOption(new RoutingDecision(job.jobId(), Platform.ECS, 1.0, new Scores(0, 1), a.limit().get(),
                    model.version(), decidedAt, job, a.estimates(), 1.0), menu);
        }
        double p = confidence(a, model);
        Platform preferred = a.preferred();
        switch (a.kind()) {
            case "both" -> {
                Platform main = preferred;
                DecisionReason reason = DecisionReason.MODEL;
                if (p < threshold && fallback != preferred) {
                    main = fallback;
                    reason = DecisionReason.LOW_CONFIDENCE;
                }
                double rate = exploreRate.getAsDouble();
                if (explores(job.jobId(), rate)) {
                    return decision(model, job, main.other(), preferred, p, DecisionReason.EXPLORE, decidedAt,
                            a.estimates(), rate);
                }
                return decision(model, job, main, preferred, p, reason, decidedAt, a.estimates(), 1 - rate);
            }
            case "one" -> {
                return decision(model, job, preferred, preferred, p, DecisionReason.MODEL, decidedAt, a.estimates(), 1.0);
            }
            default -> {
                return decision(model, job, preferred, preferred, p, DecisionReason.SLO_BEST_EFFORT, decidedAt,
                        a.estimates(), 1.0);
            }
        }
    }

    /**
     * @param best  the platform the rule prefers
     * @param pBest the calibrated probability that {@code best} is the right choice
     */
    private RoutingDecision decision(RoutingModel model, Job job, Platform platform, Platform best, double pBest,
            DecisionReason reason, String decidedAt, Estimates estimates, double propensity) {
        double lambdaScore = best == Platform.LAMBDA ? pBest : 1 - pBest;
        Scores scores = new Scores(lambdaScore, 1 - lambdaScore);
        return withOption(new RoutingDecision(job.jobId(), platform, scores.of(platform), scores, reason,
                model.version(), decidedAt, job, estimates, propensity), menu);
    }

    /**
     * For now: the menu's option nearest the job's sized one on the decided platform (the sized one itself on
     * the sized-pair menu).
     */
    private static RoutingDecision withOption(RoutingDecision d, OptionMenu menu) {
        RunOption sized = RunOptions.sized(d.job(), d.platform());
        List<RunOption> open = menu.forJob(d.job());
        if (open.contains(sized)) {
            return d.withOption(sized.id(), null);
        }
        return d.withOption(new RunOptions(open.stream().filter(o -> !o.spot()).toList()).nearest(sized).id(), null);
    }

    /**
     * Whether this job is one of the explored share: a 64-bit FNV-1a hash of its id, mixed with
     * SplitMix64's finaliser, read as a number in [0, 1). The same id always gives the same answer.
     */
    static boolean explores(String jobId, double rate) {
        return rate > 0 && unitHash(jobId) < rate;
    }

    static double unitHash(String jobId) {
        long h = 0xcbf29ce484222325L;
        for (byte b : jobId.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return (h >>> 11) * 0x1.0p-53;
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
