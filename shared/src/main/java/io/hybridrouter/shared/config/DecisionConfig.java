package io.hybridrouter.shared.config;

import io.hybridrouter.shared.cost.PriceTable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 *   <li>{@code ROUTER_SLO_PREMIUM}: the most the option meeting the SLO target may cost, as a multiple of
 *       the cheapest option left for the job; dearer than that, the cheapest is taken ({@code slo:too-dear}).
 *       A number of at least 1 (default 3); {@code inf} or {@code 0} means no cap.</li>
 *   <li>{@code ROUTER_SPOT_INTERRUPTIONS_PER_HOUR}: the Fargate Spot interruption rate per task-hour that
 *       training starts from before outcomes say otherwise (a prior worth
 *       {@link #SPOT_PRIOR_TASK_HOURS} task-hours), and that a router uses with a model that learned none
 *       (default 0.05).</li>
 * </ul>
 *
 * @param prices      the price table file, if not the bundled one
 * @param region      the AWS region, if known
 * @param sloTarget   0–1
 * @param exploreRate 0–0.5
 * @param sloPremium  at least 1; {@code +Infinity} for no cap
 * @param spotInterruptionsPerHour the prior Spot interruption rate, per task-hour, from 0 to 10
 */
public record DecisionConfig(Optional<Path> prices, Optional<String> region, double sloTarget, double exploreRate,
        double sloPremium, double spotInterruptionsPerHour) {

    public static final double DEFAULT_SLO_PREMIUM = 3;
    /**
     * The prior Spot interruption rate: AWS publishes none for Fargate Spot; the simulator's pessimistic
     * assumption ({@code CostModel.DEFAULT_SPOT_INTERRUPTIONS_PER_HOUR}).
     */
    public static final double DEFAULT_SPOT_INTERRUPTIONS_PER_HOUR = 0.05;
    /** How many task-hours of outcomes the prior interruption rate weighs as. */
    public static final double SPOT_PRIOR_TASK_HOURS = 20;
    /** A rate above this is a misreading (one interruption every 6 minutes). */
    public static final double MAX_SPOT_INTERRUPTIONS_PER_HOUR = 10;

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
        if (!(sloPremium >= 1)) {
            throw new RouterConfig.ConfigException("SLO premium must be at least 1 (or inf for no cap), got "
                    + sloPremium);
        }
        if (!(spotInterruptionsPerHour >= 0 && spotInterruptionsPerHour <= MAX_SPOT_INTERRUPTIONS_PER_HOUR)) {
            throw new RouterConfig.ConfigException("Spot interruptions per hour must be from 0 to "
                    + MAX_SPOT_INTERRUPTIONS_PER_HOUR + ", got " + spotInterruptionsPerHour);
        }
    }

    /** Settings with the default SLO premium and Spot interruption prior. */
    public DecisionConfig(Optional<Path> prices, Optional<String> region, double sloTarget, double exploreRate) {
        this(prices, region, sloTarget, exploreRate, DEFAULT_SLO_PREMIUM, DEFAULT_SPOT_INTERRUPTIONS_PER_HOUR);
    }

    public static DecisionConfig defaults() {
        return new DecisionConfig(Optional.empty(), Optional.empty(), DEFAULT_SLO_TARGET, DEFAULT_EXPLORE_RATE);
    }

    /** Reads the settings above, adding a message per bad one to {@code errors}. */
    static DecisionConfig fromMap(Map<String, String> env, List<String> errors) {
        double target = number(env, "ROUTER_SLO_TARGET", DEFAULT_SLO_TARGET, 0, 1, false, errors);
        double rate = number(env, "ROUTER_EXPLORE_RATE", DEFAULT_EXPLORE_RATE, 0, MAX_EXPLORE_RATE, true, errors);
        double premium = premium(env, errors);
        double spot = number(env, "ROUTER_SPOT_INTERRUPTIONS_PER_HOUR", DEFAULT_SPOT_INTERRUPTIONS_PER_HOUR, 0,
                MAX_SPOT_INTERRUPTIONS_PER_HOUR, true, errors);
        return new DecisionConfig(value(env, "ROUTER_PRICES").map(Path::of), value(env, "AWS_REGION"),
                Double.isNaN(target) ? DEFAULT_SLO_TARGET : target, Double.isNaN(rate) ? DEFAULT_EXPLORE_RATE : rate,
                Double.isNaN(premium) ? DEFAULT_SLO_PREMIUM : premium,
                Double.isNaN(spot) ? DEFAULT_SPOT_INTERRUPTIONS_PER_HOUR : spot);
    }

    /** {@code ROUTER_SLO_PREMIUM}: a number of at least 1, or {@code inf}/{@code 0} for no cap. */
    private static double premium(Map<String, String> env, List<String> errors) {
        Optional<String> v = value(env, "ROUTER_SLO_PREMIUM");
        if (v.isEmpty()) {
            return DEFAULT_SLO_PREMIUM;
        }
        String t = v.get().toLowerCase(Locale.ROOT);
        if (t.equals("inf") || t.equals("infinity")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            double d = Double.parseDouble(t);
            if (d == 0) {
                return Double.POSITIVE_INFINITY;
            }
            if (d >= 1 && Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add("ROUTER_SLO_PREMIUM: must be a number of at least 1, or inf or 0 for no cap (got \"" + v.get()
                + "\")");
        return Double.NaN;
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
        return new DecisionConfig(Optional.ofNullable(file), region, sloTarget, exploreRate, sloPremium,
                spotInterruptionsPerHour);
    }

    public DecisionConfig withSloTarget(double target) {
        return new DecisionConfig(prices, region, target, exploreRate, sloPremium, spotInterruptionsPerHour);
    }

    public DecisionConfig withExploreRate(double rate) {
        return new DecisionConfig(prices, region, sloTarget, rate, sloPremium, spotInterruptionsPerHour);
    }

    /** The same with another SLO premium ({@code +Infinity}: no cap). */
    public DecisionConfig withSloPremium(double premium) {
        return new DecisionConfig(prices, region, sloTarget, exploreRate, premium, spotInterruptionsPerHour);
    }

    public DecisionConfig withSpotInterruptionsPerHour(double perHour) {
        return new DecisionConfig(prices, region, sloTarget, exploreRate, sloPremium, perHour);
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
