package io.hybridrouter.training.offpolicy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.JobParseResult;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Outcome;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.cost.Sizing;
import io.hybridrouter.shared.events.EventTypes;
import io.hybridrouter.shared.option.Arch;
import io.hybridrouter.shared.option.Capacity;
import io.hybridrouter.shared.option.RunOption;
import io.hybridrouter.training.data.OutcomeRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes logged outcomes as JSON lines. Two shapes are read, one per line:
 *
 * <ul>
 *   <li>a plain outcome line, what {@link #write} produces:
 *       {@code {"job": {...}, "platform": "lambda", "propensity": 0.9, "billed_usd": 0.00012, "slo_met": true}};</li>
 *   <li>an event line as {@code router up --events} writes it, {@code {"detail-type": "JobCompleted",
 *       "detail": {...}}}, whose detail holds the same fields; {@code platform}, {@code billed_usd} and
 *       {@code slo_met} are read from its {@code measured} object when there is one. Lines of other
 *       detail-types (decisions, rejections) are skipped and counted.</li>
 * </ul>
 *
 * <p>Required: {@code job} (an object that passes the job rules; {@code job_id} may be absent),
 * {@code platform} ({@code lambda}|{@code ecs}), {@code billed_usd} (finite, &ge; 0), {@code slo_met}
 * (true|false). Optional: {@code propensity} in (0, 1], 1 when absent. A file with any line that breaks
 * a rule is refused as a whole, every such line named by number with its field and rule: dropping
 * lines would bias every estimate made from the rest.
 *
 * <p>The same lines are training records ({@link #readRecords}): besides the fields above, they need
 * what was measured of the run, from the {@code measured} object of a {@code JobCompleted} detail (or
 * the top level of a plain line, as {@link OutcomeRecord} writes it): {@code duration_ms},
 * {@code startup_ms}, {@code memory_mb} and {@code vcpu}. This class is the one owner of the outcome
 * line format. Stateless and thread-safe.
 */
public final class LoggedOutcomes {

    /** A first run and at most two re-runs after Fargate Spot interruptions (then on-demand). */
    private static final int MAX_ATTEMPTS = 3;

    /** At most this many bad lines are listed; the rest are counted. */
    private static final int MAX_LISTED = 20;

    /**
     * What a file held.
     *
     * @param outcomes the outcomes, in file order
     * @param skipped  event lines of other detail-types, skipped
     */
    public record Read(List<LoggedOutcome> outcomes, int skipped) {
    }

    /** A file with bad lines: the message is the summary, {@link #lines()} names each bad line. */
    public static final class InvalidLines extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        private final List<String> lines;

        InvalidLines(String summary, List<String> lines) {
            super(summary);
            this.lines = List.copyOf(lines);
        }

        /** {@code line N: field: rule} for each bad line, at most {@value #MAX_LISTED_LINES}, then a count of the rest. */
        public List<String> lines() {
            return lines;
        }

        static final int MAX_LISTED_LINES = MAX_LISTED;
    }

    private final JobValidator validator = new JobValidator();

    /**
     * What a file held as training records.
     *
     * @param records      the records, in file order
     * @param skipped      event lines of other detail-types, skipped
     * @param noStartup    outcomes whose start-up was not measured ({@code startup_ms} null: the decision's
     *                     time did not reach the executor), left out of training and counted
     */
    public record Records(List<OutcomeRecord> records, int skipped, int noStartup) {
    }

    /**
     * Reads every line as a training record; {@link InvalidLines} naming each bad line when any is bad.
     * An outcome whose start-up is unknown is counted and left out (the start-up predictor cannot learn
     * from it; the work it did is still in the file).
     */
    public Records readRecords(BufferedReader in, String source) throws IOException {
        List<OutcomeRecord> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int skipped = 0;
        int noStartup = 0;
        int lineNo = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                Optional<Optional<OutcomeRecord>> r = parseRecord(line, lineNo);
                if (r.isEmpty()) {
                    skipped++;
                } else if (r.get().isEmpty()) {
                    noStartup++;
                } else {
                    out.add(r.get().get());
                }
            } catch (IllegalArgumentException e) {
                errors.add("line " + lineNo + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw invalidLines(source, errors, "nothing was trained");
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no outcomes to train on" + (skipped > 0 ? " ("
                    + skipped + " event lines of other types)" : "") + (noStartup > 0 ? " (" + noStartup
                    + " outcomes without a measured start-up)" : ""));
        }
        return new Records(List.copyOf(out), skipped, noStartup);
    }

    /**
     * One line as a training record: empty for an event of another detail-type; an empty inner value
     * for an outcome whose start-up was not measured; {@link IllegalArgumentException} with
     * {@code field: rule} messages when it breaks a rule.
     */
    public Optional<Optional<OutcomeRecord>> parseRecord(String line, int lineNo) {
        List<String> errors = new ArrayList<>();
        LoggedOutcome logged = null;
        try {
            Optional<LoggedOutcome> o = parse(line, lineNo);
            if (o.isEmpty()) {
                return Optional.empty();
            }
            logged = o.get();
        } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON: " + Json.describe(e));
        }
        String prefix = "";
        if (root.has("detail-type")) {
            root = root.get("detail");
            prefix = "detail.";
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        JsonNode measured = root.path("measured");
        String at = measured.isObject() ? prefix + "measured." : prefix;
        JsonNode fields = measured.isObject() ? measured : root;
        double duration = number(fields, at, "duration_ms", errors);
        JsonNode startupNode = fields.get("startup_ms");
        boolean startupKnown = startupNode != null && !startupNode.isNull();
        double startup = startupKnown ? number(fields, at, "startup_ms", errors) : Double.NaN;
        double memory = number(fields, at, "memory_mb", errors);
        double vcpu = number(fields, at, "vcpu", errors);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        if (!startupKnown) {
            return Optional.of(Optional.empty());
        }
        // a plain line says ok/failure; an event says status/error
        boolean ok;
        String failure;
        if (root.has("status")) {
            ok = Outcome.SUCCEEDED.equals(root.get("status").asText());
            failure = ok ? null : root.path("error").asText(Outcome.INTERRUPTED.equals(root.get("status").asText())
                    ? Outcome.INTERRUPTED : null);
        } else {
            ok = root.path("ok").asBoolean(true);
            failure = root.path("failure").asText(null);
        }
        Job job = logged.job();
        if (job.jobId() == null) {
            // the trainer keeps the runs of one job together; a line without an id is a job of its own
            job = withJobId(root.get("job"), "line-" + lineNo);
        }
        double sloMs = fields.path("slo_ms").isNumber() ? fields.get("slo_ms").asDouble() : Sizing.sloMs(job);
        String source = fields.path("source").isTextual() ? fields.get("source").asText() : "outcomes";
        String model = root.path("model_version").isTextual() ? root.get("model_version").asText() : null;
        // where it ran: the option and attempt beside the status, architecture, capacity and peak memory with
        // the measurements (a plain record line has them all at its top level)
        String option = root.path("option").isTextual() ? root.get("option").asText() : null;
        Integer attempt = root.path("attempt").canConvertToInt() ? root.get("attempt").asInt() : null;
        Arch arch = fields.path("arch").isTextual() ? Arch.fromWire(fields.get("arch").asText()).orElse(null) : null;
        Capacity capacity = fields.path("capacity").isTextual()
                ? Capacity.fromWire(fields.get("capacity").asText()).orElse(null) : null;
        Integer interruptions;
        if (root.has("status")) {
            interruptions = Outcome.INTERRUPTED.equals(root.get("status").asText()) ? 1 : 0;
        } else {
            interruptions = fields.path("interruptions").canConvertToInt() ? fields.get("interruptions").asInt() : null;
        }
        Double maxMemory = fields.path("max_memory_used_mb").isNumber() ? fields.get("max_memory_used_mb").asDouble()
                : null;
        return Optional.of(Optional.of(new OutcomeRecord(job, logged.platform(), ok, failure, duration, startup,
                (int) Math.round(memory), vcpu, logged.billedUsd(), sloMs, logged.sloMet(), source, model,
                logged.propensityLogged() ? logged.propensity() : null)
                .withRun(option, arch, capacity, interruptions, attempt, maxMemory)));
    }

    private Job withJobId(JsonNode jobNode, String id) {
        ObjectNode copy = ((ObjectNode) jobNode).deepCopy();
        copy.put("job_id", id);
        return ((JobParseResult.Valid) validator.parse(Json.write(copy))).job();
    }

    /** A finite number >= 0 at {@code field}, or NaN with an error. */
    private static double number(JsonNode fields, String at, String field, List<String> errors) {
        JsonNode n = fields.get(field);
        if (n == null || !n.isNumber() || !Double.isFinite(n.asDouble()) || n.asDouble() < 0) {
            errors.add(at + field + ": required for training, a finite number >= 0" + (n == null ? "" : " (got " + n
                    + ")"));
            return Double.NaN;
        }
        return n.asDouble();
    }

    /** Reads every line; {@link InvalidLines} naming each bad line when any is bad. */
    public Read read(BufferedReader in, String source) throws IOException {
        List<LoggedOutcome> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int skipped = 0;
        int lineNo = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                Optional<LoggedOutcome> o = parse(line, lineNo);
                if (o.isPresent()) {
                    out.add(o.get());
                } else {
                    skipped++;
                }
            } catch (IllegalArgumentException e) {
                errors.add("line " + lineNo + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw invalidLines(source, errors, "nothing was estimated (dropping lines would bias the estimates)");
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no outcomes" + (skipped > 0 ? " (" + skipped
                    + " event lines of other types: decisions and rejections carry no outcome)" : ""));
        }
        return new Read(List.copyOf(out), skipped);
    }

    /**
     * One line: the outcome, or empty for an event of another detail-type;
     * {@link IllegalArgumentException} with {@code field: rule} messages when it breaks a rule.
     */
    public Optional<LoggedOutcome> parse(String line, int lineNo) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON: " + Json.describe(e));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("must be a JSON object");
        }
        String prefix = "";
        if (root.has("detail-type")) {
            if (!EventTypes.JOB_COMPLETED.equals(root.get("detail-type").asText())) {
                return Optional.empty();
            }
            root = root.get("detail");
            prefix = "detail.";
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("detail: required, an object (the JobCompleted outcome)");
            }
        }
        JsonNode measured = root.path("measured");
        String measuredPrefix = measured.isObject() ? prefix + "measured." : prefix;
        JsonNode fields = measured.isObject() ? measured : root;
        List<String> errors = new ArrayList<>();

        Job job = null;
        JsonNode jobNode = root.get("job");
        if (jobNode == null || !jobNode.isObject()) {
            errors.add(prefix + "job: required, an object with the job's fields (workload_type, payload_size_kb, ...)");
        } else {
            JobParseResult r = validator.parse(Json.write(jobNode));
            if (r instanceof JobParseResult.Valid v) {
                job = v.job();
            } else {
                for (String m : ((JobParseResult.Invalid) r).messages()) {
                    errors.add(prefix + "job." + m);
                }
            }
        }
        JsonNode platformNode = fields.has("platform") ? fields.get("platform") : root.get("platform");
        String platformField = fields.has("platform") ? measuredPrefix + "platform" : prefix + "platform";
        Platform platform = null;
        if (platformNode == null || !platformNode.isTextual()) {
            errors.add(platformField + ": required, lambda or ecs");
        } else {
            platform = Platform.fromWire(platformNode.asText()).orElse(null);
            if (platform == null) {
                errors.add(platformField + ": must be lambda or ecs (got \"" + platformNode.asText() + "\")");
            }
        }
        JsonNode billedNode = fields.get("billed_usd");
        double billed = Double.NaN;
        if (billedNode == null || !billedNode.isNumber() || !(billedNode.asDouble() >= 0)
                || !Double.isFinite(billedNode.asDouble())) {
            errors.add(measuredPrefix + "billed_usd: required, a finite number >= 0"
                    + (billedNode == null ? "" : " (got " + billedNode + ")"));
        } else {
            billed = billedNode.asDouble();
        }
        // an interrupted attempt did not complete: it met nothing, and its time is in the next attempt's
        boolean interrupted = Outcome.INTERRUPTED.equals(root.path("status").asText(null));
        JsonNode sloNode = fields.get("slo_met");
        if ((sloNode == null && !interrupted) || (sloNode != null && !sloNode.isBoolean())) {
            errors.add(measuredPrefix + "slo_met: required, true or false" + (sloNode == null ? "" : " (got " + sloNode
                    + ")"));
        }
        JsonNode optionNode = root.get("option");
        String option = null;
        if (optionNode != null && !optionNode.isNull()) {
            if (!optionNode.isTextual() || !RunOption.ID.matcher(optionNode.asText()).matches()) {
                errors.add(prefix + "option: must be an option id such as lambda-arm64-1769mb (got " + optionNode + ")");
            } else {
                option = optionNode.asText();
            }
        }
        JsonNode attemptNode = root.get("attempt");
        int attempt = 1;
        if (attemptNode != null && !attemptNode.isNull()) {
            if (!attemptNode.canConvertToExactIntegral() || attemptNode.asInt() < 1
                    || attemptNode.asInt() > MAX_ATTEMPTS) {
                errors.add(prefix + "attempt: must be a whole number from 1 to " + MAX_ATTEMPTS
                        + " (got " + attemptNode + ")");
            } else {
                attempt = attemptNode.asInt();
            }
        }
        JsonNode propensityNode = root.get("propensity");
        double propensity = 1.0;
        if (propensityNode != null && !propensityNode.isNull()) {
            if (!propensityNode.isNumber() || !(propensityNode.asDouble() > 0 && propensityNode.asDouble() <= 1)) {
                errors.add(prefix + "propensity: must be a number in (0, 1] (got " + propensityNode + ")");
            } else {
                propensity = propensityNode.asDouble();
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return Optional.of(new LoggedOutcome(lineNo, job, platform, propensity,
                propensityNode != null && !propensityNode.isNull(), billed, sloNode != null && sloNode.asBoolean(),
                option, attempt));
    }

    /** Writes outcomes as plain outcome lines (the job without its payload). */
    public static void write(List<LoggedOutcome> outcomes, Writer out) {
        try {
            for (LoggedOutcome o : outcomes) {
                ObjectNode line = Json.object();
                line.set("job", Json.MAPPER.valueToTree(o.job().withPayload(null)));
                line.put("platform", o.platform().wireName());
                if (o.propensityLogged()) {
                    line.put("propensity", o.propensity());
                }
                line.put("billed_usd", o.billedUsd());
                line.put("slo_met", o.sloMet());
                if (o.option() != null) {
                    line.put("option", o.option());
                }
                if (o.attempt() > 1) {
                    line.put("attempt", o.attempt());
                }
                out.write(Json.write(line));
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One outcome per job: the attempts of a job that Fargate Spot interrupted (the same {@code job_id},
     * attempts 1 to 3) become one outcome billed for all of them, at the first attempt's line, platform,
     * option and propensity (re-runs follow a fixed rule, Spot then on-demand, not the router's choice),
     * meeting the objective as the last attempt did. An attempt logged twice (an event delivered twice) is
     * counted once. Outcomes without a job id, and jobs logged once, are kept as they are, in file order.
     */
    public static List<LoggedOutcome> perJob(List<LoggedOutcome> attempts) {
        Map<String, List<LoggedOutcome>> byJob = new LinkedHashMap<>();
        List<Object> order = new ArrayList<>();
        for (LoggedOutcome o : attempts) {
            String id = o.job().jobId();
            if (id == null) {
                order.add(o);
                continue;
            }
            List<LoggedOutcome> runs = byJob.get(id);
            if (runs == null) {
                runs = new ArrayList<>();
                byJob.put(id, runs);
                order.add(id);
            }
            final int attempt = o.attempt();
            if (runs.stream().noneMatch(r -> r.attempt() == attempt)) {
                runs.add(o);
            }
        }
        List<LoggedOutcome> out = new ArrayList<>(order.size());
        for (Object key : order) {
            if (key instanceof LoggedOutcome o) {
                out.add(o);
                continue;
            }
            List<LoggedOutcome> runs = byJob.get((String) key);
            if (runs.size() == 1) {
                out.add(runs.get(0));
                continue;
            }
            runs.sort(Comparator.comparingInt(LoggedOutcome::attempt));
            LoggedOutcome first = runs.get(0);
            LoggedOutcome last = runs.get(runs.size() - 1);
            double billed = runs.stream().mapToDouble(LoggedOutcome::billedUsd).sum();
            out.add(new LoggedOutcome(first.line(), first.job(), first.platform(), first.propensity(),
                    first.propensityLogged(), billed, last.sloMet(), first.option(), first.attempt()));
        }
        return out;
    }

    /** Every broken line of a file, the first {@code MAX_LISTED} listed, and what was not done because of them. */
    private static InvalidLines invalidLines(String source, List<String> errors, String consequence) {
        String summary = source + ": " + errors.size() + (errors.size() == 1 ? " line breaks" : " lines break")
                + " the outcome rules; " + consequence;
        List<String> listed = new ArrayList<>(errors.subList(0, Math.min(MAX_LISTED, errors.size())));
        if (errors.size() > MAX_LISTED) {
            listed.add("... and " + (errors.size() - MAX_LISTED) + " more");
        }
        return new InvalidLines(summary, listed);
    }
}
