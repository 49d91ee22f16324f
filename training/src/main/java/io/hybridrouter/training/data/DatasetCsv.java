package io.hybridrouter.training.data;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.csv.CsvWriteException;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.JobParseResult;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.training.sim.CostModel;
import io.hybridrouter.training.sim.PlatformRun;
import io.hybridrouter.training.sim.Simulation;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and writes labelled data sets: one row per job with its features, its simulated (or
 * measured) cost and latency on each platform, and the oracle label. Stateless and thread-safe.
 */
public final class DatasetCsv {

    /** The columns, in file order. */
    public static final List<String> COLUMNS = List.of(
            "job_id", "workload_type", "payload_size_kb", "time_window", "load_pattern", "timestamp",
            "expected_duration_s", "memory_mb",
            "lambda_ok", "lambda_failure", "lambda_cost_usd", "lambda_latency_ms", "lambda_startup_ms",
            "lambda_memory_mb",
            "ecs_ok", "ecs_cost_usd", "ecs_latency_ms", "ecs_startup_ms", "ecs_vcpu", "ecs_memory_mb",
            "slo_ms", "label");

    private static final CsvMapper CSV = new CsvMapper();

    /** Thrown for a data file that does not hold what this project writes; the message names row and column. */
    public static final class DatasetException extends IOException {
        public DatasetException(String message) {
            super(message);
        }
    }

    public void write(List<Simulation> rows, Writer out) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(schema::addColumn);
        try (var writer = CSV.writer(schema.build()).writeValues(out)) {
            for (Simulation s : rows) {
                writer.write(row(s));
            }
        } catch (CsvWriteException e) {
            throw new IOException("cannot write data set: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Object> row(Simulation s) {
        Job j = s.job();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("job_id", j.jobId());
        row.put("workload_type", j.workloadType());
        row.put("payload_size_kb", j.payloadSizeKb());
        row.put("time_window", j.timeWindow().wireName());
        row.put("load_pattern", j.loadPattern().wireName());
        row.put("timestamp", j.timestamp() == null ? "" : j.timestamp());
        row.put("expected_duration_s", j.expectedDurationS() == null ? "" : j.expectedDurationS());
        row.put("memory_mb", j.memoryMb() == null ? "" : j.memoryMb());
        row.put("lambda_ok", s.lambda().ok());
        row.put("lambda_failure", s.lambda().failure() == null ? "" : s.lambda().failure());
        row.put("lambda_cost_usd", String.format(Locale.ROOT, "%.10f", s.lambda().costUsd()));
        row.put("lambda_latency_ms", String.format(Locale.ROOT, "%.1f", s.lambda().latencyMs()));
        row.put("lambda_startup_ms", String.format(Locale.ROOT, "%.1f", s.lambda().startupMs()));
        row.put("lambda_memory_mb", s.lambda().memoryMb());
        row.put("ecs_ok", s.ecs().ok());
        row.put("ecs_cost_usd", String.format(Locale.ROOT, "%.10f", s.ecs().costUsd()));
        row.put("ecs_latency_ms", String.format(Locale.ROOT, "%.1f", s.ecs().latencyMs()));
        row.put("ecs_startup_ms", String.format(Locale.ROOT, "%.1f", s.ecs().startupMs()));
        row.put("ecs_vcpu", s.ecs().vcpu());
        row.put("ecs_memory_mb", s.ecs().memoryMb());
        row.put("slo_ms", String.format(Locale.ROOT, "%.0f", s.sloMs()));
        row.put("label", s.label().wireName());
        return row;
    }

    /** Reads a data set written by {@link #write}; every job goes through {@link JobValidator}. */
    public List<Simulation> read(Reader in, String source) throws IOException {
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        JobValidator validator = new JobValidator(() -> {
            throw new IllegalStateException("job_id is a required column");
        });
        List<Simulation> out = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class).with(schema).readValues(in)) {
            int line = 1;
            while (it.hasNextValue()) {
                line++;
                Map<String, String> r = it.nextValue();
                if (line == 2) {
                    List<String> missing = COLUMNS.stream().filter(c -> !r.containsKey(c)).toList();
                    if (!missing.isEmpty()) {
                        throw new DatasetException(source + ": missing columns " + missing
                                + " (expected the columns that `router generate` writes)");
                    }
                }
                out.add(parseRow(r, validator, source + " line " + line));
            }
        } catch (RuntimeException e) {
            if (e.getCause() instanceof IOException io) {
                throw new DatasetException(source + ": " + io.getMessage());
            }
            throw e;
        }
        return out;
    }

    private static Simulation parseRow(Map<String, String> r, JobValidator validator, String where)
            throws DatasetException {
        ObjectNode node = Json.object();
        node.put("job_id", r.get("job_id"));
        node.put("workload_type", r.get("workload_type"));
        putNumber(node, "payload_size_kb", r.get("payload_size_kb"), where);
        node.put("time_window", r.get("time_window"));
        node.put("load_pattern", r.get("load_pattern"));
        if (!r.get("timestamp").isEmpty()) {
            node.put("timestamp", r.get("timestamp"));
        }
        if (!r.get("expected_duration_s").isEmpty()) {
            putNumber(node, "expected_duration_s", r.get("expected_duration_s"), where);
        }
        if (!r.get("memory_mb").isEmpty()) {
            putNumber(node, "memory_mb", r.get("memory_mb"), where);
        }
        JobParseResult parsed = validator.validate(node);
        if (parsed instanceof JobParseResult.Invalid invalid) {
            throw new DatasetException(where + ": " + invalid.summary());
        }
        Job job = ((JobParseResult.Valid) parsed).job();
        PlatformRun lambda = new PlatformRun(Platform.LAMBDA, bool(r, "lambda_ok", where),
                r.get("lambda_failure").isEmpty() ? null : r.get("lambda_failure"),
                number(r, "lambda_latency_ms", where), number(r, "lambda_cost_usd", where), 0,
                CostModel.lambdaVcpu((int) number(r, "lambda_memory_mb", where)),
                (int) number(r, "lambda_memory_mb", where), number(r, "lambda_startup_ms", where));
        PlatformRun ecs = new PlatformRun(Platform.ECS, bool(r, "ecs_ok", where), null,
                number(r, "ecs_latency_ms", where), number(r, "ecs_cost_usd", where), 0,
                number(r, "ecs_vcpu", where), (int) number(r, "ecs_memory_mb", where),
                number(r, "ecs_startup_ms", where));
        Platform label = Platform.fromWire(r.get("label")).orElseThrow(
                () -> new DatasetException(where + ": label must be lambda or ecs (got \"" + r.get("label") + "\")"));
        return new Simulation(job, lambda, ecs, number(r, "slo_ms", where), label);
    }

    private static void putNumber(ObjectNode node, String field, String text, String where) throws DatasetException {
        try {
            node.put(field, Double.parseDouble(text));
        } catch (NumberFormatException e) {
            throw new DatasetException(where + ": " + field + " must be a number (got \"" + text + "\")");
        }
    }

    private static double number(Map<String, String> r, String column, String where) throws DatasetException {
        try {
            double v = Double.parseDouble(r.get(column));
            if (!Double.isFinite(v) || v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException | NullPointerException e) {
            throw new DatasetException(where + ": " + column + " must be a finite number >= 0 (got \"" + r.get(column)
                    + "\")");
        }
    }

    private static boolean bool(Map<String, String> r, String column, String where) throws DatasetException {
        String v = r.get(column);
        if ("true".equals(v) || "false".equals(v)) {
            return Boolean.parseBoolean(v);
        }
        throw new DatasetException(where + ": " + column + " must be true or false (got \"" + v + "\")");
    }
}
