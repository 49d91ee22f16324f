package io.hybridrouter.cli.command;

import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.classifier.ModelMetadata;
import io.hybridrouter.classifier.RoutingModel;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.config.DecisionConfig;
import io.hybridrouter.shared.cost.PriceTable;
import io.hybridrouter.shared.cost.Prices;
import io.hybridrouter.training.Trainer;
import io.hybridrouter.training.data.OutcomeRecord;
import io.hybridrouter.training.offpolicy.LoggedOutcomes;
import io.hybridrouter.training.sim.Simulation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code router train}: trains the per-platform predictors and writes the model's three files. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the per-platform predictors (work and start-up latency, regression trees) from simulated outcomes, or from measured ones (--outcomes), and write the model's three files.")
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--outcomes", paramLabel = "FILE.jsonl", description = "Measured outcomes to train on: JobCompleted event lines (`router outcomes collect`, `router up --events`) or plain outcome lines; instead of --data/--generate.")
    Path outcomes;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed for generation, split and trainers (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for model.tribuo, feature_columns.json, model_metadata.json.")
    Path out;

    @Option(names = "--prices", paramLabel = "FILE", description = "Price table (JSON) the simulated runs are billed at (default: $ROUTER_PRICES, else the bundled us-east-1 table).")
    Path prices;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Optional<Path> table = Optional.ofNullable(prices).or(() -> Optional.ofNullable(System.getenv("ROUTER_PRICES"))
                .filter(s -> !s.isBlank()).map(Path::of));
        PriceTable.Selection selection = PriceTable.bundledOr(table).select(Optional.ofNullable(System.getenv("AWS_REGION"))
                .filter(s -> !s.isBlank()));
        selection.note().ifPresent(note -> err.println("prices: " + note));
        Prices p = selection.prices();
        List<OutcomeRecord> records;
        String trainedOn;
        if (outcomes != null) {
            if (data.data != null || data.generate != null) {
                throw new IllegalArgumentException("give --outcomes or --data/--generate, not both");
            }
            records = readOutcomes(outcomes, err);
            trainedOn = ModelMetadata.OUTCOMES;
        } else {
            List<Simulation> rows = data.load(seed, 20_000, err, p);
            records = rows.stream().flatMap(s -> OutcomeRecord.fromSimulation(s).stream()).toList();
            trainedOn = ModelMetadata.SIMULATOR;
        }
        RoutingModel model = new Trainer(Clock.systemUTC(), line -> {
            err.println(line);
            err.flush();
        }, p, ModelArtefacts::loadBundled).withSpotPrior(DecisionConfig.fromMap(System.getenv())
                .spotInterruptionsPerHour()).train(records, seed, trainedOn);
        ModelArtefacts.save(out, model);
        ModelMetadata m = model.metadata();
        for (Map.Entry<String, ModelMetadata.PlatformReport> e : m.platforms().entrySet()) {
            ModelMetadata.PlatformReport r = e.getValue();
            if (r.duration() == null) {
                stdout.printf(Locale.ROOT, "%-7s %,7d records  %s%n", e.getKey(), r.outcomes(), r.note());
                continue;
            }
            stdout.printf(Locale.ROOT, "%-7s %,7d records  duration MAE %,10.0f ms  coverage(90%%) %.3f  "
                    + "start-up MAE %,8.0f ms  coverage(90%%) %.3f%n", e.getKey(), r.outcomes(), r.duration().maeMs(),
                    r.duration().coverage90(), r.startup().maeMs(), r.startup().coverage90());
        }
        long bytes = 0;
        for (String f : List.of(ModelArtefacts.MODEL_FILE, ModelArtefacts.COLUMNS_FILE, ModelArtefacts.METADATA_FILE)) {
            bytes += Files.size(out.resolve(f));
        }
        stdout.printf(Locale.ROOT, "model %s: held-out accuracy vs oracle %.4f, regret %.4f, Brier %.4f; %,d bytes "
                + "in all; wrote %s%n", m.modelVersion(), m.decisions().accuracyVsOracle(), m.decisions().regret(),
                m.calibration().brier(), bytes, out);
        return 0;
    }

    /** The training records in an outcomes file, with a line on what was read and left out. */
    static List<OutcomeRecord> readOutcomes(Path file, PrintWriter err) throws IOException {
        LoggedOutcomes.Records read;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            read = new LoggedOutcomes().readRecords(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("outcomes file " + file + " does not exist");
        } catch (LoggedOutcomes.InvalidLines e) {
            e.lines().forEach(err::println);
            throw e;
        }
        long lambda = read.records().stream().filter(r -> r.platform() == Platform.LAMBDA)
                .count();
        err.printf(Locale.ROOT, "outcomes: %,d records from %s (lambda %,d, ecs %,d); skipped %,d other event lines, "
                + "%,d outcomes without a measured start-up%n", read.records().size(), file, lambda,
                read.records().size() - lambda, read.skipped(), read.noStartup());
        err.flush();
        return read.records();
    }
}
