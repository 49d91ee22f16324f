package io.hybridrouter.classifier;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.hybridrouter.shared.WorkloadType;
import io.hybridrouter.shared.option.Arch;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a model learned across options, kept in {@code model_metadata.json} ({@code options}): per workload
 * type, how its run time scales with vCPUs (the serial share of Amdahl's law), its arm64 time factor and
 * its memory need; and the Fargate Spot interruption rate. The duration predictors predict the work on
 * one x86_64 vCPU; {@link #scale} turns that into the run time on an option. Immutable and thread-safe.
 *
 * @param workloads per workload type (wire name): what was learned of it
 * @param spot      the Spot interruption rate
 */
@JsonPropertyOrder({"workloads", "spot"})
public record OptionScaling(@JsonProperty("workloads") Map<String, Workload> workloads,
        @JsonProperty("spot") Spot spot) {

    /** Serial share taken for a type no outcome spoke of: half of its work spreads over more vCPUs. */
    public static final double NEUTRAL_SERIAL_SHARE = 0.5;

    /**
     * One workload type.
     *
     * @param unscaledShare   the share of its run time on one vCPU that no vCPU count changes (waiting on
     *                        I/O), 0–1
     * @param serialShare     of the rest, the share that does not speed up beyond one vCPU (0–1); both fitted
     *                        by least squares on ln(run time) against the tree's prediction
     * @param armTimeFactor   run time on arm64 over run time on x86_64 at the same vCPUs
     * @param memoryNeedShare the predicted peak memory need as a share of the job's sizing memory
     *                        ({@code Sizing.lambdaMemoryMb}): the {@link #MEMORY_LEVEL} quantile of the
     *                        runs' peak memory over it, runs that used all their memory counted as censored
     * @param memoryNeedP50   the median of the same
     * @param runs            outcomes the scaling was fitted on
     * @param armRuns         of which on arm64
     * @param memoryRuns      outcomes with a peak memory reading
     */
    @JsonPropertyOrder({"unscaled_share", "serial_share", "arm_time_factor", "memory_need_share", "memory_need_p50", "runs",
        "arm_runs", "memory_runs"})
    public record Workload(@JsonProperty("unscaled_share") double unscaledShare,
            @JsonProperty("serial_share") double serialShare,
            @JsonProperty("arm_time_factor") double armTimeFactor,
            @JsonProperty("memory_need_share") double memoryNeedShare,
            @JsonProperty("memory_need_p50") double memoryNeedP50,
            @JsonProperty("runs") int runs,
            @JsonProperty("arm_runs") int armRuns,
            @JsonProperty("memory_runs") int memoryRuns) {

        public Workload {
            if (!(unscaledShare >= 0 && unscaledShare <= 1) || !(serialShare >= 0 && serialShare <= 1) || !(armTimeFactor > 0) || !(memoryNeedShare > 0)) {
                throw new IllegalArgumentException("workload scaling needs a serial share from 0 to 1 and positive "
                        + "factors, got " + serialShare + ", " + armTimeFactor + ", " + memoryNeedShare);
            }
        }

        /** Nothing learned: no unscaled share, {@link #NEUTRAL_SERIAL_SHARE}, arm64 as fast as x86_64, the whole sizing memory. */
        public static Workload neutral() {
            return new Workload(0, NEUTRAL_SERIAL_SHARE, 1, 1, 1, 0, 0, 0);
        }
    }

    /**
     * The Spot interruption rate: (prior rate × prior task-hours + interruptions seen) / (prior task-hours +
     * Spot task-hours seen).
     *
     * @param interruptionsPerHour the rate decisions use, per task-hour
     * @param priorPerHour         the prior ({@code ROUTER_SPOT_INTERRUPTIONS_PER_HOUR})
     * @param priorTaskHours       how many task-hours the prior weighs as
     * @param interruptions        interruptions seen in the outcomes
     * @param taskHours            Spot task-hours seen in the outcomes
     */
    @JsonPropertyOrder({"interruptions_per_hour", "prior_per_hour", "prior_task_hours", "interruptions",
        "task_hours"})
    public record Spot(@JsonProperty("interruptions_per_hour") double interruptionsPerHour,
            @JsonProperty("prior_per_hour") double priorPerHour,
            @JsonProperty("prior_task_hours") double priorTaskHours,
            @JsonProperty("interruptions") int interruptions,
            @JsonProperty("task_hours") double taskHours) {

        public Spot {
            if (!(interruptionsPerHour >= 0) || Double.isInfinite(interruptionsPerHour)) {
                throw new IllegalArgumentException("Spot interruptions per hour must be a number >= 0, got "
                        + interruptionsPerHour);
            }
        }

        /** The prior alone. */
        public static Spot prior(double perHour, double priorTaskHours) {
            return new Spot(perHour, perHour, priorTaskHours, 0, 0);
        }

        /** The prior updated with {@code interruptions} over {@code taskHours} of Spot tasks. */
        public static Spot learned(double priorPerHour, double priorTaskHours, int interruptions, double taskHours) {
            double rate = (priorPerHour * priorTaskHours + interruptions) / (priorTaskHours + taskHours);
            return new Spot(rate, priorPerHour, priorTaskHours, interruptions, taskHours);
        }
    }

    /** The quantile of the memory need the router provisions for. */
    public static final double MEMORY_LEVEL = 0.95;

    private static final int TYPES = WorkloadType.values().length;

    public OptionScaling {
        Objects.requireNonNull(spot, "spot");
        workloads = workloads == null ? Map.of() : new TreeMap<>(workloads);
    }

    /** Nothing learned ({@link Workload#neutral} for every type) and the Spot prior alone. */
    public static OptionScaling neutral(double spotPriorPerHour) {
        return new OptionScaling(Map.of(), Spot.prior(spotPriorPerHour, 0));
    }

    /** The type's scaling; {@link Workload#neutral} when none was learned. */
    public Workload of(WorkloadType type) {
        Workload w = workloads.get(type.wireName());
        return w == null ? Workload.neutral() : w;
    }

    /** Laid out per type for decisions. */
    Table table() {
        double[] unscaled = new double[TYPES];
        double[] serial = new double[TYPES];
        double[] arm = new double[TYPES];
        double[] memory = new double[TYPES];
        for (WorkloadType t : WorkloadType.values()) {
            Workload w = of(t);
            unscaled[t.ordinal()] = w.unscaledShare();
            serial[t.ordinal()] = w.serialShare();
            arm[t.ordinal()] = w.armTimeFactor();
            memory[t.ordinal()] = w.memoryNeedShare();
        }
        return new Table(unscaled, serial, arm, memory, spot.interruptionsPerHour());
    }

    /** Run time at {@code vcpu} on {@code arch} over run time on one x86_64 vCPU, for a type. */
    public double scale(WorkloadType type, Arch arch, double vcpu) {
        Workload w = of(type);
        return scale(w.unscaledShare(), w.serialShare(), arch == Arch.ARM64 ? w.armTimeFactor() : 1, vcpu);
    }

    /**
     * An unscaled share that no vCPU count changes, and of the rest Amdahl's law: a serial share runs on one
     * vCPU at most, the remainder spreads over all.
     */
    public static double scale(double unscaledShare, double serialShare, double archFactor, double vcpu) {
        return archFactor * (unscaledShare + (1 - unscaledShare)
                * (serialShare / Math.min(1.0, vcpu) + (1 - serialShare) / vcpu));
    }

    /** The same figures in arrays by {@link WorkloadType#ordinal}. */
    record Table(double[] unscaled, double[] serial, double[] arm, double[] memoryShare, double spotPerHour) {

        double scale(WorkloadType type, Arch arch, double vcpu) {
            int i = type.ordinal();
            return OptionScaling.scale(unscaled[i], serial[i], arch == Arch.ARM64 ? arm[i] : 1, vcpu);
        }
    }
}
