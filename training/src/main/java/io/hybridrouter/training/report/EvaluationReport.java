package io.hybridrouter.training.report;

import io.hybridrouter.training.Calibration;
import io.hybridrouter.training.EvaluationResult;
import io.hybridrouter.training.Evaluator;
import io.hybridrouter.training.EvaluationResult.StrategyResult;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Writes an evaluation as a readable table, a markdown report and PNG charts (cost and p50/p95 latency
 * per strategy; the reliability of the router's confidence when it was scored). Stateless and thread-safe.
 */
public final class EvaluationReport {

    public static final String MARKDOWN = "report.md";
    public static final String CHART = "strategies.png";
    public static final String CALIBRATION_CHART = "calibration.png";

    private EvaluationReport() {
    }

    /** The table printed by {@code router evaluate}. */
    public static String table(EvaluationResult r) {
        StringBuilder sb = new StringBuilder();
        if (Boolean.FALSE.equals(r.scoredOnOptions())) {
            sb.append(NOT_SCORED_ON_OPTIONS).append(System.lineSeparator()).append(System.lineSeparator());
        }
        sb.append(String.format(Locale.ROOT, "%-19s %12s %14s %12s %12s %8s %10s %9s%n", "strategy", "cost_usd",
                "usd_per_1M", "p50_ms", "p95_ms", "slo_viol", "infeasible", "interrupt"));
        for (Map.Entry<String, StrategyResult> e : r.strategies().entrySet()) {
            StrategyResult s = e.getValue();
            sb.append(String.format(Locale.ROOT, "%-19s %12.4f %14.2f %12.1f %12.1f %8d %10d %9d%n", e.getKey(),
                    s.costUsd(), s.costPerMillionUsd(), s.p50LatencyMs(), s.p95LatencyMs(), s.sloViolations(),
                    s.infeasible(), s.interruptions()));
        }
        double cheaperSingle = Math.min(r.strategies().get("lambda-only").costUsd(),
                r.strategies().get("ecs-only").costUsd());
        sb.append(String.format(Locale.ROOT,
                "%njobs %,d  model %s  regret vs oracle %.4f  hybrid / cheaper single platform %.3f%n",
                r.jobs(), r.modelVersion(), r.regret(), r.strategies().get(Evaluator.HYBRID).costUsd() / cheaperSingle));
        sb.append(accuracyLine(r)).append(System.lineSeparator());
        if (r.hybridVsHybrid2() != null) {
            sb.append(hybrid2Line(r)).append(System.lineSeparator());
        }
        sb.append(bestBaselineLine(r)).append(System.lineSeparator());
        if (r.spotOffered() != null) {
            sb.append(spotLine(r)).append(System.lineSeparator());
        }
        StrategyResult hybrid = r.strategies().get(Evaluator.HYBRID);
        if (hybrid.options() != null) {
            sb.append("hybrid by option (jobs, cost_usd): ").append(split(hybrid, TOP_OPTIONS))
                    .append(System.lineSeparator());
        }
        if (r.tableThresholdsKb() != null) {
            sb.append("table thresholds (Lambda below, KB; - = none): ").append(thresholds(r.tableThresholdsKb()))
                    .append(System.lineSeparator());
        }
        if (r.calibration() != null) {
            sb.append(String.format(Locale.ROOT, "confidence (platform): Brier %.4f, ECE %.4f over %,d decisions; "
                    + "reliability (bin: decisions, mean confidence -> observed): %s%n", r.calibration().brier(),
                    r.calibration().ece(), r.calibration().decisions(), reliability(r.calibration())));
        }
        sb.append(String.format(Locale.ROOT,
                "router overhead per 1M jobs: $%.3f (classifier Lambda $%.3f, SQS $%.3f, EventBridge $%.3f); "
                        + "median decision %.1f us (single calls timed during this run, all options on the menu; "
                        + "bench/ has the steady-state JMH figure)%n",
                r.overhead().totalUsd(), r.overhead().classifierLambdaUsd(), r.overhead().sqsUsd(),
                r.overhead().eventBridgeUsd(), r.decideMicros()));
        return sb.toString();
    }

    /** How many options the split lists before summing up the rest. */
    static final int TOP_OPTIONS = 12;

    /** Accuracy against the all-options oracle, in words. */
    static String accuracyLine(EvaluationResult r) {
        if (r.optionAccuracy() == null) {
            return String.format(Locale.ROOT, "accuracy vs oracle (platform) %.4f", r.accuracy());
        }
        return String.format(Locale.ROOT, "accuracy vs oracle: option %.4f, platform %.4f", r.optionAccuracy(),
                r.accuracy());
    }

    /** hybrid vs hybrid-2, in words. */
    static String hybrid2Line(EvaluationResult r) {
        return String.format(Locale.ROOT, "hybrid / hybrid-2 cost %.4f (SLO violations: hybrid %d, hybrid-2 %d)",
                r.hybridVsHybrid2(), r.strategies().get(Evaluator.HYBRID).sloViolations(),
                r.strategies().get(Evaluator.HYBRID_2).sloViolations());
    }

    /** Said first, in the table and the report, when the jobs were not simulated on the options. */
    public static final String NOT_SCORED_ON_OPTIONS = "warning: these jobs have no simulated run per option (a data "
            + "set written by `generate` keeps only the sized pair), so hybrid and oracle are priced as their "
            + "platform's sized run and hybrid / hybrid-2 says nothing about options; use --generate N --seed S";

    static String spotLine(EvaluationResult r) {
        if (Boolean.FALSE.equals(r.scoredOnOptions())) {
            return "Fargate Spot: not simulated (no run per option in these jobs)";
        }
        return spotLine(Boolean.TRUE.equals(r.spotOffered()), r.spotInterruptionsPerHour());
    }

    /** Whether Fargate Spot was offered and, if so, at what simulated interruption rate. */
    static String spotLine(boolean offered, Double interruptionsPerHour) {
        return offered
                ? String.format(Locale.ROOT, "Fargate Spot: offered; simulated interruptions %.3f per task-hour",
                        interruptionsPerHour)
                : "Fargate Spot: not offered (the price table has no fargate_spot section, or --no-spot)";
    }

    /** The first {@code top} options of a split, then the rest summed. */
    static String split(StrategyResult s, int top) {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        int restJobs = 0;
        double restCost = 0;
        for (Map.Entry<String, EvaluationResult.OptionShare> e : s.options().entrySet()) {
            if (n++ < top) {
                sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                        .append(String.format(Locale.ROOT, "%d $%.4f", e.getValue().jobs(), e.getValue().costUsd()));
            } else {
                restJobs += e.getValue().jobs();
                restCost += e.getValue().costUsd();
            }
        }
        if (n > top) {
            sb.append(String.format(Locale.ROOT, ", %d more options %d $%.4f", n - top, restJobs, restCost));
        }
        return sb.toString();
    }

    /** hybrid vs the cheapest baseline that has no more SLO violations, in words. */
    static String bestBaselineLine(EvaluationResult r) {
        if (r.bestBaseline() == null) {
            return "hybrid_vs_best_baseline: none (every baseline has more SLO violations than hybrid's "
                    + r.strategies().get(Evaluator.HYBRID).sloViolations() + ")";
        }
        return String.format(Locale.ROOT, "hybrid_vs_best_baseline %.4f (best baseline: %s, the cheapest with no more "
                + "SLO violations than hybrid: %d vs %d)", r.hybridVsBestBaseline(), r.bestBaseline(),
                r.strategies().get(r.bestBaseline()).sloViolations(), r.strategies().get("hybrid").sloViolations());
    }

    private static String thresholds(Map<String, Double> t) {
        StringBuilder sb = new StringBuilder();
        t.forEach((type, kb) -> sb.append(sb.length() == 0 ? "" : ", ").append(type).append(' ')
                .append(kb == null ? "-" : String.format(Locale.ROOT, "%,.0f", kb)));
        return sb.toString();
    }

    private static String reliability(Calibration c) {
        StringBuilder sb = new StringBuilder();
        for (Calibration.Bin b : c.bins()) {
            if (b.count() > 0) {
                sb.append(sb.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "[%.1f,%.1f%s %d, %.3f -> %.3f",
                        b.from(), b.to(), b.to() >= 1 ? "]" : ")", b.count(), b.meanConfidence(), b.observed()));
            }
        }
        return sb.toString();
    }

    /**
     * Creates and returns a new report folder {@code <parent>/<prefix>-<yyyyMMdd-HHmmss>}, with
     * {@code -2}, {@code -3}... appended when that name is taken: two runs in the same second, even in
     * two processes, never share a folder (creating a folder is atomic).
     */
    public static Path newFolder(Path parent, String prefix, LocalDateTime now) throws IOException {
        Files.createDirectories(parent);
        String base = prefix + "-" + now.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        for (int n = 1; ; n++) {
            Path dir = parent.resolve(n == 1 ? base : base + "-" + n);
            try {
                return Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                // taken by an earlier run in the same second: try the next suffix
            }
        }
    }

    /** Writes {@value #MARKDOWN} and {@value #CHART} into {@code dir}. */
    public static void write(EvaluationResult r, Path dir, String source) throws IOException {
        Files.createDirectories(dir);
        writeChart(r, dir.resolve(CHART));
        StringBuilder md = new StringBuilder();
        md.append("# Routing evaluation\n\n");
        md.append("Jobs: ").append(r.jobs()).append(" (").append(source).append("). Model: `")
                .append(r.modelVersion()).append("`.\n\n");
        if (Boolean.FALSE.equals(r.scoredOnOptions())) {
            md.append("**").append(NOT_SCORED_ON_OPTIONS.replace("warning: t", "T")).append(".**\n\n");
        }
        md.append("| strategy | cost (USD) | per 1M jobs (USD) | p50 latency (ms) | p95 latency (ms) | SLO violations "
                + "| infeasible | Spot interruptions | to Lambda | to ECS |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, StrategyResult> e : r.strategies().entrySet()) {
            StrategyResult s = e.getValue();
            md.append(String.format(Locale.ROOT, "| %s | %.4f | %.2f | %.1f | %.1f | %d | %d | %d | %d | %d |%n",
                    e.getKey(), s.costUsd(), s.costPerMillionUsd(), s.p50LatencyMs(), s.p95LatencyMs(),
                    s.sloViolations(), s.infeasible(), s.interruptions(), s.platforms().get("lambda"),
                    s.platforms().get("ecs")));
        }
        md.append("\n`hybrid-2` is the router choosing between the sized pair only (Lambda x86_64 at the job's sized "
                + "memory, on-demand Fargate at its sized task: the router before options); `hybrid` chooses among "
                + "every option the price table offers. `oracle` knows each job's outcome on every option, "
                + "`oracle-2` on the sized pair. The baselines run on the sized pair.\n");
        md.append(String.format(Locale.ROOT, "%n%s. Regret (hybrid / oracle - 1): **%.4f**.%n",
                accuracyLine(r).replace("accuracy vs oracle", "Accuracy vs oracle"), r.regret()));
        if (r.hybridVsHybrid2() != null) {
            md.append("\n").append(hybrid2Line(r).replace("hybrid / hybrid-2 cost", "Hybrid / hybrid-2 cost:"))
                    .append(".\n");
        }
        if (r.spotOffered() != null) {
            md.append("\n").append(spotLine(r)).append(".\n");
        }
        StrategyResult hybridResult = r.strategies().get(Evaluator.HYBRID);
        if (hybridResult.options() != null) {
            md.append("\n`hybrid` by option:\n\n| option | jobs | cost (USD) |\n|---|---:|---:|\n");
            hybridResult.options().forEach((option, share) -> md.append(String.format(Locale.ROOT,
                    "| %s | %d | %.4f |%n", option, share.jobs(), share.costUsd())));
        }
        md.append("\n").append(bestBaselineLine(r).replace("hybrid_vs_best_baseline", "Hybrid vs best baseline:"))
                .append(". Baselines: ").append(String.join(", ", Evaluator.BASELINES))
                .append(" (`table` only when fitted on training data).\n");
        if (r.tableThresholdsKb() != null) {
            md.append("\n`table`: limits first (ECS), then Lambda when `payload_size_kb` is below the type's threshold, "
                    + "fitted on the training data (per type, the cheapest split with no more SLO violations than "
                    + "`lambda-unless-limit` there):\n\n| workload type | Lambda below (KB) |\n|---|---:|\n");
            r.tableThresholdsKb().forEach((type, kb) -> md.append("| ").append(type).append(" | ")
                    .append(kb == null ? "none (Lambda unless a limit binds)" : String.format(Locale.ROOT, "%,.0f", kb))
                    .append(" |\n"));
        }
        md.append("\nHybrid decisions by reason: ").append(r.reasons()).append(".\n");
        if (r.calibration() != null) {
            Calibration c = r.calibration();
            md.append(String.format(Locale.ROOT, "%n## Calibration of `confidence` (platform)%n%nOutcome: %s. Brier score **%.4f**, "
                    + "expected calibration error %.4f, %,d decisions.%n%n", c.outcome(), c.brier(), c.ece(),
                    c.decisions()));
            md.append("| confidence | decisions | mean confidence | observed |\n|---|---:|---:|---:|\n");
            for (Calibration.Bin b : c.bins()) {
                md.append(String.format(Locale.ROOT, "| %.1f–%.1f | %d | %s | %s |%n", b.from(), b.to(), b.count(),
                        b.meanConfidence() == null ? "" : String.format(Locale.ROOT, "%.3f", b.meanConfidence()),
                        b.observed() == null ? "" : String.format(Locale.ROOT, "%.3f", b.observed())));
            }
            writeReliabilityChart(c, dir.resolve(CALIBRATION_CHART));
            md.append("\n![reliability: observed frequency against mean confidence per bin](").append(CALIBRATION_CHART)
                    .append(")\n");
        }
        md.append(String.format(Locale.ROOT, "%nRouter overhead per 1M jobs: $%.3f — classifier Lambda $%.3f, "
                + "SQS $%.3f, EventBridge $%.3f (median decision %.1f µs with every option on the menu; "
                + "target ≤ 20 µs).%n", r.overhead().totalUsd(),
                r.overhead().classifierLambdaUsd(), r.overhead().sqsUsd(), r.overhead().eventBridgeUsd(),
                r.decideMicros()));
        md.append("\n![cost and p95 latency per strategy](").append(CHART).append(")\n");
        md.append("\nA job sent where it cannot run (over 15 minutes, 10,240 MB or 10 GB of /tmp on Lambda) costs "
                + "the failed attempt plus the run on the other platform, adds both latencies, and counts as "
                + "infeasible and as an SLO violation; an option that cannot hold the job (out of memory) costs the "
                + "failed attempt plus the job's sized on-demand Fargate run. Fargate Spot interruptions re-run the "
                + "job (on-demand after the second), every attempt billed and timed.\n");
        Files.writeString(dir.resolve(MARKDOWN), md.toString());
    }

    private static void writeReliabilityChart(Calibration c, Path file) throws IOException {
        XYSeries observed = new XYSeries("observed");
        XYSeries perfect = new XYSeries("perfectly calibrated");
        perfect.add(0, 0);
        perfect.add(1, 1);
        for (Calibration.Bin b : c.bins()) {
            if (b.count() > 0) {
                observed.add(b.meanConfidence(), b.observed());
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(observed);
        data.addSeries(perfect);
        JFreeChart chart = ChartFactory.createXYLineChart("Reliability of confidence", "mean confidence",
                "observed frequency", data, PlotOrientation.VERTICAL, true, false, false);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 600, 500);
    }

    private static void writeChart(EvaluationResult r, Path file) throws IOException {
        DefaultCategoryDataset cost = new DefaultCategoryDataset();
        DefaultCategoryDataset p95 = new DefaultCategoryDataset();
        for (Map.Entry<String, StrategyResult> e : r.strategies().entrySet()) {
            cost.addValue(e.getValue().costPerMillionUsd(), "USD per 1M jobs", e.getKey());
            p95.addValue(e.getValue().p50LatencyMs() / 1000.0, "p50", e.getKey());
            p95.addValue(e.getValue().p95LatencyMs() / 1000.0, "p95", e.getKey());
        }
        JFreeChart costChart = ChartFactory.createBarChart("Cost per 1M jobs", "strategy", "USD", cost,
                PlotOrientation.VERTICAL, false, false, false);
        JFreeChart latencyChart = ChartFactory.createBarChart("Latency, p50 and p95", "strategy", "seconds", p95,
                PlotOrientation.VERTICAL, true, false, false);
        int width = 1200;
        int height = 500;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            costChart.draw(g, new Rectangle2D.Double(0, 0, width / 2.0, height));
            latencyChart.draw(g, new Rectangle2D.Double(width / 2.0, 0, width / 2.0, height));
        } finally {
            g.dispose();
        }
        // through our own stream: given a File, ImageIO prints the stack trace of a file it cannot open to
        // stderr and reports only "Can't create an ImageOutputStream!"
        try (OutputStream out = Files.newOutputStream(file)) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException(file + ": no PNG writer in this JVM");
            }
        }
    }
}
