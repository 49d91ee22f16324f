package io.hybridrouter.classifier;

import io.hybridrouter.shared.DecisionReason;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.shared.RoutingDecision.Estimate;
import io.hybridrouter.shared.RoutingDecision.Estimates;
import io.hybridrouter.shared.RoutingDecision.RejectedOption;
import io.hybridrouter.shared.RoutingDecision.Scores;
import io.hybridrouter.shared.config.DecisionConfig;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.shared.cost.AwsPricing;
import io.hybridrouter.shared.cost.Prices;
import io.hybridrouter.shared.cost.Sizing;
import io.hybridrouter.shared.option.Capacity;
import io.hybridrouter.shared.option.RunOption;
import io.hybridrouter.shared.option.RunOptions;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Decides where a job runs: the platform and the option (size, architecture, capacity, see
 * {@link OptionMenu}). The one code path behind the classifier Lambda, {@code router classify},
 * {@code /predict} and the {@code hybrid} and {@code hybrid-2} strategies of {@code router evaluate}
 * ({@code hybrid-2} is this router {@link #withMenu withMenu(OptionMenu.sizedPair())}). Thread-safe.
 *
 * <ol>
 *   <li>Rule out, for each option of the menu, what cannot hold the job, with the reason in
 *       {@code rejected_options}: a Lambda option with less memory than the job's {@code memory_mb}
 *       ({@code limit:memory}), a payload over Lambda's /tmp ({@code limit:payload}), a predicted median run
 *       time at the option's size, or the job's {@code expected_duration_s}, over Lambda's 900 s
 *       ({@code limit:duration});
 *       any option with less memory than the predicted need ({@code memory}); a Spot option whose
 *       objective cannot absorb the re-run an interruption brings: P(objective met) = (1 − i) × P(start-up
 *       + work ≤ objective) + i × P(2 × (start-up + work) ≤ objective), with i the chance of an interruption
 *       over the task's life at the learned rate, below the SLO target while the same task on-demand meets it
 *       ({@code spot:slo}). A task that misses the objective on-demand too has nothing a re-run could break.</li>
 *   <li>For each option left: the expected cost at the prices in force (the predicted work on one x86_64
 *       vCPU × the option's learned scale, see {@link OptionScaling}; Lambda: the invocation, plus the run
 *       on ECS for the share predicted to time out; Fargate: per second from the image pull, one-minute
 *       minimum; Spot: the expected interrupted attempts and re-runs, the third on-demand, at the learned
 *       interruption rate) and P(latency ≤ the job's objective).</li>
 *   <li>The cheapest option with P ≥ the SLO target ({@code model}); but when that costs more than
 *       {@code ROUTER_SLO_PREMIUM} × the cheapest option left, the cheapest ({@code slo:too-dear}: buying
 *       a machine many times dearer to shave a job that is likely late anyway is not worth it). When no
 *       option meets the target: the highest P, options within {@value #BEST_EFFORT_TIE} of it taken by
 *       cost ({@code slo:best-effort}).</li>
 *   <li>At the platform level, as before options: a platform's estimate is its best option by the same
 *       rule; when every Lambda option is ruled out, the largest by a hard limit, the job goes to its best
 *       ECS option ({@code limit:*}, confidence 1). When both platforms have an option meeting the target, a
 *       deterministic share (by a hash of the job id, so a redelivery decides the same) goes to the other
 *       platform's best option ({@code explore}, propensity = the rate), and when the router cannot tell
 *       which is cheaper (calibrated confidence below the threshold) the fallback platform's best option
 *       is taken ({@code fallback:low-confidence}). Neither ever sends a job to an option ruled out.</li>
 * </ol>
 *
 * <p>Options of one scale (platform, architecture and vCPUs) share their latency and billed-time figures;
 * latency quantiles are computed only for the two estimates reported.
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
    private final double premium;

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
        this.premium = decision.sloPremium();
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
        this.premium = base.premium;
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
     * @param limit     the hard limit that rules out every Lambda option, if any
     * @param estimates per platform with an option left: that platform's best option's
     * @param preferred the platform of the option the rule chooses
     * @param kind      {@code limit}, {@code both}, {@code one} or {@code none}: how many platforms have an
     *                  option meeting the target
     * @param margin    what the confidence is calibrated on (see {@link Calibration})
     * @param choice    the option the rule chooses
     * @param reason    why: {@code model}, {@code slo:too-dear}, {@code slo:best-effort} or the limit
     * @param lambda    Lambda's best option, or null when none is left
     * @param ecs       ECS's best option, or null when none is left
     * @param rejected  the options ruled out and why, in menu order
     */
    public record Assessment(Optional<DecisionReason> limit, Estimates estimates, Platform preferred, String kind,
            double margin, RunOption choice, DecisionReason reason, RunOption lambda, RunOption ecs,
            List<RejectedOption> rejected) {

        /** The best option on {@code platform}, or null. */
        public RunOption best(Platform platform) {
            return platform == Platform.LAMBDA ? lambda : ecs;
        }
    }

    /** The assessment of a valid job: limits, estimates and the preferred platform. */
    public Assessment assess(Job job) {
        return assess(job, models.current());
    }

    /** One option's figures for one job. */
    private static final class Priced {
        double cost;
        double p;
        double k;
        String rejected;
        DecisionReason hard;
    }

    /** Figures shared by options of one scale (platform, architecture and vCPUs). */
    private static final class Scale {
        Platform platform;
        double k;
        double p;
        double pRerun = Double.NaN;
        double billed;
        double medianS;
    }

    private Assessment assess(Job job, RoutingModel model) {
        double[] x = model.example(job);
        List<RunOption> options = menu.forJob(job);
        int n = options.size();
        Priced[] priced = new Priced[n];
        OptionScaling.Table table = model.scalingTable();
        double sloMs = Sizing.sloMs(job);
        double needMb = model.memoryNeedMb(job);
        PlatformPredictor lp = model.predictor(Platform.LAMBDA);
        PlatformPredictor ep = model.predictor(Platform.ECS);
        double[] lambdaWork = null;
        double[] lambdaStart = null;
        double[] ecsWork = null;
        double[] ecsStart = null;
        double ecsMeanStartS = 0;
        Scale[] scales = new Scale[n];
        int scaleCount = 0;
        double payloadMb = job.payloadSizeKb() / 1024.0;
        double cheapestEcs = Double.NaN;
        // ECS first: a Lambda option's cost includes the ECS run after a predicted timeout
        for (int pass = 0; pass < 2; pass++) {
            Platform platform = pass == 0 ? Platform.ECS : Platform.LAMBDA;
            for (int i = 0; i < n; i++) {
                RunOption o = options.get(i);
                if (o.platform() != platform) {
                    continue;
                }
                Priced q = new Priced();
                priced[i] = q;
                q.k = table.scale(job.workload(), o.arch(), o.vcpu());
                // the memory a job asks for is a limit on every option: a smaller task or function never gets it
                if (job.memoryMb() != null && job.memoryMb() > o.memoryMb()) {
                    q.hard = platform == Platform.LAMBDA ? DecisionReason.LIMIT_MEMORY : null;
                    q.rejected = "limit:memory: the job asks " + job.memoryMb() + " MB, the option has "
                            + o.memoryMb() + " MB";
                    continue;
                }
                if (platform == Platform.LAMBDA) {
                    if (payloadMb > AwsPricing.LAMBDA_MAX_EPHEMERAL_MB) {
                        q.hard = DecisionReason.LIMIT_PAYLOAD;
                        q.rejected = "limit:payload: " + String.format(Locale.ROOT, "%.0f", payloadMb)
                                + " MB of payload, over Lambda's " + AwsPricing.LAMBDA_MAX_EPHEMERAL_MB + " MB of /tmp";
                        continue;
                    }
                    // a producer's expected_duration_s (run time on one vCPU) over the timeout rules out every
                    // size, as it always has; under it, it still rules out a size too slow to finish it in time
                    Double hint = job.expectedDurationS();
                    if (hint != null && (hint > AwsPricing.LAMBDA_TIMEOUT_S || hint * q.k > AwsPricing.LAMBDA_TIMEOUT_S)) {
                        q.hard = DecisionReason.LIMIT_DURATION;
                        q.rejected = "limit:duration: expected_duration_s " + hint + " s on one vCPU"
                                + (hint > AwsPricing.LAMBDA_TIMEOUT_S ? ""
                                        : " is about " + Math.round(hint * q.k) + " s at this size")
                                + ", over Lambda's " + AwsPricing.LAMBDA_TIMEOUT_S + " s";
                        continue;
                    }
                }
                if (o.memoryMb() < needMb) {
                    q.rejected = "memory: predicted need " + Math.round(needMb) + " MB, the option has "
                            + o.memoryMb() + " MB";
                    continue;
                }
                Scale sc = null;
                for (int s = 0; s < scaleCount; s++) {
                    if (scales[s].platform == platform && scales[s].k == q.k) {
                        sc = scales[s];
                        break;
                    }
                }
                if (sc == null) {
                    sc = new Scale();
                    sc.platform = platform;
                    sc.k = q.k;
                    if (platform == Platform.LAMBDA) {
                        if (lambdaWork == null) {
                            lambdaWork = lp.durationQuantilesMs(x);
                            lambdaStart = lp.startupQuantilesMs(x);
                        }
                        sc.medianS = lambdaWork[Residuals.QUANTILES / 2] * q.k / 1000;
                        sc.p = RoutingModel.pWithin(lambdaWork, lambdaStart, q.k, sloMs,
                                RoutingModel.LAMBDA_TIMEOUT_MS);
                        sc.billed = RoutingModel.lambdaMeanBilledMs(lambdaWork, q.k);
                    } else {
                        if (ecsWork == null) {
                            ecsWork = ep.durationQuantilesMs(x);
                            ecsStart = ep.startupQuantilesMs(x);
                            ecsMeanStartS = RoutingModel.mean(ecsStart) / 1000;
                        }
                        sc.medianS = ecsWork[Residuals.QUANTILES / 2] * q.k / 1000;
                        sc.p = RoutingModel.pWithin(ecsWork, ecsStart, q.k, sloMs, Double.POSITIVE_INFINITY);
                        sc.billed = RoutingModel.ecsMeanBilledS(ecsWork, q.k, ecsMeanStartS, prices);
                    }
                    scales[scaleCount++] = sc;
                }
                if (platform == Platform.LAMBDA) {
                    if (sc.medianS > AwsPricing.LAMBDA_TIMEOUT_S) {
                        q.hard = DecisionReason.LIMIT_DURATION;
                        q.rejected = "limit:duration: " + Math.round(sc.medianS) + " s predicted at this size, over "
                                + "Lambda's " + AwsPricing.LAMBDA_TIMEOUT_S + " s";
                        continue;
                    }
                    q.p = sc.p;
                    q.cost = o.lambdaCostUsd(prices, sc.billed);
                    double timeoutShare = 1 - Residuals.cdf(lambdaWork, RoutingModel.LAMBDA_TIMEOUT_MS / q.k);
                    if (timeoutShare > 0 && cheapestEcs == cheapestEcs) {
                        q.cost += timeoutShare * cheapestEcs;
                    }
                    continue;
                }
                double perHour = prices.fargateUsdPerHour(o.arch(), o.capacity(), o.vcpu(), o.memoryMb());
                if (o.spot()) {
                    if (Double.isNaN(sc.pRerun)) {
                        sc.pRerun = RoutingModel.pWithin(ecsWork, ecsStart, q.k, sloMs / 2, Double.POSITIVE_INFINITY);
                    }
                    // each Spot attempt is interrupted with probability i (then billed half a life on
                    // average); after two interruptions the job runs on-demand
                    double i2 = 1 - Math.exp(-table.spotPerHour() * (ecsMeanStartS + sc.medianS) / 3600);
                    double onDemand = prices.fargateUsdPerHour(o.arch(), Capacity.ON_DEMAND, o.vcpu(), o.memoryMb());
                    double attempt = perHour * sc.billed / 3600 * (1 - i2 / 2);
                    q.cost = attempt * (1 + i2) + i2 * i2 * onDemand * sc.billed / 3600;
                    q.p = (1 - i2) * sc.p + i2 * sc.pRerun;
                    // the objective must absorb the re-run risk: a task that meets the SLO target on-demand but
                    // not with Spot's interruptions never goes to Spot. A job this task misses anyway (best
                    // effort) has no objective for a re-run to break, and may take Spot when it is cheapest.
                    if (q.p < sloTarget && sc.p >= sloTarget) {
                        q.rejected = "spot:slo: P(objective met) with the re-run after an interruption "
                                + Math.round(q.p * 1000) / 1000.0 + " (interrupted with P " + Math.round(i2 * 1000)
                                / 1000.0 + ", a re-run fits with P " + Math.round(sc.pRerun * 100) / 100.0
                                + "), below the target " + sloTarget;
                        continue;
                    }
                } else {
                    q.cost = perHour * sc.billed / 3600;
                    q.p = sc.p;
                }
                if (!(cheapestEcs <= q.cost)) {
                    cheapestEcs = q.cost;
                }
            }
        }
        List<RejectedOption> rejected = new ArrayList<>();
        boolean lambdaOpen = false;
        DecisionReason lambdaLimit = null;
        int largestLambda = -1;
        for (int i = 0; i < n; i++) {
            RunOption o = options.get(i);
            Priced q = priced[i];
            if (q.rejected != null) {
                rejected.add(new RejectedOption(o.id(), q.rejected));
            }
            if (o.platform() == Platform.LAMBDA) {
                lambdaOpen |= q.rejected == null;
                if (largestLambda < 0 || o.memoryMb() >= options.get(largestLambda).memoryMb()) {
                    largestLambda = i;
                }
            }
        }
        if (!lambdaOpen && largestLambda >= 0) {
            // the largest function ruled out by a hard limit: no Lambda option can run the job
            lambdaLimit = priced[largestLambda].hard;
        }
        int lambdaBest = choose(priced, options, Platform.LAMBDA) >> 2;
        int ecsBest = choose(priced, options, Platform.ECS) >> 2;
        int rule = choose(priced, options, null);
        int overall = rule >> 2;
        if (overall < 0) {
            // nothing can hold the job by the predictions: the option with the most memory rather than none
            int largest = 0;
            for (int i = 1; i < n; i++) {
                RunOption o = options.get(i);
                if (priced[i].hard == null && (priced[largest].hard != null
                        || o.memoryMb() > options.get(largest).memoryMb())) {
                    largest = i;
                }
            }
            RunOption o = options.get(largest);
            Estimate e = new Estimate(Double.NaN, Double.NaN, Double.NaN, 0);
            Estimates est = o.platform() == Platform.LAMBDA ? new Estimates(e, null) : new Estimates(null, e);
            DecisionReason r = lambdaLimit != null ? lambdaLimit : DecisionReason.LIMIT_MEMORY;
            return new Assessment(Optional.of(r), est, o.platform(), "limit", 0,
                    o, r, o.platform() == Platform.LAMBDA ? o : null, o.platform() == Platform.ECS ? o : null,
                    rejected);
        }
        DecisionReason reason = REASONS[rule & 3];
        Platform preferred = options.get(overall).platform();
        if (preferred == Platform.LAMBDA) {
            lambdaBest = overall;
        } else {
            ecsBest = overall;
        }
        RunOption lambdaOption = lambdaBest < 0 ? null : options.get(lambdaBest);
        RunOption ecsOption = ecsBest < 0 ? null : options.get(ecsBest);
        Estimate ecsEstimate = ecsBest < 0 ? null
                : RoutingModel.estimate(priced[ecsBest].cost, ecsWork, ecsStart, priced[ecsBest].k, sloMs,
                        priced[ecsBest].p);
        if (lambdaLimit != null && ecsEstimate != null) {
            return new Assessment(Optional.of(lambdaLimit), new Estimates(null, ecsEstimate), Platform.ECS, "limit", 0,
                    ecsOption, lambdaLimit, null, ecsOption, rejected);
        }
        Estimate lambdaEstimate = lambdaBest < 0 ? null
                : RoutingModel.estimate(priced[lambdaBest].cost, lambdaWork, lambdaStart, priced[lambdaBest].k, sloMs,
                        priced[lambdaBest].p);
        Estimates estimates = new Estimates(lambdaEstimate, ecsEstimate);
        boolean lambdaMeets = meets(priced, options, Platform.LAMBDA);
        boolean ecsMeets = meets(priced, options, Platform.ECS);
        RunOption choice = options.get(overall);
        if (lambdaMeets && ecsMeets) {
            double margin = Math.log(estimates.of(preferred.other()).costUsd() / estimates.of(preferred).costUsd());
            return new Assessment(Optional.empty(), estimates, preferred, "both", margin, choice, reason, lambdaOption,
                    ecsOption, rejected);
        }
        double otherP = estimates.of(preferred.other()) == null ? 0 : estimates.of(preferred.other()).pSlo();
        return new Assessment(Optional.empty(), estimates, preferred, lambdaMeets || ecsMeets ? "one" : "none",
                estimates.of(preferred).pSlo() - otherP, choice, reason, lambdaOption, ecsOption, rejected);
    }

    private boolean meets(Priced[] priced, List<RunOption> options, Platform platform) {
        for (int i = 0; i < priced.length; i++) {
            if (options.get(i).platform() == platform && priced[i].rejected == null && priced[i].p >= sloTarget) {
                return true;
            }
        }
        return false;
    }

    /**
     * The rule over the options left on {@code platform} (all when null): the index chosen times 4 plus
     * the reason's code ({@link #REASONS}), or -1 when none is left.
     */
    private int choose(Priced[] priced, List<RunOption> options, Platform platform) {
        int cheapest = -1;
        int cheapestMeeting = -1;
        int likeliest = -1;
        for (int i = 0; i < priced.length; i++) {
            Priced q = priced[i];
            if (q.rejected != null || (platform != null && options.get(i).platform() != platform)) {
                continue;
            }
            if (cheapest < 0 || q.cost < priced[cheapest].cost) {
                cheapest = i;
            }
            if (q.p >= sloTarget && (cheapestMeeting < 0 || q.cost < priced[cheapestMeeting].cost)) {
                cheapestMeeting = i;
            }
            if (likeliest < 0 || q.p > priced[likeliest].p) {
                likeliest = i;
            }
        }
        if (cheapest < 0) {
            return -1;
        }
        if (cheapestMeeting >= 0) {
            int dearest = cheapestOn(priced, options, options.get(cheapestMeeting).platform());
            if (tooDear(priced, cheapestMeeting, dearest)) {
                return dearest << 2 | 1;
            }
            return cheapestMeeting << 2;
        }
        int best = likeliest;
        for (int i = 0; i < priced.length; i++) {
            Priced q = priced[i];
            if (q.rejected != null || (platform != null && options.get(i).platform() != platform)) {
                continue;
            }
            if (q.p >= priced[likeliest].p - BEST_EFFORT_TIE && q.cost < priced[best].cost) {
                best = i;
            }
        }
        int cheapestThere = cheapestOn(priced, options, options.get(best).platform());
        if (tooDear(priced, best, cheapestThere)) {
            return cheapestThere << 2 | 1;
        }
        return best << 2 | 2;
    }

    /**
     * Whether {@code chosen} costs more than the premium over {@code cheapest}, the cheapest option left on its
     * platform. The premium is about sizing up (more vCPUs, more memory, on-demand rather than Spot) to meet an
     * objective, never about leaving a platform that meets it for one that cannot; and an option that costs
     * nothing (a zero price, a credit) gives no multiple to compare with.
     */
    private boolean tooDear(Priced[] priced, int chosen, int cheapest) {
        return priced[cheapest].cost > 0 && priced[chosen].cost > premium * priced[cheapest].cost;
    }

    private static int cheapestOn(Priced[] priced, List<RunOption> options, Platform platform) {
        int cheapest = -1;
        for (int i = 0; i < priced.length; i++) {
            if (priced[i].rejected == null && options.get(i).platform() == platform
                    && (cheapest < 0 || priced[i].cost < priced[cheapest].cost)) {
                cheapest = i;
            }
        }
        return cheapest;
    }

    private static final DecisionReason[] REASONS = {DecisionReason.MODEL, DecisionReason.SLO_TOO_DEAR,
        DecisionReason.SLO_BEST_EFFORT};

    /** Options this close to the highest P count as as likely, and are taken by cost. */
    static final double BEST_EFFORT_TIE = 0.05;

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
        if (a.kind().equals("limit")) {
            return new RoutingDecision(job.jobId(), a.preferred(), 1.0, a.preferred() == Platform.LAMBDA
                    ? new Scores(1, 0) : new Scores(0, 1), a.reason(), model.version(), decidedAt, job, null, null,
                    a.estimates(), 1.0, a.choice().id(), a.rejected(), 1);
        }
        double p = confidence(a, model);
        Platform preferred = a.preferred();
        if (a.kind().equals("both")) {
            Platform main = preferred;
            RunOption option = a.choice();
            DecisionReason reason = a.reason();
            if (p < threshold && fallback != preferred) {
                main = fallback;
                option = a.best(fallback);
                reason = DecisionReason.LOW_CONFIDENCE;
            }
            double rate = exploreRate.getAsDouble();
            if (explores(job.jobId(), rate)) {
                return decision(model, job, main.other(), a.best(main.other()), preferred, p, DecisionReason.EXPLORE,
                        decidedAt, a, rate);
            }
            return decision(model, job, main, option, preferred, p, reason, decidedAt, a, 1 - rate);
        }
        return decision(model, job, preferred, a.choice(), preferred, p, a.reason(), decidedAt, a, 1.0);
    }

    /**
     * @param best  the platform the rule prefers
     * @param pBest the calibrated probability that {@code best} is the right choice
     */
    private RoutingDecision decision(RoutingModel model, Job job, Platform platform, RunOption option, Platform best,
            double pBest, DecisionReason reason, String decidedAt, Assessment a, double propensity) {
        double lambdaScore = best == Platform.LAMBDA ? pBest : 1 - pBest;
        Scores scores = new Scores(lambdaScore, 1 - lambdaScore);
        return new RoutingDecision(job.jobId(), platform, scores.of(platform), scores, reason, model.version(),
                decidedAt, job, null, null, a.estimates(), propensity, option.id(), a.rejected(), 1);
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
