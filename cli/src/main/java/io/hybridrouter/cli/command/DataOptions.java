package io.hybridrouter.cli.command;

import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.cost.Prices;
import io.hybridrouter.training.data.DatasetCsv;
import io.hybridrouter.training.sim.CostModel;
import io.hybridrouter.training.sim.JobGenerator;
import io.hybridrouter.training.sim.Simulation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where labelled jobs come from: a CSV written by {@code router generate}, or freshly generated ones. */
public final class DataOptions {

    @Option(names = "--data", paramLabel = "FILE.csv", description = "Labelled jobs written by `router generate`.")
    Path data;

    @Option(names = "--generate", paramLabel = "N", description = "Generate N labelled jobs instead of reading --data.")
    Integer generate;

    /** Loads or generates the jobs; {@code defaultCount} when neither option is given. */
    public List<Simulation> load(long seed, int defaultCount, PrintWriter err) throws IOException {
        return load(seed, defaultCount, err, Prices.defaults());
    }

    /** Refuses option values that cannot work (exit 2), before any slow work starts. */
    public void validate() {
        if (data != null && generate != null) {
            throw new UsageError("give --data or --generate, not both");
        }
        if (generate != null && generate <= 0) {
            throw new UsageError("--generate must be a positive number of jobs, got " + generate);
        }
    }

    /** Loads or generates the jobs, simulating generated ones at {@code prices}. */
    public List<Simulation> load(long seed, int defaultCount, PrintWriter err, Prices prices) throws IOException {
        return load(seed, defaultCount, err, new CostModel(prices));
    }

    /** Loads or generates the jobs, simulating generated ones in {@code world}. */
    public List<Simulation> load(long seed, int defaultCount, PrintWriter err, CostModel world) throws IOException {
        validate();
        if (data != null) {
            try (Reader in = Files.newBufferedReader(data, StandardCharsets.UTF_8)) {
                List<Simulation> rows = new DatasetCsv().read(in, data.toString());
                if (rows.isEmpty()) {
                    throw new IllegalArgumentException(data + " holds no jobs");
                }
                return rows;
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("data file " + data + " does not exist");
            }
        }
        int count = generate == null ? defaultCount : generate;
        if (count <= 0) {
            throw new UsageError("--generate must be a positive number of jobs, got " + count);
        }
        return simulate(new JobGenerator().generate(count, seed), seed, err, world);
    }

    /** Simulates every job with the given seed, showing progress. */
    public static List<Simulation> simulate(List<Job> jobs, long seed, PrintWriter err) {
        return simulate(jobs, seed, err, Prices.defaults());
    }

    /** Simulates every job with the given seed at {@code prices}, showing progress. */
    public static List<Simulation> simulate(List<Job> jobs, long seed, PrintWriter err, Prices prices) {
        return simulate(jobs, seed, err, new CostModel(prices));
    }

    /** Simulates every job with the given seed in {@code model}'s world, showing progress. */
    public static List<Simulation> simulate(List<Job> jobs, long seed, PrintWriter err, CostModel model) {
        Progress progress = new Progress(err, "simulating", jobs.size());
        List<Simulation> out = new ArrayList<>(jobs.size());
        for (Job job : jobs) {
            out.add(model.simulate(job, seed));
            if (out.size() % 1000 == 0) {
                progress.update(out.size());
            }
        }
        progress.done();
        return out;
    }
}
