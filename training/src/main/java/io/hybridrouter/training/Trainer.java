package io.hybridrouter.training;

import io.hybridrouter.classifier.Calibration;
import io.hybridrouter.classifier.FeatureExtractor;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.ModelMetadata;
import io.hybridrouter.classifier.OptionMenu;
import io.hybridrouter.classifier.OptionScaling;
import io.hybridrouter.classifier.PlatformPredictor;
import io.hybridrouter.classifier.RoutingModel;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.config.DecisionConfig;
import io.hybridrouter.shared.cost.Prices;
import io.hybridrouter.shared.option.RunOptions;
import io.hybridrouter.training.data.OutcomeRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.tribuo.Model;
import org.tribuo.Tribuo;
import org.tribuo.regression.Regressor;

/**
 * Trains the router's predictors from outcome records (measured or simulated): the jobs are split
 * 55/15/15/15 by job id (train/residual calibration/validation/test, shuffled by the seed; a job's
 * records on both platforms stay together). Per platform, a regression tree for the work and one for
 * the start-up latency, with residual quantiles per leaf whose levels are recalibrated on the residual
 * calibration split (see {@link PredictorTrainer}), so that their coverage, reported on the test split,
 * is nominal; a platform with fewer than
 * {@link #MIN_OUTCOMES} training records keeps the prior's predictors. The router's confidence is
 * calibrated (isotonic) on validation jobs seen on both platforms; predictors and decisions are
 * measured on the test split. The same records and seed give the same model and metrics.
 */
public final class Trainer {

    /**
     * How a model is made from its data, hashed into the model's version with the data's hash: change it
     * whenever training changes what the same data gives, so that two different models never share a
     * version (a model store never rewrites a version it holds).
     */
    public static final String RECIPE = "cart-d10-m40;split-55-15-15-15;conformal-levels-by-estimate;laplace-steps;"
            + "work-per-x86-vcpu-over-estimate;unscaled-amdahl-arm-ls-alternate-2;startup-one-per-job;memory-km-p95;spot-prior-20h";

    /** Fewer training records than this for a platform and its prior predictors are kept. */
    public static final int MIN_OUTCOMES = 200;
    /** Fewer validation jobs of a kind than this and that kind's confidence is a constant. */
    public static final int MIN_CALIBRATION_JOBS = 50;

    // the parts of the data, by job: the trees' training rows, the rows their residual quantiles are
    // recalibrated on, the jobs the confidence is calibrated on, and the jobs everything is measured on
    private static final int TRAIN = 0;
    private static final int RESIDUALS = 3;
    private static final int VALIDATION = 1;
    private static final int TEST = 2;
    private static final double TRAIN_SHARE = 0.55;
    private static final double PART_SHARE = 0.15;

    private final Clock clock;
    private final Consumer<String> progress;
    private final Prices prices;
    private final Supplier<RoutingModel> prior;
    private final double spotPriorPerHour;

    /** A trainer pricing with the bundled table, whose prior is the bundled model. */
    public Trainer(Clock clock, Consumer<String> progress) {
        this(clock, progress, Prices.defaults(), io.hybridrouter.classifier.ModelArtefacts::loadBundled);
    }

    /**
     * @param prices the prices the outcomes were billed at (the calibration and the decision metrics use them)
     * @param prior  the predictors to keep for a platform with too few records (loaded only then)
     */
    public Trainer(Clock clock, Consumer<String> progress, Prices prices, Supplier<RoutingModel> prior) {
        this.clock = clock;
        this.progress = progress;
        this.prices = prices;
        this.prior = prior;
        this.spotPriorPerHour = DecisionConfig.DEFAULT_SPOT_INTERRUPTIONS_PER_HOUR;
    }

    private Trainer(Trainer base, double spotPriorPerHour) {
        this.clock = base.clock;
        this.progress = base.progress;
        this.prices = base.prices;
        this.prior = base.prior;
        this.spotPriorPerHour = spotPriorPerHour;
    }

    /**
     * The same trainer starting from {@code perHour} Spot interruptions per task-hour before outcomes say
     * otherwise ({@code ROUTER_SPOT_INTERRUPTIONS_PER_HOUR}; a prior worth
     * {@link DecisionConfig#SPOT_PRIOR_TASK_HOURS} task-hours).
     */
    public Trainer withSpotPrior(double perHour) {
        return new Trainer(this, perHour);
    }

    /** The trained model; {@code trainedOn} is {@link ModelMetadata#SIMULATOR} or {@link ModelMetadata#OUTCOMES}. */
    public RoutingModel train(List<OutcomeRecord> records, long seed, String trainedOn) {
        if (records.size() < 100) {
            throw new IllegalArgumentException("need at least 100 outcome records to train, got " + records.size());
        }
        Set<String> ids = new LinkedHashSet<>();
        records.forEach(r -> ids.add(r.job().jobId()));
        List<String> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, new Random(seed));
        Map<String, Integer> split = new LinkedHashMap<>();
        for (int i = 0; i < shuffled.size(); i++) {
            double at = i / (double) shuffled.size();
            split.put(shuffled.get(i), at < TRAIN_SHARE ? TRAIN : at < TRAIN_SHARE + PART_SHARE ? RESIDUALS
                    : at < TRAIN_SHARE + 2 * PART_SHARE ? VALIDATION : TEST);
        }
        Map<Platform, PlatformPredictor> predictors = new EnumMap<>(Platform.class);
        Map<String, ModelMetadata.PlatformReport> reports = new LinkedHashMap<>();
        Map<Platform, List<List<OutcomeRecord>>> parts = new EnumMap<>(Platform.class);
        Map<Platform, Integer> counts = new EnumMap<>(Platform.class);
        for (Platform p : Platform.values()) {
            List<OutcomeRecord> train = new ArrayList<>();
            List<OutcomeRecord> residuals = new ArrayList<>();
            List<OutcomeRecord> test = new ArrayList<>();
            int count = 0;
            for (OutcomeRecord r : records) {
                if (r.platform() != p) {
                    continue;
                }
                count++;
                // a run that failed for want of memory or /tmp says nothing of its duration (the limits rule such jobs out)
                boolean usable = r.ok() || "timeout".equals(r.failure());
                int part = split.get(r.job().jobId());
                if (usable && part == TRAIN) {
                    train.add(r);
                } else if (usable && part == RESIDUALS) {
                    residuals.add(r);
                } else if (usable && part == TEST) {
                    test.add(r);
                }
            }
            parts.put(p, List.of(train, residuals, test));
            counts.put(p, count);
        }
        // the work trees learn ln(work on one x86_64 vCPU), which needs the scaling, which is fitted against
        // the trees: alternate, starting from neutral scaling
        List<OutcomeRecord> train = new ArrayList<>();
        parts.values().forEach(l -> train.addAll(l.get(0)));
        OptionScaling scaling = OptionScaling.neutral(spotPriorPerHour);
        for (int round = 0; round < SCALING_ROUNDS; round++) {
            OptionScaling current = scaling;
            Map<Platform, ToDoubleFunction<OutcomeRecord>> mu = perPlatform(
                    p -> workPoint(new PredictorTrainer(), parts.get(p).get(0), seed, current, p));
            scaling = ScalingFit.fit(train.stream().filter(PredictorTrainer::measuresWork).toList(),
                    r -> mu.get(r.platform()).applyAsDouble(r), train, spotPriorPerHour,
                    DecisionConfig.SPOT_PRIOR_TASK_HOURS);
        }
        OptionScaling learned = scaling;
        ToDoubleFunction<OutcomeRecord> lnScale = r -> Math.log(learned.scale(r.job().workload(), r.archOrDefault(),
                r.vcpu()));
        progress.accept("learned across options: " + describe(learned));
        for (Platform p : Platform.values()) {
            if (parts.get(p).get(0).size() >= MIN_OUTCOMES) {
                progress.accept("training " + p + " predictors on " + parts.get(p).get(0).size() + " records");
            }
        }
        // the two platforms' predictors are independent: fitted side by side, reported in platform order
        Map<Platform, Optional<PredictorTrainer.Fitted>> fitted = perPlatform(p -> parts.get(p).get(0).size()
                < MIN_OUTCOMES ? Optional.empty() : Optional.of(new PredictorTrainer().fit(parts.get(p).get(0),
                        parts.get(p).get(1), parts.get(p).get(2), seed, lnScale)));
        for (Platform p : Platform.values()) {
            List<OutcomeRecord> ptrain = parts.get(p).get(0);
            int count = counts.get(p);
            if (fitted.get(p).isEmpty()) {
                String note = ptrain.size() + " training records, fewer than " + MIN_OUTCOMES
                        + ": kept the prior (bundled simulator-trained) predictors";
                progress.accept(p + ": " + note);
                predictors.put(p, prior.get().predictor(p));
                reports.put(p.wireName(), new ModelMetadata.PlatformReport(count, "prior", note, null, null));
                continue;
            }
            PredictorTrainer.Fitted f = fitted.get(p).get();
            predictors.put(p, f.predictor());
            reports.put(p.wireName(), new ModelMetadata.PlatformReport(count, "trained", null, f.duration(),
                    f.startup()));
            progress.accept(String.format(Locale.ROOT, "%s: duration MAE %.0f ms, 90%% interval coverage %.3f; "
                    + "start-up MAE %.0f ms, coverage %.3f", p, f.duration().maeMs(), f.duration().coverage90(),
                    f.startup().maeMs(), f.startup().coverage90()));
        }
        List<Pair> validation = pairs(records, split, VALIDATION);
        List<Pair> test = pairs(records, split, TEST);
        String hash = dataHash(records);
        String version = "rtree-" + sha256(hash + "\n" + RECIPE).substring(0, 8) + "-s" + seed;
        ModelMetadata draft = new ModelMetadata(version, Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString(),
                Tribuo.VERSION, "cart-regression", Trainers.regressionTree(Trainers.TREE_MAX_DEPTH,
                        Trainers.TREE_MIN_CHILD_WEIGHT, seed).toString(), seed, hash, records.size(), trainedOn,
                reports, null, null);
        Calibration initial = new Calibration(Calibration.Step.constant(1), Calibration.Step.constant(1),
                Calibration.Step.constant(1));
        draft = draft.withOptions(learned);
        RoutingModel uncalibrated = new RoutingModel(predictors, initial, draft);
        Calibration calibration = DecisionCheck.calibrate(router(uncalibrated), validation, MIN_CALIBRATION_JOBS);
        RoutingModel calibrated = new RoutingModel(predictors, calibration, draft);
        DecisionCheck.Result check = DecisionCheck.measure(router(calibrated), test);
        progress.accept(String.format(Locale.ROOT, "held-out decisions: %d jobs, accuracy vs oracle %.4f, regret %.4f, "
                + "Brier %.4f", check.decisions().jobs(), check.decisions().accuracyVsOracle(),
                check.decisions().regret(), check.brier()));
        return calibrated.withMetadata(new ModelMetadata(draft.modelVersion(), draft.trainedAt(),
                draft.tribuoVersion(), draft.trainer(), draft.trainerConfiguration(), seed, hash, records.size(),
                trainedOn, reports, check.decisions(), new ModelMetadata.CalibrationReport(calibration.method(),
                        validation.size(), check.brier()), learned));
    }

    /** How many times the scaling is fitted against a work tree (the first tree on neutral scaling). */
    static final int SCALING_ROUNDS = 2;

    /**
     * {@code f} for each platform, the two at once (the machine's cores permitting): the platforms' trees
     * are independent, and each is fitted with its own seed-determined trainer, so the result is the
     * same as one after the other.
     */
    private static <T> Map<Platform, T> perPlatform(Function<Platform, T> f) {
        Platform[] platforms = Platform.values();
        ExecutorService pool = Executors.newFixedThreadPool(platforms.length, r -> {
            Thread t = new Thread(r, "trainer");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<Platform, Future<T>> futures = new EnumMap<>(Platform.class);
            for (Platform p : platforms) {
                futures.put(p, pool.submit(() -> f.apply(p)));
            }
            Map<Platform, T> out = new EnumMap<>(Platform.class);
            for (Platform p : platforms) {
                try {
                    out.put(p, futures.get(p).get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while training", e);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** ln(predicted work on one x86_64 vCPU) of a record, from a work tree fitted with {@code scaling}. */
    private ToDoubleFunction<OutcomeRecord> workPoint(PredictorTrainer fitter, List<OutcomeRecord> train, long seed,
            OptionScaling scaling, Platform p) {
        FeatureExtractor fx = new FeatureExtractor();
        if (train.size() < MIN_OUTCOMES) {
            PlatformPredictor kept = prior.get().predictor(p);
            return r -> kept.durationPoint(fx.values(r.job()));
        }
        Model<Regressor> tree = fitter.workTree(train, seed, r -> Math.log(scaling.scale(r.job().workload(),
                r.archOrDefault(), r.vcpu())));
        Map<String, Double> cache = new HashMap<>();
        return r -> cache.computeIfAbsent(r.job().jobId(), id -> fitter.workPoint(tree, r.job()));
    }

    private static String describe(OptionScaling s) {
        StringBuilder sb = new StringBuilder();
        s.workloads().forEach((type, w) -> sb.append(String.format(Locale.ROOT,
                "%s unscaled %.2f serial %.2f arm %.2f memory %.2f; ", type, w.unscaledShare(), w.serialShare(), w.armTimeFactor(), w.memoryNeedShare())));
        return sb.append(String.format(Locale.ROOT, "Spot %.4f interruptions/task-hour (%d in %.1f task-hours)",
                s.spot().interruptionsPerHour(), s.spot().interruptions(), s.spot().taskHours())).toString();
    }

    private JobRouter router(RoutingModel model) {
        // no exploration and no fallback: what is measured is the decision rule itself
        // the confidence is that of the platform choice between the sized pair, which both runs of a pair are on
        return new JobRouter(model, prices, 0, Platform.LAMBDA, DecisionConfig.defaults().withExploreRate(0),
                clock).withMenu(OptionMenu.sizedPair());
    }

    /** A job seen on both platforms at its sized pair (see {@code RunOptions#sized}). */
    record Pair(OutcomeRecord lambda, OutcomeRecord ecs) {
    }

    private static List<Pair> pairs(List<OutcomeRecord> records, Map<String, Integer> split, int part) {
        Map<String, OutcomeRecord[]> byJob = new LinkedHashMap<>();
        for (OutcomeRecord r : records) {
            if (split.get(r.job().jobId()) == part && (r.option() == null
                    || r.option().equals(RunOptions.sized(r.job(), r.platform()).id()))) {
                OutcomeRecord[] both = byJob.computeIfAbsent(r.job().jobId(), k -> new OutcomeRecord[2]);
                if (both[r.platform().ordinal()] == null) {
                    both[r.platform().ordinal()] = r;
                }
            }
        }
        List<Pair> out = new ArrayList<>();
        for (OutcomeRecord[] both : byJob.values()) {
            if (both[0] != null && both[1] != null) {
                out.add(new Pair(both[Platform.LAMBDA.ordinal()], both[Platform.ECS.ordinal()]));
            }
        }
        return out;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** SHA-256 over each record's features, platform and measurements, in data order. */
    static String dataHash(List<OutcomeRecord> records) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            FeatureExtractor fx = new FeatureExtractor();
            for (OutcomeRecord r : records) {
                StringBuilder sb = new StringBuilder(r.job().jobId()).append(',').append(r.platform().wireName());
                for (double v : fx.values(r.job())) {
                    sb.append(',').append(v);
                }
                sb.append(',').append(r.ok()).append(',').append(r.durationMs()).append(',').append(r.startupMs())
                        .append(',').append(r.billedUsd());
                if (r.option() != null) {
                    sb.append(',').append(r.option()).append(',').append(r.interruptions()).append(',')
                            .append(r.maxMemoryUsedMb());
                }
                sb.append('\n');
                digest.update(sb.toString().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
