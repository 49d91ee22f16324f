package io.hybridrouter.cli.command;

import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.shared.Json;
import io.hybridrouter.training.EvaluationResult;
import io.hybridrouter.training.Evaluator;
import io.hybridrouter.training.report.EvaluationReport;
import io.hybridrouter.training.sim.Simulation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code router evaluate}: lambda-only vs ecs-only vs hybrid vs oracle on the same held-out jobs. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Compare lambda-only, ecs-only, hybrid (this model) and oracle on the same held-out jobs.")
public final class EvaluateCommand implements Callable<Integer> {

    /** Differs from the bundled model's training seed (42), so generated jobs are held out. */
    public static final long DEFAULT_SEED = 7;
    public static final int DEFAULT_JOBS = 5_000;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    DataOptions data;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + DEFAULT_SEED, description = "Seed for --generate (default: ${DEFAULT-VALUE}; use one the model was not trained with).")
    long seed;

    @Option(names = "--json", description = "Print one JSON object instead of the table and report.")
    boolean json;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Where to write report.md and strategies.png (default: a new reports/evaluate-<time>).")
    Path reportDir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JobRouter router = modelOptions.component().router();
        if (data.data == null && seed == router.model().metadata().seed()) {
            err.println("warning: --seed " + seed + " is the seed the model was trained with; "
                    + "the generated jobs overlap its training data");
        }
        List<Simulation> jobs = data.load(seed, DEFAULT_JOBS, err);
        EvaluationResult result = new Evaluator(router).evaluate(jobs);
        if (json) {
            out.println(Json.write(result));
            return 0;
        }
        out.print(EvaluationReport.table(result));
        Path dir = reportDir != null ? reportDir : EvaluationReport.newFolder(Path.of("reports"), "evaluate",
                LocalDateTime.now());
        String source = data.data != null ? data.data.toString()
                : "generated, " + jobs.size() + " jobs, seed " + seed;
        EvaluationReport.write(result, dir, source);
        out.println("report: " + dir.resolve(EvaluationReport.MARKDOWN) + " (chart: "
                + dir.resolve(EvaluationReport.CHART) + ")");
        return 0;
    }
}
