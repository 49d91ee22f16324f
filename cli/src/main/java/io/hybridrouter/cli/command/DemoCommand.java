package io.hybridrouter.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.ingest.JobProducer;
import io.hybridrouter.localstack.embedded.EmbeddedStack;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.events.Backoff;
import io.hybridrouter.shared.events.EventTypes;
import io.hybridrouter.shared.option.RunOptions;
import io.hybridrouter.training.EvaluationResult;
import io.hybridrouter.training.Evaluator;
import io.hybridrouter.training.PayloadThresholdTable;
import io.hybridrouter.training.report.EvaluationReport;
import io.hybridrouter.training.sim.CostModel;
import io.hybridrouter.training.sim.JobGenerator;
import io.hybridrouter.training.sim.Simulation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * {@code router demo}: the embedded stack end to end on generated jobs: submit through the SQS
 * API, wait for every outcome, compare what the router did with lambda-only, ecs-only and oracle, and
 * show what ran on each option (runs, jobs, cost, SLO met, Spot interruptions). With {@code --learn}, rounds of jobs with a router retrained after each ({@link LearnDemo}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole router locally on generated jobs and report cost, latency and throughput.",
            "",
            "With --learn: K rounds of N fresh jobs through the embedded stack. Round 1 uses the model; after each "
                + "round the learning router is retrained on simulator data plus every outcome so far and decides "
                + "with the new model without a restart; a static router (the model, never retrained) decides the "
                + "same jobs. Both are measured against the truth: the simulator with --drift applied, both "
                + "platforms per job, because regret against the oracle needs both and one machine cannot measure "
                + "AWS. The outcome the learning router learns from is the drifted simulator's run on the platform "
                + "it chose (written to outcomes.jsonl, as `train --outcomes` reads it). Price drift reaches both "
                + "routers through the price table in force, as a price change would on AWS; the other drifts "
                + "reach the learning router only through its outcomes."})
public final class DemoCommand implements Callable<Integer> {

    /** Give up when nothing has happened for this long. */
    static final long STALL_MS = 60_000;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--jobs", defaultValue = "1000", paramLabel = "N", description = "Jobs to submit (default: ${DEFAULT-VALUE}); 1 in 100 is deliberately invalid.")
    int jobs;

    @Option(names = "--seed", defaultValue = "7", paramLabel = "S", description = "Seed of the generated jobs (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Where to write report.md and strategies.png (default: a new reports/demo-<time>; with --learn report.md, regret.png and outcomes.jsonl in a new reports/learn-<time>).")
    Path reportDir;

    @Option(names = "--learn", description = "Rounds of jobs with a router retrained after each, against a static one, under --drift.")
    boolean learn;

    @Option(names = "--rounds", paramLabel = "K", description = "With --learn: rounds of --jobs fresh jobs each (default: 5).")
    Integer rounds;

    @Option(names = "--drift", paramLabel = "SPEC", description = "With --learn: how the truth differs from the simulator, a comma list of "
            + "<workload_type|*>.duration*F, <workload_type|*>.memory*F, <lambda|ecs>.startup*F, <lambda|ecs>.price*F "
            + "(e.g. data_etl.duration*3,ecs.price*0.5).")
    String drift;

    @Option(names = "--explore-rate", paramLabel = "X", description = "With --learn: the learning router's exploration rate in round 1, 1/k of it in round k (default: "
            + LearnDemo.DEFAULT_EXPLORE_RATE + ").")
    Double exploreRate;

    @Option(names = "--prior-jobs", paramLabel = "N", description = "With --learn: simulator jobs the learning router keeps "
            + "training on besides its outcomes (default: " + LearnDemo.PRIOR_JOBS + ", the bundled model's training set size).")
    Integer priorJobs;

    @Option(names = "--json", description = "Print the summary as JSON (with --learn: the per-round figures).")
    boolean json;

    @Option(names = "--spot-interruptions-per-hour", paramLabel = "R", description = "Fargate Spot interruptions per "
            + "task-hour of simulated Fargate time in the embedded stack; an interrupted job is re-run, Spot again then "
            + "on-demand (default: " + EmbeddedStack.DEFAULT_SPOT_INTERRUPTIONS_PER_HOUR + "; 0: none; at most "
            + UpCommand.MAX_SPOT_INTERRUPTIONS_PER_HOUR + ").")
    Double spotInterruptionsPerHour;

    /** Each job's first decision (a re-run's decision is counted in {@link #reruns}). */
    private final Map<String, JsonNode> decisions = new ConcurrentHashMap<>();
    /** Each job's last outcome: a completed run, or the interruption of its last attempt. */
    private final Map<String, JsonNode> outcomes = new ConcurrentHashMap<>();
    /** Every run's outcome, interrupted attempts included. */
    private final List<JsonNode> runs = new CopyOnWriteArrayList<>();
    private final AtomicInteger reruns = new AtomicInteger();
    private final Map<String, Long> doneAt = new ConcurrentHashMap<>();
    private final AtomicInteger rejected = new AtomicInteger();
    private final AtomicInteger failedTargets = new AtomicInteger();

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (jobs <= 0) {
            throw new UsageError("--jobs must be a positive number, got " + jobs);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (learn) {
            if (spotInterruptionsPerHour != null) {
                throw new UsageError("--spot-interruptions-per-hour does not go with --learn (it runs no Spot tasks)");
            }
            if (drift == null) {
                throw new UsageError("--learn needs --drift SPEC (" + "e.g. data_etl.duration*3" + ")");
            }
            return LearnDemo.run(modelOptions, rounds == null ? 5 : rounds, drift, jobs, seed,
                    exploreRate == null ? LearnDemo.DEFAULT_EXPLORE_RATE : exploreRate,
                    priorJobs == null ? LearnDemo.PRIOR_JOBS : priorJobs, json, reportDir,
                    "router " + String.join(" ", spec.commandLine().getParseResult().originalArgs()), out, err);
        }
        if (rounds != null || drift != null || exploreRate != null || priorJobs != null) {
            throw new UsageError("--rounds, --drift, --explore-rate and --prior-jobs go with --learn");
        }
        double spotRate = UpCommand.spotInterruptionsPerHour(spotInterruptionsPerHour);
        int invalidCount = jobs / 100;
        List<Job> valid = new JobGenerator().generate(jobs - invalidCount, seed);
        List<String> invalid = invalidJobs(invalidCount);

        long t0 = System.nanoTime();
        JobRouter router = modelOptions.component().router();
        try (EmbeddedStack stack = EmbeddedStack.start(0, modelOptions.config(), router, this::record, spotRate)) {
            err.printf("embedded stack up at %s; submitting %,d jobs (%,d of them invalid on purpose)%n",
                    stack.endpoint(), jobs, invalidCount);
            Map<String, Long> submittedAt = new ConcurrentHashMap<>();
            JobProducer producer = new JobProducer(stack.sqs(), stack.jobsQueueUrl(), Backoff.DEFAULT,
                    Backoff.Sleeper.REAL, new JobValidator());
            long submitStart = System.nanoTime();
            valid.forEach(j -> submittedAt.put(j.jobId(), submitStart));
            List<JobProducer.Result> results = producer.send(valid);
            long notSent = results.stream().filter(r -> r.status() != JobProducer.Status.SENT).count();
            if (notSent > 0) {
                throw new IllegalStateException(notSent + " jobs were not accepted by the embedded queue");
            }
            sendRaw(stack, invalid);

            Progress progress = new Progress(err, "jobs done", jobs);
            long lastChange = System.currentTimeMillis();
            int last = -1;
            CompletableFuture<String> died = stack.died();
            while (accounted() < jobs) {
                if (died.isDone()) {
                    throw new IllegalStateException(died.join() + "; " + accounted() + " of " + jobs
                            + " jobs accounted for");
                }
                int now = accounted();
                if (now != last) {
                    last = now;
                    lastChange = System.currentTimeMillis();
                    progress.update(now);
                } else if (System.currentTimeMillis() - lastChange > STALL_MS) {
                    throw new IllegalStateException("no progress for " + STALL_MS / 1000 + " s: " + decisions.size()
                            + " decided, " + outcomes.size() + " outcomes, " + rejected.get() + " rejected of " + jobs);
                }
                Thread.sleep(50);
            }
            progress.done();
            double wallS = (System.nanoTime() - t0) / 1e9;
            summarize(out, valid, submittedAt, wallS, invalidCount, router, stack.spotInterruptions());
        }
        return 0;
    }

    private int accounted() {
        return outcomes.size() + rejected.get() + failedTargets.get();
    }

    private void record(ObjectNode event) {
        String type = event.path("detail-type").asText();
        JsonNode detail = event.get("detail");
        switch (type) {
            case EventTypes.ROUTING_DECISION -> {
                if (detail.path("attempt").asInt(1) > 1) {
                    reruns.incrementAndGet();
                } else {
                    decisions.put(detail.get("job_id").asText(), detail);
                }
            }
            case EventTypes.JOB_COMPLETED -> {
                runs.add(detail);
                // an interrupted attempt is re-run: the job is done with its re-run, or with its last attempt
                if (!"interrupted".equals(detail.path("status").asText()) || detail.path("attempt").asInt(1) >= 3) {
                    outcomes.putIfAbsent(detail.get("job_id").asText(), detail);
                    doneAt.putIfAbsent(detail.get("job_id").asText(), System.nanoTime());
                }
            }
            case EventTypes.JOB_REJECTED -> rejected.incrementAndGet();
            default -> failedTargets.incrementAndGet();
        }
    }

    private static List<String> invalidJobs(int n) {
        String[] kinds = {"{\"workload_type\":\"data_etl\",\"payload_size_kb\":-1,\"time_window\":\"night\","
                + "\"load_pattern\":\"low_load\"}", "{\"payload_size_kb\":12}", "not json",
            "{\"workload_type\":\"video_transcoding\",\"payload_size_kb\":100,\"time_window\":\"noon\","
                + "\"load_pattern\":\"low_load\"}"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(kinds[i % kinds.length]);
        }
        return out;
    }

    /** Sends documents as a producer that does not validate would. */
    private static void sendRaw(EmbeddedStack stack, List<String> bodies) {
        for (int i = 0; i < bodies.size(); i += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int j = i; j < Math.min(bodies.size(), i + 10); j++) {
                entries.add(SendMessageBatchRequestEntry.builder().id("m" + j).messageBody(bodies.get(j)).build());
            }
            stack.sqs().sendMessageBatch(b -> b.queueUrl(stack.jobsQueueUrl()).entries(entries));
        }
    }

    /** What ran on one option: runs (interrupted attempts included), jobs that ended there, cost, SLO, interruptions. */
    static final class OptionSplit {
        int runs;
        int jobs;
        int sloMet;
        int interruptions;
        double costUsd;
    }

    /** Per option, in the declared order: what ran on it. */
    static Map<String, OptionSplit> optionSplit(List<JsonNode> runs) {
        Map<String, OptionSplit> split = new TreeMap<>();
        for (JsonNode o : runs) {
            OptionSplit s = split.computeIfAbsent(o.path("option").asText("unknown"), k -> new OptionSplit());
            s.runs++;
            s.costUsd += o.path("measured").path("billed_usd").asDouble();
            if ("interrupted".equals(o.path("status").asText())) {
                s.interruptions++;
            } else {
                s.jobs++;
                if (o.path("measured").path("slo_met").asBoolean()) {
                    s.sloMet++;
                }
            }
        }
        Map<String, OptionSplit> ordered = new LinkedHashMap<>();
        RunOptions.declared().all().forEach(o -> {
            if (split.containsKey(o.id())) {
                ordered.put(o.id(), split.remove(o.id()));
            }
        });
        ordered.putAll(split);
        return ordered;
    }

    /** The option split as text, one line per option used. */
    static String optionTable(Map<String, OptionSplit> split) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-28s %6s %6s %12s %9s %12s%n", "option",
                "runs", "jobs", "cost USD", "SLO met", "interrupted"));
        split.forEach((id, s) -> b.append(String.format(Locale.ROOT, "%-28s %,6d %,6d %12.6f %9s %,12d%n", id,
                s.runs, s.jobs, s.costUsd, s.jobs == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%",
                        100.0 * s.sloMet / s.jobs), s.interruptions)));
        return b.toString();
    }

    private void summarize(PrintWriter out, List<Job> valid, Map<String, Long> submittedAt, double wallS,
            int invalidCount, JobRouter router, int spotInterruptions) throws IOException {
        CostModel cost = new CostModel();
        List<Simulation> simulated = valid.stream().map(j -> cost.simulate(j, seed)).toList();
        Map<String, Platform> platforms = new ConcurrentHashMap<>();
        Map<String, String> decidedOptions = new ConcurrentHashMap<>();
        Map<String, Integer> reasons = new TreeMap<>();
        decisions.forEach((id, d) -> {
            platforms.put(id, Platform.fromWire(d.get("platform").asText()).orElseThrow());
            decidedOptions.put(id, d.get("option").asText());
            reasons.merge(d.get("reason").asText(), 1, Integer::sum);
        });
        // what the same jobs would cost on AWS, each on the option it was decided to (a re-run after a Spot
        // interruption is the simulator's to draw, not the local run's)
        EvaluationResult r = Evaluator.compareOptions(simulated, decidedOptions,
                decisions.values().iterator().next().get("model_version").asText(), reasons,
                decideMicros(valid, router), PayloadThresholdTable.fitForModel(router.model().metadata()));
        long succeeded = outcomes.values().stream().filter(o -> "succeeded".equals(o.get("status").asText())).count();
        double[] pipelineMs = submittedAt.entrySet().stream().filter(e -> doneAt.containsKey(e.getKey()))
                .mapToDouble(e -> (doneAt.get(e.getKey()) - e.getValue()) / 1e6).sorted().toArray();
        long toLambda = platforms.values().stream().filter(p -> p == Platform.LAMBDA).count();
        String pipeline = String.format(Locale.ROOT,
                "submitted %,d: decided %,d (lambda %,d, ecs %,d), rejected %,d (%,d sent invalid on purpose); "
                        + "outcomes %,d (%,d succeeded)%n"
                        + "wall time %.1f s, %.1f jobs/s; time from submit to outcome in this JVM: p50 %.0f ms, "
                        + "p95 %.0f ms%n",
                jobs, decisions.size(), toLambda, decisions.size() - toLambda, rejected.get(), invalidCount,
                outcomes.size(), succeeded, wallS, jobs / wallS, percentile(pipelineMs, 0.5),
                percentile(pipelineMs, 0.95));
        Map<String, OptionSplit> split = optionSplit(runs);
        String options = String.format(Locale.ROOT, "by option: %d options used; %,d Spot interruptions, %,d re-runs "
                + "(billed as each run's outcome says); SLO met is timed in this JVM, its queueing included (the "
                + "table below is what the same jobs would take on AWS)%n", split.size(), spotInterruptions,
                reruns.get()) + optionTable(split);
        if (json) {
            ObjectNode summary = Json.object();
            summary.put("submitted", jobs).put("decided", decisions.size()).put("rejected", rejected.get())
                    .put("outcomes", outcomes.size()).put("succeeded", succeeded).put("wall_s", wallS)
                    .put("jobs_per_s", jobs / wallS).put("pipeline_p50_ms", percentile(pipelineMs, 0.5))
                    .put("pipeline_p95_ms", percentile(pipelineMs, 0.95)).put("spot_interruptions", spotInterruptions)
                    .put("reruns", reruns.get()).put("options_used", split.size());
            summary.putObject("platforms").put("lambda", toLambda).put("ecs", decisions.size() - toLambda);
            ObjectNode byOption = summary.putObject("options");
            split.forEach((id, s) -> byOption.putObject(id).put("runs", s.runs).put("jobs", s.jobs)
                    .put("cost_usd", s.costUsd).put("slo_met", s.sloMet).put("interruptions", s.interruptions));
            out.println(Json.write(summary));
        } else {
            out.print(pipeline);
            out.println();
            out.print(options);
            out.println();
            out.println("what the same jobs would cost and take on AWS (cost model, docs/COST_MODEL.md):");
            out.print(EvaluationReport.table(r));
        }
        Path dir = reportDir != null ? reportDir : EvaluationReport.newFolder(Path.of("reports"), "demo",
                LocalDateTime.now());
        EvaluationReport.write(r, dir, "router demo --jobs " + jobs + " --seed " + seed
                + ", decisions made by the running pipeline");
        Files.writeString(dir.resolve(EvaluationReport.MARKDOWN), "\n## The local run\n\n" + pipeline.replace("\n",
                "\n\n") + "\n```\n" + options + "```\n", StandardOpenOption.APPEND);
        // with --json, stdout carries the JSON alone
        (json ? spec.commandLine().getErr() : out).println("report: " + dir.resolve(EvaluationReport.MARKDOWN)
                + " (chart: " + dir.resolve(EvaluationReport.CHART) + ")");
        if (decisions.size() + rejected.get() != jobs || outcomes.size() != decisions.size()) {
            throw new IllegalStateException("not every job is accounted for: " + decisions.size() + " decided + "
                    + rejected.get() + " rejected of " + jobs + " submitted, " + outcomes.size() + " outcomes");
        }
    }

    /** Median time of one decision (features, model, guardrails) over the demo's jobs, for the overhead estimate. */
    private static double decideMicros(List<Job> valid, JobRouter router) {
        long[] nanos = new long[valid.size()];
        for (int i = 0; i < valid.size(); i++) {
            long start = System.nanoTime();
            router.decide(valid.get(i));
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[nanos.length / 2] / 1000.0;
    }

    private static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1))];
    }
}
