package io.hybridrouter.training.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.training.sim.PlatformRun;
import io.hybridrouter.training.sim.Simulation;

import java.util.List;

/**
 * One run of one job on one platform, as {@code router train} learns from it: measured in production
 * (a {@code JobCompleted} outcome) or simulated (the simulator writes one for each platform). The one
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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"job", "platform", "ok", "failure", "duration_ms", "startup_ms", "memory_mb", "vcpu",
    "billed_usd", "slo_ms", "slo_met", "source", "model_version", "propensity"})
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
        @JsonProperty("propensity") Double propensity) {

    public static final String SIMULATOR = "simulator";

    /** Submission to completion (or failure). */
    public double latencyMs() {
        return startupMs + durationMs;
    }

    /** The simulator's two runs of a job as two records, Lambda first. */
    public static List<OutcomeRecord> fromSimulation(Simulation s) {
        return List.of(of(s, s.lambda()), of(s, s.ecs()));
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
