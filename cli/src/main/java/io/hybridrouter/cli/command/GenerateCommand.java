package io.hybridrouter.cli.command;

import io.hybridrouter.shared.Platform;
import io.hybridrouter.training.data.DatasetCsv;
import io.hybridrouter.training.sim.JobGenerator;
import io.hybridrouter.training.sim.Simulation;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code router generate}: a labelled data set from the default job mix and the cost model. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate a labelled data set: jobs, their cost and latency on each platform, the oracle label.")
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "20000", description = "Jobs to generate (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE.csv", required = true, description = "Where to write the CSV; a missing folder is created (and said so).")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (jobs <= 0) {
            throw new IllegalArgumentException("--jobs must be a positive number, got " + jobs);
        }
        List<Simulation> rows = DataOptions.simulate(new JobGenerator().generate(jobs, seed), seed, spec.commandLine().getErr());
        Path folder = out.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            Files.createDirectories(folder);
            spec.commandLine().getErr().println("created folder " + out.getParent());
        }
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            new DatasetCsv().write(rows, w);
        }
        long lambda = rows.stream().filter(s -> s.label() == Platform.LAMBDA).count();
        spec.commandLine().getOut().printf("wrote %,d jobs to %s (label lambda: %,d, ecs: %,d)%n", rows.size(), out,
                lambda, rows.size() - lambda);
        return 0;
    }
}
