package io.hybridrouter.shared.config;

import io.hybridrouter.shared.cost.PriceTable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the router turns predictions into a decision. Immutable and thread-safe.
 *
 * <ul>
 *   <li>{@code ROUTER_PRICES}: a price table file (JSON, see {@link PriceTable}); the bundled table when unset.</li>
 *   <li>{@code AWS_REGION}: whose prices to use; the table's default region, with a note, when the table
 *       has none for it.</li>
 *   <li>{@code ROUTER_SLO_TARGET}: the probability of meeting the job's latency objective a platform
 *       needs to be chosen on cost (default 0.95).</li>
 *   <li>{@code ROUTER_EXPLORE_RATE}: the share of jobs that both platforms are predicted to serve
 *       within the objective that go to the dearer one, so that its outcome is seen too (default 0.02;
 *       0 turns exploration off).</li>
 * </ul>
 *
 * @param prices      the price table file, if not the bundled one
 * @param region      the AWS region, if known
 * @param sloTarget   0–1
 * @param exploreRate 0–0.5
 */
public record DecisionConfig(Optional<Path> prices, Optional<String> region, double sloTarget, double exploreRate) {

    public static final double DEFAULT_SLO_TARGET = 0.95;
    public static final double DEFAULT_EXPLORE_RATE = 0.02;
    /** Above half, "exploring" would send most eligible jobs to the dearer platform. */
    public static final double MAX_EXPLORE_RATE = 0.5;

    public DecisionConfig {
        if (!(sloTarget > 0 && sloTarget <= 1)) {
            throw new RouterConfig.ConfigException("SLO target must be above 0 and at most 1, got " + sloTarget);
        }
        if (!(exploreRate >= 0 && exploreRate <= MAX_EXPLORE_RATE)) {
            throw new RouterConfig.ConfigException("explore rate must be from 0 to " + MAX_EXPLORE_RATE + ", got "
                    + exploreRate);
        }
    }

    public static DecisionConfig defaults() {
        return new DecisionConfig(Optional.empty(), Optional.empty(), DEFAULT_SLO_TARGET, DEFAULT_EXPLORE_RATE);
    }

    /** Reads the settings above, adding a message per bad one to {@code errors}. */
    static DecisionConfig fromMap(Map<String, String> env, List<String> errors) {
        double target = number(env, "ROUTER_SLO_TARGET", DEFAULT_SLO_TARGET, 0, 1, false, errors);
        double rate = number(env, "ROUTER_EXPLORE_RATE", DEFAULT_EXPLORE_RATE, 0, MAX_EXPLORE_RATE, true, errors);
        return new DecisionConfig(value(env, "ROUTER_PRICES").map(Path::of), value(env, "AWS_REGION"),
                Double.isNaN(target) ? DEFAULT_SLO_TARGET : target, Double.isNaN(rate) ? DEFAULT_EXPLORE_RATE : rate);
    }

    /** Reads the settings above from a map of environment variables. */
    public static DecisionConfig fromMap(Map<String, String> env) {
        List<String> errors = new ArrayList<>();
        DecisionConfig c = fromMap(env, errors);
        if (!errors.isEmpty()) {
            throw new RouterConfig.ConfigException(String.join("; ", errors));
        }
        return c;
    }

    public DecisionConfig withPrices(Path file) {
        return new DecisionConfig(Optional.ofNullable(file), region, sloTarget, exploreRate);
    }

    public DecisionConfig withSloTarget(double target) {
        return new DecisionConfig(prices, region, target, exploreRate);
    }

    public DecisionConfig withExploreRate(double rate) {
        return new DecisionConfig(prices, region, sloTarget, rate);
    }

    private static double number(Map<String, String> env, String name, double fallback, double min, double max,
            boolean minInclusive, List<String> errors) {
        Optional<String> v = value(env, name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.get());
            if ((minInclusive ? d >= min : d > min) && d <= max) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(name + ": must be a number " + (minInclusive ? "from " : "above ") + min + " to " + max
                + " (got \"" + v.get() + "\")");
        return Double.NaN;
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }
}
