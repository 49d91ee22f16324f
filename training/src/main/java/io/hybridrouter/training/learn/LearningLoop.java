package io.hybridrouter.training.learn;

import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.ModelMetadata;
import io.hybridrouter.classifier.RoutingModel;
import io.hybridrouter.classifier.SwappableModel;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.config.DecisionConfig;
import io.hybridrouter.shared.cost.Prices;
import io.hybridrouter.training.EvaluationResult;
import io.hybridrouter.training.Evaluator;
import io.hybridrouter.training.Trainer;
import io.hybridrouter.training.data.OutcomeRecord;
import io.hybridrouter.training.sim.CostModel;
import io.hybridrouter.training.sim.Drift;
import io.hybridrouter.training.sim.JobGenerator;
import io.hybridrouter.training.sim.Simulation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
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
 * <p>Why the prior data: trained on outcomes alone, a platform the router seldom chooses has too few
 * outcomes to learn from and regions it never chose are guessed from nothing; the prior's simulator
 * data fills them. Each outcome takes the place of the prior records nearest to it (same platform and
 * workload type, nearest payload), {@code outcomeWeight} of them divided by its propensity, and counts as
 * many times: measured runs replace the prior where they exist, an explored run stands for the jobs of
 * its kind sent the other way, and the prior keeps its density elsewhere (see {@link #trainingSet}).
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
     * @param exploreRate   the learning router's exploration rate
     * @param priorJobs     simulator jobs (run on both platforms, no drift) trained on besides the outcomes
     * @param outcomeWeight how many times each outcome is counted against one prior record
     * @param threshold     the routers' confidence threshold
     * @param fallback      the routers' low-confidence platform
     * @param prices        the price table in force before the drift
     */
    public record Settings(int rounds, int jobsPerRound, long seed, Drift drift, double exploreRate, int priorJobs,
            int outcomeWeight, double threshold, Platform fallback, Prices prices) {

        public Settings {
            if (rounds < 1) {
                throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
            }
            if (jobsPerRound < 1) {
                throw new IllegalArgumentException("--jobs must be a positive number, got " + jobsPerRound);
            }
            if (outcomeWeight < 1) {
                throw new IllegalArgumentException("the outcome weight must be at least 1, got " + outcomeWeight);
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
        // the drifted prices are the table in force for both routers
        Prices inForce = truth.prices();
        this.staticRouter = new JobRouter(start, inForce, settings.threshold(), settings.fallback(),
                DecisionConfig.defaults().withExploreRate(0), clock);
        this.learningRouter = new JobRouter(model, inForce, settings.threshold(), settings.fallback(),
                DecisionConfig.defaults().withExploreRate(settings.exploreRate()), clock);
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
        List<OutcomeRecord> priorData = new ArrayList<>();
        if (s.priorJobs() > 0) {
            CostModel simulator = new CostModel(s.prices());
            for (Job job : generator.generate(s.priorJobs(), s.seed() * ROUND_SEEDS)) {
                priorData.addAll(OutcomeRecord.fromSimulation(simulator.simulate(job, s.seed())));
            }
        }
        List<OutcomeRecord> learned = new ArrayList<>();
        List<LearningResult.Round> rounds = new ArrayList<>();
        Trainer trainer = new Trainer(clock, line -> { }, truth.prices(), prior);
        for (int round = 1; round <= s.rounds(); round++) {
            List<Job> jobs = generator.generate(s.jobsPerRound(), s.seed() * ROUND_SEEDS + round);
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
            rounds.add(new LearningResult.Round(round, jobs.size(), st, le, oracle, learned.size()));
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
                progress.accept("retraining on " + learned.size() + " outcomes in place of the nearest of "
                        + priorData.size() + " prior simulator records");
                model.swap(trainer.train(trainingSet(priorData, learned), s.seed(), ModelMetadata.OUTCOMES));
            }
        }
        return new LearningResult(Collections.unmodifiableList(rounds), s.drift().toString(), s.jobsPerRound(),
                s.seed(), s.exploreRate(), s.priorJobs(), s.outcomeWeight(), TRUTH, PRICES);
    }

    /**
     * The prior's records with every outcome put in place of the {@code outcomeWeight} prior records of
     * the same platform and workload type nearest to it in payload, and counted that many times: where the
     * router has measured, its outcomes replace the prior; where it has not (the other platform, job sizes
     * it never chose), the prior stays, at the prior's own density, so that rare but costly jobs are not
     * drowned out by the many outcomes of the jobs it routes every day.
     */
    List<OutcomeRecord> trainingSet(List<OutcomeRecord> priorData, List<OutcomeRecord> learned) {
        int w = settings.outcomeWeight();
        Map<String, TreeMap<Double, List<OutcomeRecord>>> cells = new HashMap<>();
        for (OutcomeRecord r : priorData) {
            cells.computeIfAbsent(cell(r), k -> new TreeMap<>()).computeIfAbsent(size(r), k -> new ArrayList<>())
                    .add(r);
        }
        List<OutcomeRecord> all = new ArrayList<>(priorData.size() + learned.size() * w);
        for (OutcomeRecord o : learned) {
            // inverse propensity: an explored outcome stands for the many jobs of its kind sent the other way
            int copies = (int) Math.max(1, Math.round(w / (o.propensity() == null ? 1 : o.propensity())));
            TreeMap<Double, List<OutcomeRecord>> cell = cells.get(cell(o));
            for (int i = 0; i < copies && cell != null && !cell.isEmpty(); i++) {
                double x = size(o);
                Map.Entry<Double, List<OutcomeRecord>> lo = cell.floorEntry(x);
                Map.Entry<Double, List<OutcomeRecord>> hi = cell.ceilingEntry(x);
                Map.Entry<Double, List<OutcomeRecord>> near = lo == null ? hi : hi == null ? lo
                        : x - lo.getKey() <= hi.getKey() - x ? lo : hi;
                near.getValue().remove(near.getValue().size() - 1);
                if (near.getValue().isEmpty()) {
                    cell.remove(near.getKey());
                }
            }
            for (int i = 0; i < copies; i++) {
                all.add(o);
            }
        }
        for (TreeMap<Double, List<OutcomeRecord>> cell : cells.values()) {
            cell.values().forEach(all::addAll);
        }
        return all;
    }

    private static String cell(OutcomeRecord r) {
        return r.platform().wireName() + "/" + r.job().workload().wireName();
    }

    private static double size(OutcomeRecord r) {
        return Math.log(Math.max(1e-3, r.job().payloadSizeKb()));
    }

    private static OutcomeRecord outcome(Simulation w, Deployment.Decided d) {
        if (d == null) {
            throw new IllegalStateException("job " + w.job().jobId() + " was not decided by the learning router");
        }
        OutcomeRecord r = OutcomeRecord.fromSimulation(w).get(d.platform() == Platform.LAMBDA ? 0 : 1);
        return new OutcomeRecord(r.job(), r.platform(), r.ok(), r.failure(), r.durationMs(), r.startupMs(),
                r.memoryMb(), r.vcpu(), r.billedUsd(), r.sloMs(), r.sloMet(), OutcomeRecord.SIMULATOR,
                d.modelVersion(), d.propensity());
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
