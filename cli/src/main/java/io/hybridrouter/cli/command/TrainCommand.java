package io.hybridrouter.cli.command;

import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.classifier.ModelMetadata;
import io.hybridrouter.classifier.RoutingModel;
import io.hybridrouter.training.Trainer;
import io.hybridrouter.training.sim.Simulation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code router train}: trains and compares the candidate models and writes the chosen one's three files. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the routing model (CART vs random forest, chosen by validation) and write its three files.")
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed for generation, split and trainers (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for model.tribuo, feature_columns.json, model_metadata.json.")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        List<Simulation> rows = data.load(seed, 20_000, err);
        RoutingModel model = new Trainer(Clock.systemUTC(), line -> {
            err.println(line);
            err.flush();
        }).train(rows, seed);
        ModelArtefacts.save(out, model.tribuoModel(), model.metadata());
        ModelMetadata m = model.metadata();
        for (ModelMetadata.Candidate c : m.candidates()) {
            stdout.printf(Locale.ROOT, "%-14s validation %.4f  test %.4f  %,9d bytes  %,6d ms%n", c.name(),
                    c.validationAccuracy(), c.testAccuracy(), c.modelBytes(), c.trainMillis());
        }
        stdout.printf(Locale.ROOT, "chose %s: model %s, test accuracy %.4f, wrote %s%n", m.trainer(), m.modelVersion(),
                m.testAccuracy(), out);
        return 0;
    }
}
