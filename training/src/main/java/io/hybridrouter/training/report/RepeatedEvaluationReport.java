package io.hybridrouter.training.report;

import io.hybridrouter.training.RepeatedEvaluation;
import io.hybridrouter.training.RepeatedEvaluation.PooledStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes an evaluation repeated on several held-out sets ({@code router evaluate --repeat K}) as a
 * readable table with its pooled figures and intervals, and as a markdown report with a table per set.
 * Stateless and thread-safe.
 */
public final class RepeatedEvaluationReport {

    private RepeatedEvaluationReport() {
    }

    /** The table and lines printed by {@code router evaluate --repeat K}. */
    public static String table(RepeatedEvaluation r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "pooled over %d sets, %,d jobs:%n", r.sets(), r.jobs()));
        sb.append(String.format(Locale.ROOT, "%-19s %14s %14s %8s %10s %9s%n", "strategy", "cost_usd", "usd_per_1M",
                "slo_viol", "infeasible", "interrupt"));
        for (Map.Entry<String, PooledStrategy> e : r.strategies().entrySet()) {
            PooledStrategy s = e.getValue();
            sb.append(String.format(Locale.ROOT, "%-19s %14.4f %14.2f %8d %10d %9d%n", e.getKey(), s.costUsd(),
                    s.costPerMillionUsd(), s.sloViolations(), s.infeasible(), s.interruptions()));
        }
        sb.append(System.lineSeparator()).append("model ").append(r.modelVersion()).append(System.lineSeparator());
        sb.append(ratioLine("hybrid / hybrid-2 cost", r, r.hybridVsHybrid2())).append(System.lineSeparator());
        sb.append(ratioLine("regret vs oracle", r, r.regret())).append(System.lineSeparator());
        sb.append(violationsLine(r)).append(System.lineSeparator());
        sb.append(String.format(Locale.ROOT, "hybrid / cheaper single platform (pooled): %.4f%n",
                r.hybridVsCheaperSinglePlatform()));
        spotLine(r).ifPresent(line -> sb.append(line).append(System.lineSeparator()));
        return sb.toString();
    }

    /** Whether the sets offered Fargate Spot, and at what simulated interruption rate; empty when not known. */
    static Optional<String> spotLine(RepeatedEvaluation r) {
        if (r.spotOffered() == null) {
            return Optional.empty();
        }
        return Optional.of(EvaluationReport.spotLine(r.spotOffered(), r.spotInterruptionsPerHour()));
    }

    /** One pooled ratio with its interval and per-set spread, in words. */
    static String ratioLine(String what, RepeatedEvaluation r, RepeatedEvaluation.Ratio ratio) {
        return String.format(Locale.ROOT, "%s (pooled over %d sets of %s jobs): %.4f, 95%% interval %s; "
                + "per set median %.4f, min %.4f, max %.4f", what, r.sets(), jobsPerSet(r), ratio.pooled(),
                interval(r, ratio), ratio.median(), ratio.min(), ratio.max());
    }

    private static String interval(RepeatedEvaluation r, RepeatedEvaluation.Ratio ratio) {
        if (ratio.ci95() == null) {
            return "n/a (needs >= " + RepeatedEvaluation.MIN_SETS_FOR_INTERVAL + " sets)";
        }
        return String.format(Locale.ROOT, "[%.4f, %.4f] (bootstrap over sets, %,d resamples)", ratio.ci95().get(0),
                ratio.ci95().get(1), r.bootstrap().resamples());
    }

    /** The jobs of one set, or their range when the sets differ in size. */
    private static String jobsPerSet(RepeatedEvaluation r) {
        int min = r.perSet().stream().mapToInt(RepeatedEvaluation.PerSet::jobs).min().orElse(0);
        int max = r.perSet().stream().mapToInt(RepeatedEvaluation.PerSet::jobs).max().orElse(0);
        return min == max ? String.format(Locale.ROOT, "%,d", min) : String.format(Locale.ROOT, "%,d-%,d", min, max);
    }

    static String violationsLine(RepeatedEvaluation r) {
        return String.format(Locale.ROOT, "SLO violations (pooled): hybrid %d, hybrid-2 %d; hybrid's <= hybrid-2's "
                + "in %d of %d sets", r.sloViolations().hybrid(), r.sloViolations().hybrid2(),
                r.sloViolations().setsNoWorse(), r.sets());
    }

    /** Writes {@value EvaluationReport#MARKDOWN} into {@code dir}: the pooled table and lines, then each set. */
    public static void write(RepeatedEvaluation r, Path dir, String source) throws IOException {
        Files.createDirectories(dir);
        StringBuilder md = new StringBuilder();
        md.append("# Routing evaluation, repeated on held-out sets\n\n");
        md.append(String.format(Locale.ROOT, "Sets: %d (%s), %,d jobs in all. Model: `%s`.%n%n", r.sets(), source,
                r.jobs(), r.modelVersion()));
        md.append("| strategy | cost (USD) | per 1M jobs (USD) | SLO violations | infeasible | Spot interruptions |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, PooledStrategy> e : r.strategies().entrySet()) {
            PooledStrategy s = e.getValue();
            md.append(String.format(Locale.ROOT, "| %s | %.4f | %.2f | %d | %d | %d |%n", e.getKey(), s.costUsd(),
                    s.costPerMillionUsd(), s.sloViolations(), s.infeasible(), s.interruptions()));
        }
        md.append("\n- ").append(ratioLine("Hybrid / hybrid-2 cost", r, r.hybridVsHybrid2())).append(".\n");
        md.append("- ").append(ratioLine("Regret vs oracle (hybrid / oracle - 1)", r, r.regret())).append(".\n");
        md.append("- ").append(violationsLine(r)).append(".\n");
        md.append(String.format(Locale.ROOT, "- Hybrid / cheaper single platform (pooled): %.4f.%n",
                r.hybridVsCheaperSinglePlatform()));
        spotLine(r).ifPresent(line -> md.append("- ").append(line).append(".\n"));
        md.append("\nPooled figures are ratios of costs summed over the sets. Interval: ")
                .append(r.bootstrap().interval()).append(", ").append(r.bootstrap().resamples())
                .append(" resamples, seed ").append(r.bootstrap().seed()).append(".\n");
        md.append("\n## Per set\n\n| seed | jobs | hybrid / hybrid-2 | regret | SLO violations hybrid | hybrid-2 |\n");
        md.append("|---:|---:|---:|---:|---:|---:|\n");
        for (RepeatedEvaluation.PerSet s : r.perSet()) {
            md.append(String.format(Locale.ROOT, "| %d | %d | %.4f | %.4f | %d | %d |%n", s.seed(), s.jobs(),
                    s.hybridVsHybrid2(), s.regret(), s.hybridViolations(), s.hybrid2Violations()));
        }
        Files.writeString(dir.resolve(EvaluationReport.MARKDOWN), md.toString());
    }
}
