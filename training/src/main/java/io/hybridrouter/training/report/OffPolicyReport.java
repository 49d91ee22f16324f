package io.hybridrouter.training.report;

import io.hybridrouter.training.Calibration;
import io.hybridrouter.training.offpolicy.OffPolicyResult;
import io.hybridrouter.training.offpolicy.OffPolicyResult.PolicyEstimate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes off-policy estimates ({@code router evaluate --outcomes}) as a readable table. Stateless and thread-safe. */
public final class OffPolicyReport {

    private OffPolicyReport() {
    }

    public static String table(OffPolicyResult r) {
        StringBuilder sb = new StringBuilder();
        boolean truth = r.policies().values().stream().anyMatch(e -> e.trueCostPerMillionUsd() != null);
        sb.append(String.format(Locale.ROOT, "%-19s %-5s %11s %23s %11s %9s %19s%s%n", "policy", "est", "usd_per_1M",
                "95% interval", "ips_per_1M", "slo_viol", "95% interval", truth ? "   true_per_1M true_slo" : ""));
        for (Map.Entry<String, PolicyEstimate> e : r.policies().entrySet()) {
            PolicyEstimate p = e.getValue();
            if (p.isRefused()) {
                sb.append(String.format(Locale.ROOT, "%-19s refused: %s%n", e.getKey(), p.refused()));
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%-19s %-5s %11.2f %23s %11s %9.4f %19s", e.getKey(), p.estimator(),
                    p.costPerMillionUsd(), range(p.ci95(), "%.2f"), p.ips() == null ? "-"
                            : String.format(Locale.ROOT, "%.2f", p.ips().costPerMillionUsd()), p.sloViolationRate(),
                    range(p.sloCi95(), "%.4f")));
            if (p.trueCostPerMillionUsd() != null) {
                sb.append(String.format(Locale.ROOT, "   %11.2f %8.4f", p.trueCostPerMillionUsd(),
                        p.trueSloViolationRate()));
            }
            sb.append(System.lineSeparator());
        }
        r.policies().forEach((name, p) -> {
            if (p.note() != null) {
                sb.append(name).append(": ").append(p.note()).append(System.lineSeparator());
            }
        });
        OffPolicyResult.Propensities pr = r.propensities();
        if (r.attempts() != r.outcomes() || r.byOption()) {
            sb.append(String.format(Locale.ROOT, "%nby option: %s; %,d attempts logged for %,d jobs (the attempts of "
                    + "a job interrupted by Fargate Spot are summed)", r.byOption() ? "yes" : "no", r.attempts(),
                    r.outcomes()));
        }
        sb.append(String.format(Locale.ROOT, "%noutcomes %,d  model %s  propensities: %,d logged, %,d taken as 1, "
                + "%,d below 1, min %.3f%n", r.outcomes(), r.modelVersion(), pr.logged(), pr.defaulted(), pr.below1(),
                pr.min()));
        Calibration c = r.calibration();
        if (c != null) {
            sb.append(String.format(Locale.ROOT, "confidence (platform): Brier %.4f, ECE %.4f (%s)%n", c.brier(), c.ece(),
                    c.outcome()));
        }
        return sb.toString();
    }

    private static String range(List<Double> ci, String format) {
        return "[" + String.format(Locale.ROOT, format, ci.get(0)) + ", " + String.format(Locale.ROOT, format, ci.get(1))
                + "]";
    }
}
