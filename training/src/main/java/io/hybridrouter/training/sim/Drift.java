package io.hybridrouter.training.sim;

import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.WorkloadType;
import io.hybridrouter.shared.cost.Prices;
import io.hybridrouter.shared.cost.Sizing;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How the world differs from the simulator's assumptions: a drift of the truth that a router has to
 * learn from outcomes. Written as a comma list of {@code <workload_type|*>.duration*F},
 * {@code <workload_type|*>.memory*F}, {@code <lambda|ecs>.startup*F} and {@code <lambda|ecs>.price*F}
 * (F a positive number; a named type's factor takes precedence over {@code *}'s). What each does to a
 * job's simulated runs ({@link CostModel}):
 *
 * <ul>
 *   <li>{@code duration*F}: the job's run time (I/O and compute) is F times the simulator's, on both
 *       platforms; Lambda's 900 s timeout still applies.</li>
 *   <li>{@code memory*F}: the job needs F times the memory the simulator assumes (its type's Lambda
 *       memory, or its {@code memory_mb} when larger). The executors keep sizing it as the router sizes
 *       it ({@link Sizing}), so where the need exceeds the memory a platform gives it, the shortfall is
 *       paid in time: the run slows by need / given memory (garbage collection, spilling to disk). A
 *       Fargate task, often given more memory than the Lambda function, may absorb some of it.</li>
 *   <li>{@code startup*F}: Lambda's cold start, or Fargate's task start-up (and its billed share), is F
 *       times the simulator's.</li>
 *   <li>{@code price*F}: that platform's prices are F times the table's ({@link #prices}).</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class Drift {

    /** No drift: the simulator as it is. */
    public static final Drift NONE = new Drift(Collections.emptyMap(), Collections.emptyMap(), Map.of(), Map.of(),
            List.of(), Map.of());

    private static final String RULE = "expected <workload_type|*>.duration*F, <workload_type|*>.memory*F, "
            + "<lambda|ecs>.startup*F or <lambda|ecs>.price*F with F a positive number";
    private static final String ANY = "*";

    /** Per workload type; the key {@code null} is {@code *} (so only maps that allow a null key). */
    private final Map<WorkloadType, Double> duration;
    private final Map<WorkloadType, Double> memory;
    private final Map<Platform, Double> startup;
    private final Map<Platform, Double> price;
    private final List<String> parts;
    /** Learned, per platform and workload type (see {@link #calibration}); empty for a parsed spec. */
    private final Map<Platform, Map<WorkloadType, Double>> work;

    private Drift(Map<WorkloadType, Double> duration, Map<WorkloadType, Double> memory, Map<Platform, Double> startup,
            Map<Platform, Double> price, List<String> parts, Map<Platform, Map<WorkloadType, Double>> work) {
        this.duration = duration;
        this.memory = memory;
        this.startup = startup;
        this.price = price;
        this.parts = parts;
        this.work = work;
    }

    /**
     * A drift learned from outcomes rather than declared: a factor on the work of each workload type on
     * each platform (a slower runner, a memory shortfall, both show as more work) and on each platform's
     * start-up. The learning router applies it to its prior simulator data before retraining (see
     * {@code LearningLoop}); factors of 1 may be left out.
     */
    public static Drift calibration(Map<Platform, Map<WorkloadType, Double>> work, Map<Platform, Double> startup) {
        Map<Platform, Map<WorkloadType, Double>> w = new EnumMap<>(Platform.class);
        List<String> parts = new ArrayList<>();
        work.forEach((p, types) -> {
            Map<WorkloadType, Double> t = new EnumMap<>(WorkloadType.class);
            types.forEach((type, f) -> {
                t.put(type, positive(f));
                parts.add(String.format(Locale.ROOT, "%s@%s.work*%.3f", type.wireName(), p.wireName(), f));
            });
            w.put(p, Collections.unmodifiableMap(t));
        });
        Map<Platform, Double> st = new EnumMap<>(Platform.class);
        startup.forEach((p, f) -> {
            st.put(p, positive(f));
            parts.add(String.format(Locale.ROOT, "%s.startup*%.3f", p.wireName(), f));
        });
        return new Drift(Collections.emptyMap(), Collections.emptyMap(), Collections.unmodifiableMap(st), Map.of(),
                List.copyOf(parts),
                Collections.unmodifiableMap(w));
    }

    private static double positive(double f) {
        if (!(f > 0) || Double.isInfinite(f)) {
            throw new IllegalArgumentException("a calibration factor must be a positive number, got " + f);
        }
        return f;
    }

    /**
     * Parses a drift spec; an {@link IllegalArgumentException} with a one-line message naming the part
     * and the rule it breaks when it is malformed.
     */
    public static Drift parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("--drift is empty: " + RULE);
        }
        Map<WorkloadType, Double> duration = new HashMap<>();
        Map<WorkloadType, Double> memory = new HashMap<>();
        Map<Platform, Double> startup = new EnumMap<>(Platform.class);
        Map<Platform, Double> price = new EnumMap<>(Platform.class);
        List<String> parts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String raw : spec.split(",", -1)) {
            String part = raw.trim();
            // the factor follows the last '*' (a subject may itself be '*'); subject and drift are split at the '.'
            int star = part.lastIndexOf('*');
            int dot = star < 0 ? -1 : part.indexOf('.');
            if (part.isEmpty() || dot <= 0 || dot > star) {
                throw bad(part, RULE);
            }
            String subject = part.substring(0, dot);
            String what = part.substring(dot + 1, star);
            double factor = factor(part, part.substring(star + 1));
            String key = subject + "." + what;
            if (!seen.add(key)) {
                throw bad(part, key + " is given twice");
            }
            switch (what) {
                case "duration", "memory" -> {
                    WorkloadType type = workloadType(part, subject);
                    (what.equals("duration") ? duration : memory).put(type, factor);
                }
                case "startup", "price" -> {
                    Platform p = Platform.fromWire(subject).orElseThrow(() -> bad(part, "\"" + subject
                            + "\" is not a platform: " + what + " drifts per platform, lambda or ecs"));
                    (what.equals("startup") ? startup : price).put(p, factor);
                }
                default -> throw bad(part, "\"" + what + "\" is not a drift: duration, memory, startup or price");
            }
            parts.add(subject + "." + what + "*" + strip(factor));
        }
        return new Drift(Collections.unmodifiableMap(duration), Collections.unmodifiableMap(memory),
                Collections.unmodifiableMap(startup), Collections.unmodifiableMap(price), List.copyOf(parts), Map.of());
    }

    private static double factor(String part, String text) {
        double f;
        try {
            f = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw bad(part, "the factor \"" + text + "\" is not a number");
        }
        if (!(f > 0) || Double.isInfinite(f)) {
            throw bad(part, "the factor must be a positive number, got " + text);
        }
        return f;
    }

    private static WorkloadType workloadType(String part, String subject) {
        if (subject.equals(ANY)) {
            return null;
        }
        for (WorkloadType t : WorkloadType.values()) {
            if (t.wireName().equals(subject)) {
                return t;
            }
        }
        throw bad(part, "\"" + subject + "\" is not a workload type: one of " + typeNames() + " or *");
    }

    private static String typeNames() {
        List<String> names = new ArrayList<>();
        for (WorkloadType t : WorkloadType.values()) {
            names.add(t.wireName());
        }
        return String.join(", ", names);
    }

    private static IllegalArgumentException bad(String part, String rule) {
        return new IllegalArgumentException("--drift part \"" + part + "\": " + rule);
    }

    private static String strip(double f) {
        return f == Math.rint(f) ? String.valueOf((long) f) : String.valueOf(f);
    }

    /** Factor on the run time of this job from {@code duration*F} (1 when none applies). */
    public double durationFactor(Job job) {
        return lookup(duration, job.workload());
    }

    /**
     * Factor on the run time of this job on {@code platform}: {@code duration*F} times a learned
     * calibration's factor for the platform and the job's type (1 when none applies).
     */
    public double durationFactor(Job job, Platform platform) {
        Map<WorkloadType, Double> learned = work.get(platform);
        Double f = learned == null ? null : learned.get(job.workload());
        return durationFactor(job) * (f == null ? 1.0 : f);
    }

    /** Factor on the memory this job needs from {@code memory*F} (1 when none applies). */
    public double memoryFactor(Job job) {
        return lookup(memory, job.workload());
    }

    /** Factor on a platform's start-up from {@code startup*F}. */
    public double startupFactor(Platform platform) {
        return startup.getOrDefault(platform, 1.0);
    }

    /** Factor on a platform's prices from {@code price*F}. */
    public double priceFactor(Platform platform) {
        return price.getOrDefault(platform, 1.0);
    }

    private static double lookup(Map<WorkloadType, Double> factors, WorkloadType type) {
        Double f = factors.get(type);
        if (f == null) {
            f = factors.get(null);
        }
        return f == null ? 1.0 : f;
    }

    /**
     * How much slower a run is for want of memory: the job's need (F × its Lambda sizing) over the
     * memory the platform gives it, at least 1.
     */
    public double memorySlowdown(Job job, int givenMb) {
        double f = memoryFactor(job);
        if (f == 1.0) {
            return 1.0;
        }
        double needMb = f * Sizing.lambdaMemoryMb(job);
        return Math.max(1.0, needMb / givenMb);
    }

    /** {@code prices} with this drift's price factors applied, per platform. */
    public Prices prices(Prices prices) {
        double l = priceFactor(Platform.LAMBDA);
        double e = priceFactor(Platform.ECS);
        if (l == 1.0 && e == 1.0) {
            return prices;
        }
        return new Prices(prices.region(), prices.lambdaUsdPerGbSecond() * l, prices.lambdaArmUsdPerGbSecond() * l,
                prices.lambdaUsdPerRequest() * l, prices.fargateUsdPerVcpuHour() * e, prices.fargateUsdPerGbHour() * e,
                prices.fargateArmUsdPerVcpuHour() * e, prices.fargateArmUsdPerGbHour() * e,
                prices.fargateMinimumBilledS(), prices.eventBridgeUsdPerEvent(), prices.sqsUsdPerRequest(),
                prices.fargateSpotUsdPerVcpuHour() * e, prices.fargateSpotUsdPerGbHour() * e,
                prices.fargateSpotArmUsdPerVcpuHour() * e, prices.fargateSpotArmUsdPerGbHour() * e);
    }

    /** Whether any price factor differs from 1. */
    public boolean changesPrices() {
        return !price.isEmpty();
    }

    /** The spec in canonical form ({@code none} when there is no drift). */
    @Override
    public String toString() {
        return parts.isEmpty() ? "none" : String.join(",", parts);
    }

    /** A one-line description, for reports. */
    public String describe() {
        if (parts.isEmpty()) {
            return "no drift";
        }
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            int dot = p.indexOf('.');
            int star = p.lastIndexOf('*');
            String who = p.substring(0, dot);
            out.add(String.format(Locale.ROOT, "%s %s x%s", who.equals(ANY) ? "every type" : who,
                    p.substring(dot + 1, star), p.substring(star + 1)));
        }
        return String.join("; ", out);
    }
}
