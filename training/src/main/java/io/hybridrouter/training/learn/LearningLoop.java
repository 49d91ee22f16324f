package io.hybridrouter.training.learn;

import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.ModelMetadata;
import io.hybridrouter.classifier.OptionMenu;
import io.hybridrouter.classifier.PlatformPredictor;
import io.hybridrouter.classifier.RoutingModel;
import io.hybridrouter.classifier.SwappableModel;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.WorkloadType;
import io.hybridrouter.shared.config.DecisionConfig;
import io.hybridrouter.shared.cost.Prices;
import io.hybridrouter.shared.option.RunOptions;
import io.hybridrouter.training.EvaluationResult;
import io.hybridrouter.training.Evaluator;
import io.hybridrouter.training.Trainer;
import io.hybridrouter.training.data.OutcomeRecord;
import io.hybridrouter.training.sim.CostModel;
import io.hybridrouter.training.sim.Drift;
import io.hybridrouter.training.sim.JobGenerator;
import io.hybridrouter.training.sim.PlatformRun;
import io.hybridrouter.training.sim.Simulation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Learning under drift: rounds of fresh generated jobs decided by two routers on the same jobs and
 * measured against the same drifted truth (the simulator with a {@link Drift} applied). The static
 * router keeps the prior model; the learning router decides through a {@link Deployment} with a model
 * it reads from a {@link SwappableModel}, and after each round it is retrained on the prior's simulator
 * data plus every outcome so far and the new model is swapped in, without a restart.
 *
 * <p>The outcome the learning router learns from is the drifted simulator's run of the job on the
 * platform the router chose (an {@link OutcomeRecord} with source {@code simulator}, the deciding model
 * and the propensity): regret needs the truth of both platforms for every job, and one machine cannot
 * measure AWS. Price drift reaches both routers through the price table in force, as a published price
 * change or a Savings Plan would on AWS; the other drifts reach them only through outcomes.
 *
 * <p>How it learns: trained on outcomes alone, a platform the router seldom chooses has too few
 * outcomes and job sizes it never chose are guessed from nothing; and a drift learned on the platform
 * the router happens to choose (long ETL jobs on ECS) but not on the other makes the other look
 * cheaper than it is. So after each round the outcomes so far are compared with what the prior model
 * predicted for the same jobs ({@link #calibrate}): per platform and workload type, how much more or
 * less work than predicted, shrunk toward the type's figure over both platforms (the same runner
 * does the same work on both) and toward no change; per platform, how much longer the start-up. The
 * prior's simulator jobs are run again with that calibration, and the model is retrained on them plus
 * the outcomes. This is learning a few numbers from outcomes, with the simulator as the structure that
 * spreads them over every job size and both platforms: it learns drifts of the kinds a runner or a
 * platform shows (slower work, more memory, faster start-up); a change the calibration cannot express
 * reaches the model only through the outcomes themselves.
 * Not thread-safe: one run at a time.
 */
public final class LearningLoop {

    /** Each round's jobs are generated with {@code seed × this + round}, the prior's with round 0. */
    private static final long ROUND_SEEDS = 1_000;

    /** What the figures are measured against, for the result. */
    public static final String TRUTH = "the simulator with the drift applied, both platforms per job "
            + "(one machine cannot measure AWS); the learning router learns from the drifted simulator's run "
            + "on the platform it chose";
    /** How prices reach the routers, for the result. */
    public static final String PRICES = "price drift reaches both routers through the price table in force, "
            + "as a price change would on AWS; other drifts reach the learning router only through outcomes";

    /**
     * How a run is set up.
     *
     * @param rounds        rounds, at least 1
     * @param jobsPerRound  fresh jobs per round
     * @param seed          seed of the jobs and their simulated truth
     * @param drift         the drift of the truth
     * @param exploreRate   the learning router's exploration rate in round 1; round k explores at 1/k of it
     * @param priorJobs     simulator jobs (run on both platforms) trained on besides the outcomes, each round
     *                      with what the outcomes so far say of the world applied (see {@link #calibrate})
     * @param threshold     the routers' confidence threshold
     * @param fallback      the routers' low-confidence platform
     * @param prices        the price table in force before the drift
     */
    public record Settings(int rounds, int jobsPerRound, long seed, Drift drift, double exploreRate, int priorJobs,
            double threshold, Platform fallback, Prices prices) {

        public Settings {
            if (rounds < 1) {
                throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
            }
            if (jobsPerRound < 1) {
                throw new IllegalArgumentException("--jobs must be a positive number, got " + jobsPerRound);
            }
            Objects.requireNonNull(drift, "drift");
            Objects.requireNonNull(fallback, "fallback");
            Objects.requireNonNull(prices, "prices");
        }
    }

    private final Settings settings;
    private final Supplier<RoutingModel> prior;
    private final Clock clock;
    private final Consumer<String> progress;
    private final CostModel truth;
    private final SwappableModel model;
    private final JobRouter staticRouter;
    private final JobRouter learningRouter;
    /** The learning router's exploration rate this round: {@code exploreRate / round}. */
    private volatile double exploreRate;

    /**
     * @param prior    the model both routers start from (the bundled one)
     * @param progress people-talk: rounds, training
     */
    public LearningLoop(Settings settings, Supplier<RoutingModel> prior, Clock clock, Consumer<String> progress) {
        this.settings = settings;
        this.prior = prior;
        this.clock = clock;
        this.progress = progress;
        this.truth = new CostModel(settings.prices(), settings.drift());
        RoutingModel start = prior.get();
        this.model = new SwappableModel(start);
        // the drifted prices are the table in force for both routers; both choose between Lambda and Fargate
        // as before options, on the declared options nearest the sized pair (what a deployment has rules for),
        // and the rounds compare them per platform
        Prices inForce = truth.prices();
        this.staticRouter = new JobRouter(start, inForce, settings.threshold(), settings.fallback(),
                DecisionConfig.defaults().withExploreRate(0), clock).withMenu(OptionMenu.nearestSizedPair(RunOptions.declared()));
        this.learningRouter = new JobRouter(model, inForce, settings.threshold(), settings.fallback(),
                DecisionConfig.defaults().withExploreRate(settings.exploreRate()), () -> exploreRate, clock)
                .withMenu(OptionMenu.nearestSizedPair(RunOptions.declared()));
    }

    /** The router a {@link Deployment} must decide with: its model is swapped after every round. */
    public JobRouter learningRouter() {
        return learningRouter;
    }

    /**
     * Runs every round.
     *
     * @param outcomes receives each outcome the learning router learns from, as it is produced
     */
    public LearningResult run(Deployment deployment, Consumer<OutcomeRecord> outcomes) throws InterruptedException {
        Settings s = settings;
        JobGenerator generator = new JobGenerator();
        List<Job> priorJobs = s.priorJobs() > 0 ? generator.generate(s.priorJobs(), s.seed() * ROUND_SEEDS) : List.of();
        RoutingModel priorModel = model.current();
        String learnedSoFar = Drift.NONE.toString();
        List<OutcomeRecord> learned = new ArrayList<>();
        List<LearningResult.Round> rounds = new ArrayList<>();
        Trainer trainer = new Trainer(clock, line -> { }, truth.prices(), prior);
        for (int round = 1; round <= s.rounds(); round++) {
            List<Job> jobs = generator.generate(s.jobsPerRound(), s.seed() * ROUND_SEEDS + round);
            // explore most while the model knows least: 1/round of the rate, which still sees both platforms
            // of every kind of job the router is unsure of, and costs less as the model learns
            exploreRate = s.exploreRate() / round;
            List<Simulation> world = new ArrayList<>(jobs.size());
            for (Job job : jobs) {
                world.add(truth.simulate(job, s.seed()));
            }
            progress.accept("round " + round + " of " + s.rounds() + ": " + jobs.size() + " jobs, learning router on "
                    + model.current().version());
            Map<String, Deployment.Decided> decided = deployment.decide(round, jobs);
            Map<String, Deployment.Decided> fixed = new LinkedHashMap<>();
            for (Job job : jobs) {
                fixed.put(job.jobId(), Deployment.Decided.of(staticRouter.decide(job)));
            }
            LearningResult.Figures st = figures(world, fixed);
            LearningResult.Figures le = figures(world, decided);
            double oracle = Evaluator.compare(world, platforms(world, fixed), "", Map.of(), 0)
                    .strategies().get("oracle").costPerMillionUsd();
            rounds.add(new LearningResult.Round(round, jobs.size(), st, le, oracle, learned.size(), learnedSoFar));
            progress.accept(String.format(Locale.ROOT,
                    "round %d: regret static %.4f, learning %.4f; SLO violations static %d, learning %d",
                    round, st.regret(), le.regret(), st.sloViolations(), le.sloViolations()));
            for (Simulation w : world) {
                Deployment.Decided d = decided.get(w.job().jobId());
                OutcomeRecord o = outcome(w, d);
                learned.add(o);
                outcomes.accept(o);
            }
            if (round < s.rounds()) {
                Drift calibration = calibrate(priorModel, learned);
                learnedSoFar = calibration.toString();
                progress.accept("learned from " + learned.size() + " outcomes: " + calibration.describe()
                        + "; retraining on them and " + priorJobs.size() + " prior simulator jobs run with it");
                CostModel calibrated = new CostModel(truth.prices(), calibration);
                List<OutcomeRecord> set = new ArrayList<>(priorJobs.size() * 2 + learned.size());
                for (Job job : priorJobs) {
                    set.addAll(priorRecords(calibrated.simulate(job, s.seed())));
                }
                set.addAll(learned);
                model.swap(trainer.train(set, s.seed(), ModelMetadata.OUTCOMES));
            }
        }
        return new LearningResult(Collections.unmodifiableList(rounds), s.drift().toString(), s.jobsPerRound(),
                s.seed(), s.exploreRate(), s.priorJobs(), TRUTH, PRICES);
    }

    /**
     * What the outcomes say of the world, against {@code priorModel}'s predictions for the same jobs:
     * <ul>
     *   <li>work, per platform and workload type: the median of ln(measured work / predicted work) over
     *       the runs that finished, shrunk toward the type's median over both platforms by
     *       {@value #SHRINK} runs' worth, which is itself shrunk toward 0 (no change) alike;</li>
     *   <li>start-up, per platform: measured over predicted, summed over the runs (most Lambda starts
     *       are warm, 0 ms), shrunk toward 1 alike.</li>
     * </ul>
     * Factors are kept only where some outcome speaks for them.
     */
    static Drift calibrate(RoutingModel priorModel, List<OutcomeRecord> learned) {
        Map<WorkloadType, List<Double>> byType = new EnumMap<>(WorkloadType.class);
        Map<Platform, Map<WorkloadType, List<Double>>> byCell = new EnumMap<>(Platform.class);
        Map<Platform, double[]> starts = new EnumMap<>(Platform.class);
        for (OutcomeRecord o : learned) {
            double[] x = priorModel.example(o.job());
            PlatformPredictor p = priorModel.predictor(o.platform());
            double[] st = starts.computeIfAbsent(o.platform(), k -> new double[3]);
            st[0] += o.startupMs();
            st[1] += Math.max(0, p.startupPoint(x));
            st[2]++;
            if (!o.ok() || !(o.durationMs() > 0)) {
                continue;
            }
            double logRatio = Math.log(o.durationMs())
                    - priorModel.durationPointAt(o.platform(), o.job(), x, o.archOrDefault(), o.vcpu());
            byType.computeIfAbsent(o.job().workload(), k -> new ArrayList<>()).add(logRatio);
            byCell.computeIfAbsent(o.platform(), k -> new EnumMap<>(WorkloadType.class))
                    .computeIfAbsent(o.job().workload(), k -> new ArrayList<>()).add(logRatio);
        }
        Map<WorkloadType, Double> pooled = new EnumMap<>(WorkloadType.class);
        byType.forEach((type, r) -> pooled.put(type, shrink(median(r), r.size(), 0)));
        Map<Platform, Map<WorkloadType, Double>> work = new EnumMap<>(Platform.class);
        for (Platform platform : Platform.values()) {
            Map<WorkloadType, Double> factors = new EnumMap<>(WorkloadType.class);
            Map<WorkloadType, List<Double>> cells = byCell.getOrDefault(platform, Map.of());
            pooled.forEach((type, toward) -> {
                List<Double> r = cells.get(type);
                double log = r == null ? toward : shrink(median(r), r.size(), toward);
                factors.put(type, Math.exp(log));
            });
            work.put(platform, factors);
        }
        Map<Platform, Double> startup = new EnumMap<>(Platform.class);
        starts.forEach((platform, st) -> {
            if (st[0] > 0 && st[1] > 0) {
                startup.put(platform, Math.exp(shrink(Math.log(st[0] / st[1]), (int) st[2], 0)));
            }
        });
        return Drift.calibration(work, startup);
    }

    /** How many runs' worth of weight the value shrunk toward carries. */
    static final double SHRINK = 20;

    private static double shrink(double estimate, int n, double toward) {
        return (n * estimate + SHRINK * toward) / (n + SHRINK);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    /**
     * A prior job's simulated runs as training records. A Lambda run stopped at the timeout is recorded as
     * lasting exactly the timeout; taken as that, once a drift makes many jobs too long for Lambda, the
     * retrained predictor learns that they just fit and a job no platform can serve in time goes to Lambda as
     * the likeliest and times out. The simulator knows the work such a run needed, so the prior's records
     * carry it (measured outcomes cannot, and keep what was measured).
     */
    static List<OutcomeRecord> priorRecords(Simulation w) {
        List<OutcomeRecord> records = new ArrayList<>(OutcomeRecord.fromSimulation(w));
        PlatformRun lambda = w.on(Platform.LAMBDA);
        for (int i = 0; i < records.size(); i++) {
            OutcomeRecord r = records.get(i);
            if (i == 0 && r.platform() == Platform.LAMBDA && "timeout".equals(r.failure())
                    && lambda.neededMs() > r.durationMs()) {
                records.set(i, r.withDurationMs(lambda.neededMs()));
            }
        }
        return records;
    }

    private static OutcomeRecord outcome(Simulation w, Deployment.Decided d) {
        if (d == null) {
            throw new IllegalStateException("job " + w.job().jobId() + " was not decided by the learning router");
        }
        OutcomeRecord r = OutcomeRecord.fromSimulation(w).get(d.platform() == Platform.LAMBDA ? 0 : 1);
        return r.withDecision(OutcomeRecord.SIMULATOR, d.modelVersion(), d.propensity());
    }

    private static Map<String, Platform> platforms(List<Simulation> world, Map<String, Deployment.Decided> decided) {
        Map<String, Platform> out = new LinkedHashMap<>();
        for (Simulation w : world) {
            Deployment.Decided d = decided.get(w.job().jobId());
            if (d == null) {
                throw new IllegalStateException("job " + w.job().jobId() + " was not decided");
            }
            out.put(w.job().jobId(), d.platform());
        }
        return out;
    }

    private static LearningResult.Figures figures(List<Simulation> world, Map<String, Deployment.Decided> decided) {
        Map<String, Integer> reasons = new TreeMap<>();
        Set<String> versions = new TreeSet<>();
        decided.values().forEach(d -> {
            reasons.merge(d.reason(), 1, Integer::sum);
            versions.add(d.modelVersion());
        });
        String version = String.join(",", versions);
        EvaluationResult r = Evaluator.compare(world, platforms(world, decided), version, reasons, 0);
        EvaluationResult.StrategyResult h = r.strategies().get("hybrid");
        return new LearningResult.Figures(r.regret(), h.costPerMillionUsd(), h.sloViolations(), r.accuracy(),
                h.platforms(), reasons, version);
    }
}
