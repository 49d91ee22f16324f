package io.hybridrouter.shared;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What was measured of one run of a job: the {@code measured} object of a {@code JobCompleted}
 * outcome, what {@code router train --outcomes} learns from. Each figure says where it came from when
 * it was not measured directly ({@code startup_source}, {@code sizing_source},
 * {@code max_memory_source}, {@code billing_source}); a figure the runtime cannot give is null, never
 * invented. Immutable and thread-safe.
 *
 * @param platform         where it ran
 * @param startedAt        ISO-8601 instant the job's own work started
 * @param finishedAt       ISO-8601 instant it ended
 * @param durationMs       the job's own work, ms
 * @param startupMs        decision to start, ms (a cold start or a task's start-up); null when unknown
 * @param startupSource    {@code measured} (start minus the decision's {@code decided_at}),
 *                         {@code simulated} (drawn from the simulator: the embedded stack's Fargate), or
 *                         {@code unknown: why}
 * @param coldStart        Lambda: whether this was the first invocation in its container; null on ECS
 * @param memoryMb         memory as configured
 * @param vcpu             vCPUs as configured (Lambda: in proportion to memory)
 * @param sizingSource     where memory and vCPUs come from: {@code lambda-context},
 *                         {@code task-metadata}, or {@code router-sizing} (the size the router asks for)
 * @param maxMemoryUsedMb  the most memory the process used, best effort; null when unknown
 * @param maxMemorySource  what {@code maxMemoryUsedMb} is: {@code os:VmHWM} (the process's peak
 *                         resident set, Linux) or {@code jvm:pools-peak} (peak of the JVM's memory pools)
 * @param billedUsd        what the run is billed at the price table in force
 * @param billingSource    how it was billed: {@code lambda: duration x memory + request} or
 *                         {@code fargate: from ...} naming where the billed time starts
 * @param sloMs            the job's latency objective, ms
 * @param sloMet           whether it succeeded within the objective (start-up included when known)
 * @param source           {@code lambda}, {@code ecs}, {@code embedded} or {@code simulator}
 * @param arch             the architecture it ran on ({@code x86_64}, {@code arm64}), or null when unknown
 * @param capacity         ECS: the capacity provider ({@code FARGATE}, {@code FARGATE_SPOT}); null on Lambda
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"platform", "started_at", "finished_at", "duration_ms", "startup_ms", "startup_source",
    "cold_start", "memory_mb", "vcpu", "sizing_source", "max_memory_used_mb", "max_memory_source", "billed_usd",
    "billing_source", "slo_ms", "slo_met", "source", "arch", "capacity"})
public record Measured(
        @JsonProperty("platform") Platform platform,
        @JsonProperty("started_at") String startedAt,
        @JsonProperty("finished_at") String finishedAt,
        @JsonProperty("duration_ms") long durationMs,
        @JsonProperty("startup_ms") Long startupMs,
        @JsonProperty("startup_source") String startupSource,
        @JsonProperty("cold_start") Boolean coldStart,
        @JsonProperty("memory_mb") int memoryMb,
        @JsonProperty("vcpu") double vcpu,
        @JsonProperty("sizing_source") String sizingSource,
        @JsonProperty("max_memory_used_mb") Long maxMemoryUsedMb,
        @JsonProperty("max_memory_source") String maxMemorySource,
        @JsonProperty("billed_usd") double billedUsd,
        @JsonProperty("billing_source") String billingSource,
        @JsonProperty("slo_ms") long sloMs,
        @JsonProperty("slo_met") boolean sloMet,
        @JsonProperty("source") String source,
        @JsonProperty("arch") String arch,
        @JsonProperty("capacity") String capacity) {

    /** A measurement without architecture or capacity (as executors before options recorded it). */
    public Measured(Platform platform, String startedAt, String finishedAt, long durationMs, Long startupMs,
            String startupSource, Boolean coldStart, int memoryMb, double vcpu, String sizingSource,
            Long maxMemoryUsedMb, String maxMemorySource, double billedUsd, String billingSource, long sloMs,
            boolean sloMet, String source) {
        this(platform, startedAt, finishedAt, durationMs, startupMs, startupSource, coldStart, memoryMb, vcpu,
                sizingSource, maxMemoryUsedMb, maxMemorySource, billedUsd, billingSource, sloMs, sloMet, source, null,
                null);
    }

    public static final String LAMBDA = "lambda";
    public static final String ECS = "ecs";
    public static final String EMBEDDED = "embedded";
    public static final String SIMULATOR = "simulator";
    public static final String STARTUP_MEASURED = "measured";
    public static final String STARTUP_SIMULATED = "simulated";
}
