package io.hybridrouter.training.report;

import io.hybridrouter.training.learn.LearningResult;
import io.hybridrouter.training.learn.LearningResult.Figures;
import io.hybridrouter.training.learn.LearningResult.Round;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Writes what {@code router demo --learn} found: a per-round table (plain text for the terminal,
 * markdown for the report) and a chart of regret per round for both routers. Stateless and thread-safe.
 */
public final class LearningReport {

    public static final String MARKDOWN = "report.md";
    public static final String CHART = "regret.png";
    /** The outcomes the learning router learned from, one record a line ({@code train --outcomes} reads them). */
    public static final String OUTCOMES = "outcomes.jsonl";

    private LearningReport() {
    }

    /** The per-round table as plain text. */
    public static String table(LearningResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-5s %-8s %10s %12s %8s %9s %8s%n", "round", "router", "regret",
                "usd_per_1M", "slo_viol", "accuracy", "to_ecs"));
        for (Round round : r.rounds()) {
            line(sb, round.round(), "static", round.staticRouter());
            line(sb, round.round(), "learning", round.learning());
        }
        Round last = r.last();
        sb.append(String.format(Locale.ROOT, "%nlast round: learning regret %.4f vs static %.4f (ratio %s); "
                + "SLO violations learning %d vs static %d%n", last.learning().regret(), last.staticRouter().regret(),
                ratio(last), last.learning().sloViolations(), last.staticRouter().sloViolations()));
        return sb.toString();
    }

    private static void line(StringBuilder sb, int round, String router, Figures f) {
        sb.append(String.format(Locale.ROOT, "%-5d %-8s %10.4f %12.2f %8d %9.4f %8d%n", round, router, f.regret(),
                f.costPerMillionUsd(), f.sloViolations(), f.accuracy(), f.platforms().getOrDefault("ecs", 0)));
    }

    private static String ratio(Round last) {
        if (last.staticRouter().regret() <= 0) {
            return "n/a: the static router's regret is 0";
        }
        return String.format(Locale.ROOT, "%.2f", last.learning().regret() / last.staticRouter().regret());
    }

    /** Writes {@value #MARKDOWN} and {@value #CHART} into {@code dir}. */
    public static void write(LearningResult r, Path dir, String command) throws IOException {
        Files.createDirectories(dir);
        writeChart(r, dir.resolve(CHART));
        StringBuilder md = new StringBuilder();
        md.append("# Learning under drift\n\n");
        md.append("Command: `").append(command).append("`. Drift of the truth: `").append(r.drift())
                .append("`; ").append(r.jobsPerRound()).append(" fresh jobs per round (seed ").append(r.seed())
                .append("), the same jobs for both routers.\n\n");
        md.append("- Static router: the starting model, never retrained.\n");
        md.append(String.format(Locale.ROOT, "- Learning router: the same model in round 1, then, after every round, "
                + "retrained on every outcome so far and on %,d prior simulator jobs run again with what the outcomes "
                + "say of the world (per platform and workload type, how much more or less work than the starting "
                + "model predicted; per platform, how much longer the start-up), swapped in without a restart; "
                + "exploration rate %.3f in round 1, 1/k of it in round k. What it learned before each round is listed "
                + "below the table.%n",
                r.priorJobs(), r.exploreRate()));
        md.append("- Truth: ").append(r.truth()).append(".\n");
        md.append("- Prices: ").append(r.prices()).append(".\n\n");
        md.append("| round | router | regret | cost per 1M jobs (USD) | SLO violations | accuracy vs oracle "
                + "| to Lambda | to ECS | model |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Round round : r.rounds()) {
            row(md, round.round(), "static", round.staticRouter());
            row(md, round.round(), "learning", round.learning());
        }
        Round last = r.last();
        md.append(String.format(Locale.ROOT, "%nLast round: learning regret **%.4f** vs static **%.4f** (ratio %s); "
                + "SLO violations %d vs %d. Regret = cost / oracle cost − 1.%n", last.learning().regret(),
                last.staticRouter().regret(), ratio(last), last.learning().sloViolations(),
                last.staticRouter().sloViolations()));
        md.append("\nWhat the learning router had learned from its outcomes before each round:\n\n");
        for (Round round : r.rounds()) {
            md.append("- round ").append(round.round()).append(": `").append(round.learned()).append("`\n");
        }
        md.append("\n![regret per round, static and learning](").append(CHART).append(")\n");
        md.append("\nThe outcomes the learning router learned from are in `").append(OUTCOMES)
                .append("` (`router train --outcomes` reads them).\n");
        Files.writeString(dir.resolve(MARKDOWN), md.toString());
    }

    private static void row(StringBuilder md, int round, String router, Figures f) {
        md.append(String.format(Locale.ROOT, "| %d | %s | %.4f | %.2f | %d | %.4f | %d | %d | `%s` |%n", round, router,
                f.regret(), f.costPerMillionUsd(), f.sloViolations(), f.accuracy(),
                f.platforms().getOrDefault("lambda", 0), f.platforms().getOrDefault("ecs", 0), f.modelVersion()));
    }

    private static void writeChart(LearningResult r, Path file) throws IOException {
        XYSeries fixed = new XYSeries("static");
        XYSeries learning = new XYSeries("learning");
        for (Round round : r.rounds()) {
            fixed.add(round.round(), round.staticRouter().regret());
            learning.add(round.round(), round.learning().regret());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(fixed);
        data.addSeries(learning);
        JFreeChart chart = ChartFactory.createXYLineChart("Regret per round (drift: " + r.drift() + ")", "round",
                "regret (cost / oracle - 1)", data, PlotOrientation.VERTICAL, true, false, false);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 800, 450);
    }
}
