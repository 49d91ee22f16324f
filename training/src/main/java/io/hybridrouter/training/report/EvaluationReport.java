package io.hybridrouter.training.report;

import io.hybridrouter.training.EvaluationResult;
import io.hybridrouter.training.EvaluationResult.StrategyResult;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/** Writes an evaluation as a readable table, a markdown report and a PNG chart (cost and p50/p95 latency per strategy). */
public final class EvaluationReport {

    public static final String MARKDOWN = "report.md";
    public static final String CHART = "strategies.png";

    private EvaluationReport() {
    }

    /** The table printed by {@code router evaluate}. */
    public static String table(EvaluationResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-12s %12s %14s %12s %12s %8s %10s%n", "strategy", "cost_usd",
                "usd_per_1M", "p50_ms", "p95_ms", "slo_viol", "infeasible"));
        for (Map.Entry<String, StrategyResult> e : r.strategies().entrySet()) {
            StrategyResult s = e.getValue();
            sb.append(String.format(Locale.ROOT, "%-12s %12.4f %14.2f %12.1f %12.1f %8d %10d%n", e.getKey(),
                    s.costUsd(), s.costPerMillionUsd(), s.p50LatencyMs(), s.p95LatencyMs(), s.sloViolations(),
                    s.infeasible()));
        }
        double cheaperSingle = Math.min(r.strategies().get("lambda-only").costUsd(),
                r.strategies().get("ecs-only").costUsd());
        sb.append(String.format(Locale.ROOT,
                "%njobs %,d  model %s  accuracy vs oracle %.4f  regret %.4f  hybrid / cheaper single platform %.3f%n",
                r.jobs(), r.modelVersion(), r.accuracy(), r.regret(),
                r.strategies().get("hybrid").costUsd() / cheaperSingle));
        sb.append(String.format(Locale.ROOT,
                "router overhead per 1M jobs: $%.3f (classifier Lambda $%.3f, SQS $%.3f, EventBridge $%.3f); "
                        + "median decision %.1f us%n",
                r.overhead().totalUsd(), r.overhead().classifierLambdaUsd(), r.overhead().sqsUsd(),
                r.overhead().eventBridgeUsd(), r.decideMicros()));
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
        md.append("| strategy | cost (USD) | per 1M jobs (USD) | p50 latency (ms) | p95 latency (ms) | SLO violations "
                + "| infeasible | to Lambda | to ECS |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, StrategyResult> e : r.strategies().entrySet()) {
            StrategyResult s = e.getValue();
            md.append(String.format(Locale.ROOT, "| %s | %.4f | %.2f | %.1f | %.1f | %d | %d | %d | %d |%n",
                    e.getKey(), s.costUsd(), s.costPerMillionUsd(), s.p50LatencyMs(), s.p95LatencyMs(),
                    s.sloViolations(), s.infeasible(), s.platforms().get("lambda"), s.platforms().get("ecs")));
        }
        md.append(String.format(Locale.ROOT, "%nAccuracy vs oracle: **%.4f**. Regret (hybrid / oracle - 1): **%.4f**.%n",
                r.accuracy(), r.regret()));
        md.append("\nHybrid decisions by reason: ").append(r.reasons()).append(".\n");
        md.append(String.format(Locale.ROOT, "%nRouter overhead per 1M jobs: $%.3f — classifier Lambda $%.3f, "
                + "SQS $%.3f, EventBridge $%.3f (median decision %.1f µs).%n", r.overhead().totalUsd(),
                r.overhead().classifierLambdaUsd(), r.overhead().sqsUsd(), r.overhead().eventBridgeUsd(),
                r.decideMicros()));
        md.append("\n![cost and p95 latency per strategy](").append(CHART).append(")\n");
        md.append("\nA job sent where it cannot run (over 15 minutes, 10,240 MB or 10 GB of /tmp on Lambda) costs "
                + "the failed attempt plus the run on the other platform, adds both latencies, and counts as "
                + "infeasible and as an SLO violation.\n");
        Files.writeString(dir.resolve(MARKDOWN), md.toString());
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
        ImageIO.write(image, "png", file.toFile());
    }
}
