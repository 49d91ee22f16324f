package io.hybridrouter.training.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.option.Arch;
import io.hybridrouter.shared.option.Capacity;
import io.hybridrouter.shared.option.RunOption;
import io.hybridrouter.shared.option.RunOptions;
import io.hybridrouter.training.sim.PlatformRun;
import io.hybridrouter.training.sim.Simulation;

import java.util.ArrayList;
import java.util.List;

/**
 * One run of one job on one platform, as {@code router train} learns from it: measured in production
 * (a {@code JobCompleted} outcome) or simulated (see {@link #fromSimulation}). The one
 * input type of {@link io.hybridrouter.training.Trainer}; whatever reads outcomes turns them into these.
 * Immutable and thread-safe.
 *
 * @param job          the job as it was decided (its features are what the predictors read)
 * @param platform     where it ran
 * @param ok           whether it completed
 * @param failure      why not ({@code timeout}, ...), or null
 * @param durationMs   the job's own work, ms (for a Lambda timeout: until the timeout)
 * @param startupMs    decision to start, ms: a Lambda cold start (0 when warm), a Fargate task start-up
 * @param memoryMb     memory as configured
 * @param vcpu         vCPUs as configured
 * @param billedUsd    what the run was billed, from measured usage and the price table
 * @param sloMs        the job's latency objective
 * @param sloMet       whether it completed within the objective
 * @param source       {@code lambda}, {@code ecs}, {@code embedded} or {@code simulator}
 * @param modelVersion the model that decided it, or null
 * @param propensity   the probability the deciding router had of sending it here, or null
 * @param option       the option it ran on ({@code RunOption#id}), or null when unknown
 * @param arch         the architecture it ran on, or null when unknown (taken as x86_64)
 * @param capacity     ECS: on-demand or Spot; null when unknown (taken as on-demand) and on Lambda
 * @param interruptions how many times Fargate Spot interrupted it (the record covering every attempt), or null
 * @param attempt      which attempt of the job this is (1 unless a re-run after a Spot interruption), or null
 * @param maxMemoryUsedMb the most memory the run used, or null when unknown; a run that used all its memory
 *                     says only that the job needed at least that much
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"job", "platform", "ok", "failure", "duration_ms", "startup_ms", "memory_mb", "vcpu",
    "billed_usd", "slo_ms", "slo_met", "source", "model_version", "propensity", "option", "arch", "capacity",
    "interruptions", "attempt", "max_memory_used_mb"})
public record OutcomeRecord(
        @JsonProperty("job") Job job,
        @JsonProperty("platform") Platform platform,
        @JsonProperty("ok") boolean ok,
        @JsonProperty("failure") String failure,
        @JsonProperty("duration_ms") double durationMs,
        @JsonProperty("startup_ms") double startupMs,
        @JsonProperty("memory_mb") int memoryMb,
        @JsonProperty("vcpu") double vcpu,
        @JsonProperty("billed_usd") double billedUsd,
        @JsonProperty("slo_ms") double sloMs,
        @JsonProperty("slo_met") boolean sloMet,
        @JsonProperty("source") String source,
        @JsonProperty("model_version") String modelVersion,
        @JsonProperty("propensity") Double propensity,
        @JsonProperty("option") String option,
        @JsonProperty("arch") Arch arch,
        @JsonProperty("capacity") Capacity capacity,
        @JsonProperty("interruptions") Integer interruptions,
        @JsonProperty("attempt") Integer attempt,
        @JsonProperty("max_memory_used_mb") Double maxMemoryUsedMb) {

    public static final String SIMULATOR = "simulator";

    /** A record without what options added (option, architecture, capacity, interruptions, attempt, peak memory). */
    public OutcomeRecord(Job job, Platform platform, boolean ok, String failure, double durationMs, double startupMs,
            int memoryMb, double vcpu, double billedUsd, double sloMs, boolean sloMet, String source,
            String modelVersion, Double propensity) {
        this(job, platform, ok, failure, durationMs, startupMs, memoryMb, vcpu, billedUsd, sloMs, sloMet, source,
                modelVersion, propensity, null, null, null, null, null, null);
    }

    /** The same record with the run's option, architecture, capacity, interruptions, attempt and peak memory. */
    public OutcomeRecord withRun(String option, Arch arch, Capacity capacity, Integer interruptions, Integer attempt,
            Double maxMemoryUsedMb) {
        return new OutcomeRecord(job, platform, ok, failure, durationMs, startupMs, memoryMb, vcpu, billedUsd, sloMs,
                sloMet, source, modelVersion, propensity, option, arch, capacity, interruptions, attempt,
                maxMemoryUsedMb);
    }

    /** The same record decided by {@code version} with {@code propensity}, from {@code source}. */
    public OutcomeRecord withDecision(String source, String version, Double propensity) {
        return new OutcomeRecord(job, platform, ok, failure, durationMs, startupMs, memoryMb, vcpu, billedUsd, sloMs,
                sloMet, source, version, propensity, option, arch, capacity, interruptions, attempt, maxMemoryUsedMb);
    }

    /** The same record lasting {@code durationMs}. */
    public OutcomeRecord withDurationMs(double duration) {
        return new OutcomeRecord(job, platform, ok, failure, duration, startupMs, memoryMb, vcpu, billedUsd, sloMs,
                sloMet, source, modelVersion, propensity, option, arch, capacity, interruptions, attempt,
                maxMemoryUsedMb);
    }

    /** The architecture it ran on: x86_64 when unknown. */
    public Arch archOrDefault() {
        return arch == null ? Arch.X86_64 : arch;
    }

    /** Whether it ran on Fargate Spot. */
    public boolean spot() {
        return capacity == Capacity.SPOT;
    }

    /** Spot interruptions it went through: the count when known, else 1 for an attempt that ended interrupted. */
    public int interruptionCount() {
        if (interruptions != null) {
            return interruptions;
        }
        return "interrupted".equals(failure) ? 1 : 0;
    }

    /** Whether it used all the memory it had (so its need is known only to be at least that). */
    public boolean hitMemory() {
        return maxMemoryUsedMb != null && maxMemoryUsedMb >= memoryMb;
    }

    /** Submission to completion (or failure). */
    public double latencyMs() {
        return startupMs + durationMs;
    }

    /**
     * How many records {@link #fromSimulation} gives a job the simulator ran on its options: the sized pair
     * and one option per platform (a generated training set always has its options simulated).
     */
    public static final int SIMULATED_RECORDS_PER_JOB = 2 + Platform.values().length;

    /**
     * The simulator's runs of a job as records: the sized pair (Lambda first, then ECS), then, when the job
     * was simulated on the declared options, one more option per platform drawn from the job id (the same
     * id, the same options), so that runs of one job at different sizes, architectures and capacities are
     * seen and the scaling across options can be learned.
     */
    public static List<OutcomeRecord> fromSimulation(Simulation s) {
        OutcomeRecord lambda = of(s, s.lambda()).withRun(RunOptions.sized(s.job(), Platform.LAMBDA).id(), Arch.X86_64,
                null, 0, 1, null);
        OutcomeRecord ecs = of(s, s.ecs()).withRun(RunOptions.sized(s.job(), Platform.ECS).id(), Arch.X86_64,
                Capacity.ON_DEMAND, 0, 1, null);
        if (s.options().isEmpty()) {
            return List.of(lambda, ecs);
        }
        List<OutcomeRecord> out = new ArrayList<>(4);
        out.add(lambda);
        out.add(ecs);
        long h = mix(s.job().jobId());
        for (Platform p : Platform.values()) {
            List<PlatformRun> runs = s.options().values().stream().filter(r -> r.platform() == p).toList();
            if (runs.isEmpty()) {
                continue;
            }
            PlatformRun run = runs.get((int) Long.remainderUnsigned(p == Platform.LAMBDA ? h : h >>> 32, runs.size()));
            RunOption o = run.option();
            double peak = run.maxMemoryUsedMb();
            out.add(of(s, run).withRun(o.id(), o.arch(), p == Platform.ECS ? o.capacity() : null, run.interruptions(),
                    1, Double.isNaN(peak) ? null : peak));
        }
        return out;
    }

    /** A 64-bit hash of a job id (FNV-1a, then SplitMix64's finaliser). */
    private static long mix(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    private static OutcomeRecord of(Simulation s, PlatformRun run) {
        if (Double.isNaN(run.startupMs())) {
            throw new IllegalArgumentException("job " + s.job().jobId() + ": the data set has no start-up times; "
                    + "write it again with `router generate`");
        }
        return new OutcomeRecord(s.job(), run.platform(), run.ok(), run.failure(), run.durationMs(), run.startupMs(),
                run.memoryMb(), run.vcpu(), run.costUsd(), s.sloMs(), run.ok() && run.latencyMs() <= s.sloMs(),
                SIMULATOR, null, null);
    }
}
