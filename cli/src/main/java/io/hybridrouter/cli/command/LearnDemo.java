package io.hybridrouter.cli.command;

import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.localstack.embedded.EmbeddedStack;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.training.learn.LearningLoop;
import io.hybridrouter.training.learn.LearningResult;
import io.hybridrouter.training.report.EvaluationReport;
import io.hybridrouter.training.report.LearningReport;
import io.hybridrouter.training.sim.Drift;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Locale;

/**
 * {@code router demo --learn}: rounds of generated jobs through the embedded stack with a router that is
 * retrained after every round and picks up the new model without a restart, against a static router on
 * the same jobs, both measured against the drifted simulator ({@link LearningLoop}). Parses nothing
 * itself: {@link DemoCommand} hands it the values. Not thread-safe: one run.
 */
final class LearnDemo {

    /** Simulator jobs the learning router keeps training on besides its outcomes (see {@link LearningLoop}). */
    static final int PRIOR_JOBS = 20_000;
    /** The learning router's exploration rate unless --explore-rate says otherwise. */
    static final double DEFAULT_EXPLORE_RATE = 0.02;

    private LearnDemo() {
    }

    /** Parses a drift spec, a usage error (exit 2) naming the part and the rule when it is malformed. */
    static Drift drift(String spec) {
        try {
            return Drift.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }

    static int run(ModelOptions modelOptions, int rounds, String driftSpec, int jobs, long seed, double exploreRate,
            int priorJobs, boolean json, Path reportDir, String command, PrintWriter out, PrintWriter err)
            throws IOException, InterruptedException {
        Drift drift = drift(driftSpec);
        if (rounds < 1) {
            throw new UsageError("--rounds must be at least 1, got " + rounds);
        }
        if (priorJobs < 0) {
            throw new UsageError("--prior-jobs must be 0 or more, got " + priorJobs);
        }
        if (!(exploreRate >= 0 && exploreRate <= 0.5)) {
            throw new UsageError("--explore-rate must be from 0 to 0.5, got " + exploreRate);
        }
        RouterConfig config = modelOptions.config();
        JobRouter configured = modelOptions.component().router();
        LearningLoop.Settings settings = new LearningLoop.Settings(rounds, jobs, seed, drift, exploreRate, priorJobs,
                config.confidenceThreshold(), config.fallbackPlatform(), configured.prices());
        LearningLoop loop = new LearningLoop(settings, configured::model, Clock.systemUTC(), err::println);
        Path dir = reportDir != null ? reportDir : EvaluationReport.newFolder(
                Path.of("reports"), "learn", LocalDateTime.now());
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        StackDeployment deployment = new StackDeployment(err, DemoCommand.STALL_MS);
        LearningResult result;
        try (BufferedWriter outcomes = Files.newBufferedWriter(dir.resolve(LearningReport.OUTCOMES),
                StandardCharsets.UTF_8);
                EmbeddedStack stack = EmbeddedStack.start(0, config, loop.learningRouter(), deployment::record)) {
            deployment.attach(stack);
            err.printf(Locale.ROOT, "embedded stack up at %s; %d rounds of %,d jobs, drift %s (%s)%n", stack.endpoint(),
                    rounds, jobs, drift, drift.describe());
            result = loop.run(deployment, o -> {
                try {
                    outcomes.write(Json.write(o));
                    outcomes.newLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e.getMessage(), e);
                }
            });
        }
        double wallS = (System.nanoTime() - t0) / 1e9;
        LearningReport.write(result, dir, command);
        if (json) {
            out.println(Json.write(result));
        } else {
            out.print(LearningReport.table(result));
        }
        out.flush();
        err.printf(Locale.ROOT, "wall time %.1f s; report: %s (chart: %s), outcomes: %s%n", wallS,
                dir.resolve(LearningReport.MARKDOWN), dir.resolve(LearningReport.CHART),
                dir.resolve(LearningReport.OUTCOMES));
        return 0;
    }
}
