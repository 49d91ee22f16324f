package io.hybridrouter.cli.command;

import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.ModelMetadata;
import io.hybridrouter.classifier.OptionMenu;
import io.hybridrouter.cli.di.CliComponent;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.shared.option.RunOptions;
import io.hybridrouter.training.EvaluationResult;
import io.hybridrouter.training.Evaluator;
import io.hybridrouter.training.PayloadThresholdTable;
import io.hybridrouter.training.Policy;
import io.hybridrouter.training.RepeatedEvaluation;
import io.hybridrouter.training.RouterPolicy;
import io.hybridrouter.training.offpolicy.LoggedOutcome;
import io.hybridrouter.training.offpolicy.LoggedOutcomes;
import io.hybridrouter.training.offpolicy.OffPolicyEvaluator;
import io.hybridrouter.training.offpolicy.OffPolicyResult;
import io.hybridrouter.training.offpolicy.SimulatedLog;
import io.hybridrouter.training.report.EvaluationReport;
import io.hybridrouter.training.report.OffPolicyReport;
import io.hybridrouter.training.report.RepeatedEvaluationReport;
import io.hybridrouter.training.sim.CostModel;
import io.hybridrouter.training.sim.Drift;
import io.hybridrouter.training.sim.Simulation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code router evaluate}: the baselines, this model on the sized pair ({@code hybrid-2}) and on every
 * option ({@code hybrid}) and the oracles on the same held-out jobs, simulated with the price table the
 * router uses (less Spot with {@code --no-spot}); with {@code --outcomes} (or {@code --simulate-log}),
 * off-policy estimates of every policy from logged outcomes.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Compare lambda-only, ecs-only, lambda-unless-limit, table, hybrid-2 (this model on the sized "
                + "pair), hybrid (this model, all options), oracle-2 and oracle (all options) on the same held-out jobs.",
            "With --outcomes FILE.jsonl: estimate each policy's cost per million jobs and SLO-violation rate from "
                + "logged outcomes (doubly robust and IPS, bootstrap 95%% intervals; the direct method where the log "
                + "never ran the options a policy picks); exit 1 when a policy cannot be estimated from the log."})
public final class EvaluateCommand implements Callable<Integer> {

    /** Differs from the bundled model's training seed (42), so generated jobs are held out. */
    public static final long DEFAULT_SEED = 7;
    public static final int DEFAULT_JOBS = 5_000;
    public static final double DEFAULT_SIMULATED_EXPLORE_RATE = 0.2;
    /** The most held-out sets {@code --repeat} evaluates (each takes seconds). */
    public static final int MAX_REPEAT = 1_000;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    DataOptions data;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + DEFAULT_SEED, description = "Seed for --generate (default: ${DEFAULT-VALUE}; use one the model was not trained with).")
    long seed;

    @Option(names = "--train-data", paramLabel = "FILE.csv", description = "The data the model was trained on, to fit the `table` baseline (default: the model's own recipe from its metadata, e.g. 20,000 generated jobs, seed 42).")
    Path trainData;

    @Option(names = "--train-generate", paramLabel = "N", description = "Fit the `table` baseline on N generated jobs instead (with --train-seed).")
    Integer trainGenerate;

    @Option(names = "--train-seed", paramLabel = "S", description = "Seed for --train-generate (default: the model's training seed).")
    Long trainSeed;

    @Option(names = "--outcomes", paramLabel = "FILE.jsonl", description = "Logged outcomes (plain outcome lines or `up --events` lines): estimate every policy off-policy.")
    Path outcomes;

    @Option(names = "--simulate-log", description = "Off-policy mode on a log simulated from the held-out jobs: this model with --explore-rate uniform exploration over the options; prints each policy's true value beside its estimate.")
    boolean simulateLog;

    @Option(names = "--explore-rate", paramLabel = "X", defaultValue = "" + DEFAULT_SIMULATED_EXPLORE_RATE, description = "Share of jobs the simulated log sends to an option drawn at random (default: ${DEFAULT-VALUE}).")
    double exploreRate;

    @Option(names = "--log-out", paramLabel = "FILE.jsonl", description = "With --simulate-log: also write the simulated log there (plain outcome lines).")
    Path logOut;

    @Option(names = "--bootstrap-seed", paramLabel = "S", defaultValue = "" + OffPolicyEvaluator.DEFAULT_SEED, description = "Seed of the bootstrap resamples (default: ${DEFAULT-VALUE}).")
    long bootstrapSeed;

    @Option(names = "--no-spot", description = "Without Fargate Spot: the router and the simulated truth both use the "
            + "price table less its fargate_spot section (what sizes and arm64 alone give).")
    boolean noSpot;

    @Option(names = "--spot-interruptions-per-hour", paramLabel = "R", description = "Fargate Spot interruptions per "
            + "task-hour in the simulated truth (default: " + CostModel.DEFAULT_SPOT_INTERRUPTIONS_PER_HOUR + ").")
    Double spotInterruptionsPerHour;

    @Option(names = "--repeat", paramLabel = "K", description = "Evaluate K held-out sets of --generate N jobs "
            + "(seeds S, S+1, ..., S+K-1), the same router, prices and baselines for each, and print pooled costs "
            + "with a bootstrap 95%% interval over the sets (from 3 sets; --bootstrap-seed) and the per-set spread "
            + "(default: 1, one set; at most " + MAX_REPEAT + "; not with --data, --outcomes or --simulate-log).")
    Integer repeat;

    @Option(names = "--json", description = "Print one JSON object instead of the table and report.")
    boolean json;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Where to write report.md and its charts (default: a new reports/evaluate-<time>).")
    Path reportDir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        data.validate();
        if (outcomes != null && simulateLog) {
            throw new UsageError("give --outcomes or --simulate-log, not both");
        }
        if (logOut != null && !simulateLog) {
            throw new UsageError("--log-out needs --simulate-log");
        }
        validateRepeat();
        if (trainGenerate != null && trainGenerate < 1) {
            throw new UsageError("--train-generate must be a positive number of jobs, got " + trainGenerate);
        }
        if (noSpot && spotInterruptionsPerHour != null) {
            throw new UsageError("--spot-interruptions-per-hour sets how often Spot tasks are interrupted; with "
                    + "--no-spot no task runs on Spot: give one or the other");
        }
        if (!json && outcomes == null && !simulateLog) {
            checkReportDir();
        }
        // the decision rule as it would run without exploration: exploring is a data-collection budget
        // (ROUTER_EXPLORE_RATE), not part of the policy being compared with the baselines
        if (spotInterruptionsPerHour != null && (!(spotInterruptionsPerHour >= 0)
                || Double.isInfinite(spotInterruptionsPerHour))) {
            throw new UsageError("--spot-interruptions-per-hour must be a number >= 0, got " + spotInterruptionsPerHour);
        }
        if (spotInterruptionsPerHour != null && outcomes != null) {
            throw new UsageError("--spot-interruptions-per-hour sets the simulated truth; logged outcomes (--outcomes) "
                    + "were measured");
        }
        RouterConfig config = modelOptions.config();
        RouterConfig rule = config.withDecision(config.decision().withExploreRate(0));
        JobRouter router = CliComponent.create(rule).router();
        if (noSpot) {
            router = new JobRouter(router.model(), router.prices().withoutSpot(), rule, Clock.systemUTC());
        }
        // one price table for the router and the simulated truth: the router's (less Spot with --no-spot)
        double spotRate = spotInterruptionsPerHour != null ? spotInterruptionsPerHour
                : CostModel.DEFAULT_SPOT_INTERRUPTIONS_PER_HOUR;
        CostModel world = new CostModel(router.prices(), Drift.NONE, RunOptions.declared().offered(router.prices()),
                spotRate);
        PayloadThresholdTable table = PayloadThresholdTable.fit(trainingData(router.model().metadata(), err));
        if (outcomes != null || simulateLog) {
            return offPolicy(router, table, world, out, err);
        }
        if (repeat != null && repeat > 1) {
            return repeated(router, table, world, spotRate, out, err);
        }
        if (data.data == null && seed == router.model().metadata().seed()) {
            err.println("warning: --seed " + seed + " is the seed the model was trained with; "
                    + "the generated jobs overlap its training data");
        }
        // the held-out jobs are billed with the price table in force, as the router prices its decisions
        List<Simulation> jobs = data.load(seed, DEFAULT_JOBS, err, world);
        EvaluationResult result = new Evaluator(router, table).evaluate(jobs)
                .withSpot(router.prices().spotAvailable(), spotRate);
        if (json) {
            out.println(Json.write(result));
            return 0;
        }
        out.print(EvaluationReport.table(result));
        Path dir = reportFolder();
        String source = data.data != null ? data.data.toString()
                : "generated, " + jobs.size() + " jobs, seed " + seed;
        EvaluationReport.write(result, dir, source);
        out.println("report: " + dir.resolve(EvaluationReport.MARKDOWN) + " (charts: "
                + dir.resolve(EvaluationReport.CHART) + ", " + dir.resolve(EvaluationReport.CALIBRATION_CHART) + ")");
        return 0;
    }

    /** Where the report goes: {@code --report-dir}, else a new time-stamped folder under {@code reports/}. */
    private Path reportFolder() throws IOException {
        return reportDir != null ? reportDir : EvaluationReport.newFolder(Path.of("reports"), "evaluate",
                LocalDateTime.now());
    }

    /**
     * Refuses a report folder that cannot be written before any slow work starts, rather than lose the results
     * at the end: a file in its place, a path that cannot be created, a folder this user cannot write.
     */
    private void checkReportDir() {
        Path dir = reportDir != null ? reportDir : Path.of("reports");
        String name = reportDir != null ? "--report-dir " + dir : "the report folder " + dir.toAbsolutePath();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageError(name + ": exists and is not a folder");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            // a FileSystemException's message is already "path: reason"
            throw new UsageError(name + ": cannot be created (" + (e.getMessage() != null ? e.getMessage()
                    : e.getClass().getSimpleName()) + ")");
        }
        if (!Files.isWritable(dir)) {
            throw new UsageError(name + ": this user cannot write to it");
        }
    }

    /** Refuses a --repeat that cannot work (exit 2) before any slow work starts. */
    private void validateRepeat() {
        if (repeat == null) {
            return;
        }
        if (repeat < 1 || repeat > MAX_REPEAT) {
            throw new UsageError("--repeat must be a number of held-out sets from 1 to " + MAX_REPEAT + ", got "
                    + repeat);
        }
        String notGenerated = data.data != null ? "--data" : outcomes != null ? "--outcomes"
                : simulateLog ? "--simulate-log" : null;
        // one set (the default) is whatever set is given
        if (notGenerated != null && repeat > 1) {
            throw new UsageError("--repeat evaluates sets generated with --generate N and seeds S to S+K-1; "
                    + notGenerated + " is not a generated set");
        }
        if (seed > Long.MAX_VALUE - (repeat - 1)) {
            throw new UsageError("--seed " + seed + " + --repeat " + repeat + " - 1 is past the largest seed "
                    + Long.MAX_VALUE);
        }
    }

    /**
     * {@code --repeat K}: each set evaluated as a single {@code evaluate} evaluates it (same router, world and
     * table), then pooled with an interval over the sets.
     */
    private int repeated(JobRouter router, PayloadThresholdTable table, CostModel world, double spotRate,
            PrintWriter out, PrintWriter err) throws IOException {
        int k = repeat;
        long last = seed + k - 1;
        long trainingSeed = router.model().metadata().seed();
        if (trainingSeed >= seed && trainingSeed <= last) {
            err.println("warning: seeds " + seed + " to " + last + " include " + trainingSeed + ", the seed the model "
                    + "was trained with; that set's generated jobs overlap its training data");
        }
        // per-job simulation progress would drown the per-set lines
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        Evaluator evaluator = new Evaluator(router, table);
        List<Long> seeds = new ArrayList<>(k);
        List<EvaluationResult> results = new ArrayList<>(k);
        int jobsPerSet = 0;
        for (int i = 0; i < k; i++) {
            long s = seed + i;
            List<Simulation> jobs = data.load(s, DEFAULT_JOBS, quiet, world);
            jobsPerSet = jobs.size();
            EvaluationResult result = evaluator.evaluate(jobs).withSpot(router.prices().spotAvailable(), spotRate);
            seeds.add(s);
            results.add(result);
            err.println(String.format(Locale.ROOT, "set %d/%d (seed %d): hybrid/hybrid-2 %.4f", i + 1, k, s,
                    result.hybridVsHybrid2()));
            err.flush();
        }
        RepeatedEvaluation pooled = RepeatedEvaluation.of(seeds, results, bootstrapSeed);
        if (json) {
            out.println(Json.write(pooled));
            return 0;
        }
        out.print(RepeatedEvaluationReport.table(pooled));
        Path dir = reportFolder();
        RepeatedEvaluationReport.write(pooled, dir, String.format(Locale.ROOT, "generated, %,d jobs each, seeds %d "
                + "to %d", jobsPerSet, seed, last));
        out.println("report: " + dir.resolve(EvaluationReport.MARKDOWN));
        return 0;
    }

    /** The data the `table` baseline is fitted on: what the model was trained on, as far as can be known. */
    private List<Simulation> trainingData(ModelMetadata metadata, PrintWriter err) throws IOException {
        if (trainData != null && (trainGenerate != null || trainSeed != null)) {
            throw new IllegalArgumentException("give --train-data or --train-generate/--train-seed, not both");
        }
        DataOptions training = new DataOptions();
        training.data = trainData;
        training.generate = trainGenerate != null ? trainGenerate : Evaluator.trainingJobs(metadata);
        if (trainData != null) {
            training.generate = null;
        }
        long s = trainSeed != null ? trainSeed : metadata.seed();
        List<Simulation> rows = training.load(s, Evaluator.trainingJobs(metadata), err);
        if (trainData == null && trainGenerate == null && trainSeed == null
                && !Evaluator.isTrainingData(rows, metadata.dataHash())) {
            err.println("warning: the table baseline is fitted on " + rows.size() + " generated jobs, seed " + s
                    + ", which are not the data model " + metadata.modelVersion() + " was trained on (the data hash "
                    + "differs); pass --train-data FILE.csv for a fair baseline");
        }
        return rows;
    }

    private int offPolicy(JobRouter router, PayloadThresholdTable table, CostModel world, PrintWriter out,
            PrintWriter err) throws IOException {
        RouterPolicy model = new RouterPolicy("model", router);
        // the router before options: the sized pair only
        RouterPolicy pair = new RouterPolicy(Evaluator.HYBRID_2, router.withMenu(OptionMenu.sizedPair()));
        List<Policy> policies = List.of(Policy.lambdaOnly(), Policy.ecsOnly(), Policy.lambdaUnlessLimit(), table,
                pair, model);
        List<LoggedOutcome> log;
        List<Simulation> jobs = null;
        if (simulateLog) {
            if (!(exploreRate > 0 && exploreRate <= 1)) {
                throw new IllegalArgumentException("--explore-rate must be above 0 and at most 1, got " + exploreRate);
            }
            jobs = data.load(seed, DEFAULT_JOBS, err, world);
            log = SimulatedLog.generateByOption(jobs, model, exploreRate, seed);
            if (logOut != null) {
                try (Writer w = Files.newBufferedWriter(logOut, StandardCharsets.UTF_8)) {
                    LoggedOutcomes.write(log, w);
                }
                err.println("simulated log of " + log.size() + " outcomes written to " + logOut);
            }
        } else {
            try (BufferedReader in = Files.newBufferedReader(outcomes, StandardCharsets.UTF_8)) {
                LoggedOutcomes.Read read = new LoggedOutcomes().read(in, outcomes.toString());
                log = read.outcomes();
                if (read.skipped() > 0) {
                    err.println("skipped " + read.skipped() + " event lines that are not JobCompleted");
                }
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("outcomes file " + outcomes + " does not exist");
            } catch (LoggedOutcomes.InvalidLines e) {
                e.lines().forEach(err::println);
                throw e;
            }
        }
        OffPolicyResult result = new OffPolicyEvaluator(OffPolicyEvaluator.DEFAULT_RESAMPLES, bootstrapSeed)
                .evaluate(log, policies, model, router.model().version(), table.thresholdsKb());
        if (jobs != null && result.byOption()) {
            Map<String, double[]> truth = new LinkedHashMap<>();
            truth.put(OffPolicyEvaluator.LOGGED, new double[] {
                SimulatedLog.trueCostPerMillionByOption(jobs, model, exploreRate),
                SimulatedLog.trueSloViolationRateByOption(jobs, model, exploreRate)});
            for (Policy p : policies) {
                truth.put(p.name(), new double[] {SimulatedLog.trueCostPerMillionByOption(jobs, p, 0),
                    SimulatedLog.trueSloViolationRateByOption(jobs, p, 0)});
            }
            result = result.withTruth(truth);
        } else if (jobs != null) {
            Map<String, double[]> truth = new LinkedHashMap<>();
            Policy logging = exploring(model, exploreRate);
            truth.put(OffPolicyEvaluator.LOGGED, new double[] {SimulatedLog.trueCostPerMillion(jobs, logging),
                SimulatedLog.trueSloViolationRate(jobs, logging)});
            for (Policy p : policies) {
                truth.put(p.name(), new double[] {SimulatedLog.trueCostPerMillion(jobs, p),
                    SimulatedLog.trueSloViolationRate(jobs, p)});
            }
            result = result.withTruth(truth);
        }
        if (json) {
            out.println(Json.write(result));
        } else {
            out.print(OffPolicyReport.table(result));
        }
        out.flush();
        result.refusals().forEach((name, why) -> err.println(name + ": " + why));
        return result.refusals().isEmpty() ? 0 : 1;
    }

    /** The simulated logging policy: the model, with a share {@code rate} of jobs sent to a random platform. */
    private static Policy exploring(Policy base, double rate) {
        return new Policy() {
            @Override
            public String name() {
                return OffPolicyEvaluator.LOGGED;
            }

            @Override
            public Platform choose(Job job) {
                return base.choose(job);
            }

            @Override
            public double probability(Job job, Platform platform) {
                return (1 - rate) * base.probability(job, platform) + rate / 2;
            }
        };
    }
}
