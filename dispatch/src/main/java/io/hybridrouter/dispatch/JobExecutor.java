package io.hybridrouter.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.dispatch.idempotency.IdempotencyStore;
import io.hybridrouter.dispatch.runner.Runners;
import io.hybridrouter.shared.DecisionReason;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.JobParseResult;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Measured;
import io.hybridrouter.shared.Outcome;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.Rejection;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.shared.claim.ClaimCheckRef;
import io.hybridrouter.shared.claim.ClaimCheckStore;
import io.hybridrouter.shared.claim.JobCarrier;
import io.hybridrouter.shared.cost.AwsPricing;
import io.hybridrouter.shared.cost.FargateSize;
import io.hybridrouter.shared.cost.Prices;
import io.hybridrouter.shared.cost.Sizing;
import io.hybridrouter.shared.events.Backoff;
import io.hybridrouter.shared.events.EventPublisher;
import io.hybridrouter.shared.events.EventTypes;
import io.hybridrouter.shared.events.OutboundEvent;
import io.hybridrouter.shared.log.RouterLog;
import io.hybridrouter.shared.option.Arch;
import io.hybridrouter.shared.option.Capacity;
import io.hybridrouter.shared.option.RunOption;
import io.hybridrouter.shared.option.RunOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.inject.Inject;

/**
 * Runs a routed job once and reports it: resolves the job (inline, or a claim check read only from
 * the configured bucket and prefix), checks it is the job the decision names, claims its id with the
 * job's fingerprint, runs the workload type's runner (within the task timeout on ECS), publishes the
 * outcome as a {@code JobCompleted} event, then marks the claim completed. The outcome carries the
 * job, the decision's propensity and what was measured of the run ({@link Measured}: timings, size,
 * cost billed at the price table in force, the latency objective), from what the runtime reports
 * ({@link RunSite}) and the executor's own clock. Shared by the Lambda
 * executor and the ECS task so that both do exactly the same. Thread-safe if its collaborators are.
 *
 * <p>A job that must not run gets a {@code JobRejected} event with the reason and is not retried:
 * a claim-check reference outside the claim bucket or prefix (not read), a job whose id is not the
 * decision's, or a different job reusing the id of one that ran or is running (same id, other
 * fingerprint). The same job delivered again is skipped as a duplicate.
 *
 * <p>If the outcome (or rejection) cannot be published the claim is released and
 * {@link ReportException} is thrown, so the delivery is retried (Lambda's async retries, the target's
 * DLQ, the task's exit code): the job may then run again, which is the price of never losing its
 * outcome.
 *
 * <p>Every outcome names the option it ran on (the decision's, {@code ROUTER_OPTION} on ECS, else the
 * option this runtime is: its size and architecture), its attempt, the architecture ({@code os.arch}) and,
 * on ECS, the capacity, and is billed at that option's prices (arm64 Lambda, Fargate arm64 or Spot).
 * The idempotency claim is per job and attempt ({@link IdempotencyStore#claimId}): a re-run after a Spot
 * interruption runs, a second delivery of the same attempt does not.
 *
 * <p>A run given a {@link RunInterruption} (the ECS task's SIGTERM) is stopped when it fires: the runner's
 * thread is interrupted and abandoned, and a {@code JobCompleted} with status {@code interrupted} (measured
 * and billed up to then) is published with the re-run's {@code RoutingDecision}
 * ({@link #rerunOption}: attempt 2 on the same Spot option, attempt 3 on its on-demand twin, none after
 * attempt 3). Publishing them is retried with backoff for {@link RunLimits#INTERRUPTED_REPORT_WINDOW};
 * then the claim is released and {@link ReportException} thrown, so the task fails loudly.
 *
 * <p>Built by the executor's component, or with {@link #builder}.
 */
public final class JobExecutor {

    private final Runners runners;
    private final IdempotencyStore idempotency;
    private final Optional<ClaimCheckStore> claims;
    private final EventPublisher publisher;
    private final Clock clock;
    private final RouterLog log;
    private final RunLimits limits;
    private final Prices prices;
    private final Backoff.Sleeper sleeper;

    @Inject
    JobExecutor(Runners runners, IdempotencyStore idempotency, Optional<ClaimCheckStore> claims,
            EventPublisher publisher, Clock clock, RouterLog log, RunLimits limits, Prices prices,
            Backoff.Sleeper sleeper) {
        this.runners = runners;
        this.idempotency = idempotency;
        this.claims = claims;
        this.publisher = publisher;
        this.clock = clock;
        this.log = log;
        this.limits = limits;
        this.prices = prices;
        this.sleeper = sleeper;
    }

    /**
     * An executor running jobs with {@code runners}, claiming them in {@code idempotency} and reporting
     * with {@code publisher}; by default no claim-check store, the UTC clock, no log and the default
     * limits (a 4-hour ECS task timeout), billed at the bundled prices.
     */
    public static Builder builder(Runners runners, IdempotencyStore idempotency, EventPublisher publisher) {
        return new Builder(runners, idempotency, publisher);
    }

    /** Builds an executor outside a component (tests, local runtimes). Not thread-safe. */
    public static final class Builder {
        private final Runners runners;
        private final IdempotencyStore idempotency;
        private final EventPublisher publisher;
        private Optional<ClaimCheckStore> claims = Optional.empty();
        private Clock clock = Clock.systemUTC();
        private RouterLog log = RouterLog.NONE;
        private RunLimits limits = RunLimits.DEFAULT;
        private Prices prices = Prices.defaults();
        private Backoff.Sleeper sleeper = Backoff.Sleeper.REAL;

        private Builder(Runners runners, IdempotencyStore idempotency, EventPublisher publisher) {
            this.runners = runners;
            this.idempotency = idempotency;
            this.publisher = publisher;
        }

        public Builder claims(ClaimCheckStore store) {
            this.claims = Optional.of(store);
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        public Builder log(RouterLog l) {
            this.log = l;
            return this;
        }

        public Builder limits(RunLimits l) {
            this.limits = l;
            return this;
        }

        public Builder prices(Prices p) {
            this.prices = p;
            return this;
        }

        /** How the executor waits between tries to report an interrupted run (tests: a fake that moves the clock). */
        public Builder sleeper(Backoff.Sleeper s) {
            this.sleeper = s;
            return this;
        }

        public JobExecutor build() {
            return new JobExecutor(runners, idempotency, claims, publisher, clock, log, limits, prices, sleeper);
        }
    }

    /** Thrown when a job cannot be run or reported for a reason a retry may cure. */
    public static final class ReportException extends RuntimeException {
        public ReportException(String message) {
            super(message);
        }
    }

    /** What became of one delivery. */
    public sealed interface Delivery permits Ran, Duplicate, Rejected, Interrupted {
    }

    /** The job ran; its outcome is on the bus. */
    public record Ran(Outcome outcome) implements Delivery {
    }

    /** The same job ran or is running elsewhere; this delivery did nothing. */
    public record Duplicate(String jobId) implements Delivery {
    }

    /** The job was not run; the rejection is on the bus as {@code JobRejected}. */
    public record Rejected(Rejection rejection) implements Delivery {
    }

    /**
     * The run was stopped (a Spot interruption): its {@code interrupted} outcome is on the bus, and so is
     * the re-run's decision unless this was the last attempt (then {@code rerun} is empty).
     */
    public record Interrupted(Outcome outcome, Optional<RoutingDecision> rerun) implements Delivery {
    }

    /**
     * Where a job delivered to an ECS task came from and how it may be stopped.
     *
     * @param option       the option the task runs as ({@code ROUTER_OPTION}), or null
     * @param attempt      the attempt ({@code ROUTER_ATTEMPT}), 1–3
     * @param interruption what stops the run (the task's SIGTERM), or null when nothing does
     */
    public record TaskRun(String option, int attempt, RunInterruption interruption) {

        /** A first attempt that names no option and cannot be stopped. */
        public static final TaskRun FIRST = new TaskRun(null, 1, null);
    }

    /**
     * What the decision told the executor, and what the runtime says of the run.
     *
     * @param decision the decision when the executor got it whole (Lambda), else null (ECS: the overrides)
     * @param carrier  ECS: the job carrier as the task got it ({@code ROUTER_JOB}), which a re-run passes on
     */
    private record RunInfo(String modelVersion, Platform platform, String decidedAt, Double propensity, RunSite site,
            RoutingDecision decision, String optionId, int attempt, String carrier, String jobRef,
            RunInterruption interruption) {
    }

    /** Runs the job a decision carries (inline, or by its {@code job_ref}); the runtime says nothing of the run. */
    public Delivery deliver(RoutingDecision decision, Platform platform) {
        return deliver(decision, platform, RunSite.of(platform == Platform.LAMBDA ? Measured.LAMBDA : Measured.ECS));
    }

    /** Runs the job a decision carries (inline, or by its {@code job_ref}) at {@code site}. */
    public Delivery deliver(RoutingDecision decision, Platform platform, RunSite site) {
        RunInfo info = new RunInfo(decision.modelVersion(), platform, decision.decidedAt(), decision.propensity(), site,
                decision, decision.option(), decision.attemptNumber(), decision.ecsJob(), decision.jobRef(), null);
        return decision.jobRef() != null
                ? deliverReference(decision.jobId(), decision.jobRef(), info)
                : deliverJob(decision.jobId(), decision.job(), info);
    }

    /**
     * Runs the job a container variable carries (a {@link JobCarrier}: base64-encoded JSON, what the
     * ECS target passes inline; a claim-check reference; or JSON). {@code expectedJobId} is the
     * decision's job id when known; a job with another id is rejected.
     */
    public Delivery deliver(String expectedJobId, String carrier, String modelVersion, Platform platform) {
        return deliver(expectedJobId, carrier, modelVersion, platform, null, null,
                RunSite.of(platform == Platform.LAMBDA ? Measured.LAMBDA : Measured.ECS));
    }

    /**
     * As {@link #deliver(String, String, String, Platform)}, with the decision's {@code decided_at} and
     * propensity when known (null otherwise) and what the runtime says of the run.
     */
    public Delivery deliver(String expectedJobId, String carrier, String modelVersion, Platform platform,
            String decidedAt, Double propensity, RunSite site) {
        return deliver(expectedJobId, carrier, modelVersion, platform, decidedAt, propensity, site, TaskRun.FIRST);
    }

    /**
     * As {@link #deliver(String, String, String, Platform, String, Double, RunSite)}, as the option and attempt
     * {@code task} names, stopped (and re-run) when its interruption fires.
     */
    public Delivery deliver(String expectedJobId, String carrier, String modelVersion, Platform platform,
            String decidedAt, Double propensity, RunSite site, TaskRun task) {
        JobCarrier.Carried carried = JobCarrier.decode(carrier);
        String reference = carried instanceof JobCarrier.Reference r ? r.reference() : null;
        RunInfo info = new RunInfo(modelVersion, platform, decidedAt, propensity, site, null, task.option(),
                task.attempt(), carrier, reference, task.interruption());
        if (reference != null) {
            return deliverReference(expectedJobId, reference, info);
        }
        return deliverJob(expectedJobId, parse(((JobCarrier.Inline) carried).json()), info);
    }

    private Delivery deliverReference(String expectedJobId, String reference, RunInfo info) {
        ClaimCheckStore store = claims.orElseThrow(() -> new ReportException(
                "job is a claim check (" + reference + ") but no claim-check bucket is configured"));
        String json;
        try {
            json = store.get(reference).orElseThrow(() -> new ReportException(
                    "claim check " + reference + " not found"));
        } catch (ClaimCheckRef.UntrustedReferenceException e) {
            return reject(expectedJobId, e.getMessage(), reference);
        }
        return deliverJob(expectedJobId, parse(json), info);
    }

    private Delivery deliverJob(String expectedJobId, Job job, RunInfo info) {
        if (expectedJobId != null && !expectedJobId.equals(job.jobId())) {
            return reject(expectedJobId, "job_id: the decision is for " + expectedJobId + " but the job it carries is "
                    + job.jobId() + "; not run", Json.write(job));
        }
        return execute(job, info);
    }

    private Delivery execute(Job job, RunInfo info) {
        Platform platform = info.platform();
        String fingerprint = fingerprint(job);
        String claimId = IdempotencyStore.claimId(job.jobId(), info.attempt());
        switch (idempotency.claim(claimId, fingerprint, limits.claimTimeout(platform))) {
            case DUPLICATE -> {
                log.info("job " + job.jobId() + " attempt " + info.attempt() + ": already run or running elsewhere; "
                        + "duplicate delivery skipped", Map.of("job_id", job.jobId(), "attempt", info.attempt()));
                return new Duplicate(job.jobId());
            }
            case CONFLICT -> {
                return reject(job.jobId(), "job_id: already used by a different job (one with other content ran "
                        + "or is running under this id); give each job its own job_id", Json.write(job));
            }
            case CLAIMED -> {
                // the job is ours: run it below
            }
            default -> throw new IllegalStateException("unknown claim result");
        }
        Outcome outcome = run(job, info);
        if (outcome.interrupted()) {
            return reportInterrupted(job, info, outcome, claimId, fingerprint);
        }
        EventPublisher.Result result = publisher.publish(List.of(
                new OutboundEvent(job.jobId(), EventTypes.JOB_COMPLETED, Json.write(outcome))));
        if (!result.allPublished()) {
            idempotency.release(claimId, fingerprint);
            throw new ReportException("job " + job.jobId() + ": outcome not published ("
                    + result.failed().get(job.jobId()) + "); released for retry");
        }
        idempotency.complete(claimId, fingerprint);
        return new Ran(outcome);
    }

    /**
     * Where an interrupted run's job runs next: attempt 2 on the same option (Spot again), attempt 3 on its
     * on-demand twin, nothing after attempt 3 (on-demand already: a stop there is not a Spot interruption to
     * ride out, and the job is not re-run again).
     */
    public static Optional<RunOption> rerunOption(RunOption interrupted, int attempt) {
        if (attempt >= 3) {
            return Optional.empty();
        }
        return Optional.of(attempt == 1 ? interrupted : interrupted.onDemand());
    }

    /**
     * Publishes an interrupted run's outcome and its re-run's decision, retrying what failed with backoff
     * within {@link RunLimits#INTERRUPTED_REPORT_WINDOW}; marks the attempt's claim completed (a second
     * delivery of this attempt is a duplicate; the re-run has a claim of its own).
     */
    private Delivery reportInterrupted(Job job, RunInfo info, Outcome outcome, String claimId, String fingerprint) {
        RunOption option = RunOptions.declared().byId(outcome.option()).orElse(null);
        Optional<RoutingDecision> rerun = Optional.empty();
        if (option != null) {
            int next = info.attempt() + 1;
            rerun = rerunOption(option, info.attempt()).map(o -> rerunDecision(job, info, o, next));
        }
        List<OutboundEvent> pending = new ArrayList<>();
        pending.add(new OutboundEvent(job.jobId(), EventTypes.JOB_COMPLETED, Json.write(outcome)));
        if (rerun.isPresent()) {
            pending.add(new OutboundEvent(job.jobId() + "#attempt-" + rerun.get().attemptNumber(),
                    EventTypes.ROUTING_DECISION, Json.write(rerun.get())));
        }
        Instant deadline = Instant.now(clock).plus(RunLimits.INTERRUPTED_REPORT_WINDOW);
        Map<String, String> failed = Map.of();
        for (int retry = 1; ; retry++) {
            EventPublisher.Result result = publisher.publish(pending);
            Map<String, String> notPublished = result.failed();
            failed = notPublished;
            List<OutboundEvent> left = pending.stream().filter(e -> notPublished.containsKey(e.id())).toList();
            if (left.isEmpty()) {
                break;
            }
            pending = left;
            long delay = Math.min(RunLimits.INTERRUPTED_REPORT_MAX_DELAY.toMillis(), 500L << Math.min(retry, 6));
            if (!Instant.now(clock).plusMillis(delay).isBefore(deadline)) {
                idempotency.release(claimId, fingerprint);
                throw new ReportException("job " + job.jobId() + " attempt " + info.attempt() + ": interrupted, but "
                        + (rerun.isPresent() ? "its re-run" : "its outcome") + " could not be published within "
                        + RunLimits.INTERRUPTED_REPORT_WINDOW.toSeconds() + " s (" + failed.values().iterator().next()
                        + "); released: the job needs a re-run");
            }
            log.warn("job " + job.jobId() + ": interrupted run not yet reported (" + failed.values().iterator().next()
                    + "); retrying in " + delay + " ms", Map.of("job_id", job.jobId()));
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                idempotency.release(claimId, fingerprint);
                throw new ReportException("job " + job.jobId() + ": interrupted while reporting its interrupted run; "
                        + "released: the job needs a re-run");
            }
        }
        idempotency.complete(claimId, fingerprint);
        log.warn("job " + job.jobId() + " attempt " + info.attempt() + ": interrupted on " + outcome.option()
                + rerun.map(d -> "; re-run as attempt " + d.attemptNumber() + " on " + d.option())
                        .orElse("; last attempt, not re-run"), Map.of("job_id", job.jobId()));
        return new Interrupted(outcome, rerun);
    }

    /** The decision that re-runs an interrupted job as attempt {@code attempt} on {@code option}. */
    private RoutingDecision rerunDecision(Job job, RunInfo info, RunOption option, int attempt) {
        String now = Instant.now(clock).toString();
        if (info.decision() != null) {
            return info.decision().rerun(attempt, option.platform(), option.id(), now);
        }
        // on ECS the task knows the decision only through its overrides: the re-run is not a model choice
        Job carried = info.jobRef() != null ? job.withPayload(null) : job;
        RoutingDecision.Scores scores = option.platform() == Platform.LAMBDA ? new RoutingDecision.Scores(1, 0)
                : new RoutingDecision.Scores(0, 1);
        return new RoutingDecision(job.jobId(), option.platform(), 1.0, scores, DecisionReason.SPOT_INTERRUPTED,
                info.modelVersion(), now, carried, info.jobRef(), info.carrier(), null, info.propensity())
                .rerun(attempt, option.platform(), option.id(), now);
    }

    /** The job's fingerprint: SHA-256 of its canonical JSON, the same as its claim-check key's digest. */
    static String fingerprint(Job job) {
        return ClaimCheckRef.sha256(Json.write(job));
    }

    private Delivery reject(String jobId, String error, String body) {
        Rejection rejection = Rejection.of(jobId, List.of(error), body, null, Instant.now(clock).toString());
        String id = jobId != null ? jobId : "unknown";
        EventPublisher.Result result = publisher.publish(List.of(
                new OutboundEvent(id, EventTypes.JOB_REJECTED, Json.write(rejection))));
        if (!result.allPublished()) {
            throw new ReportException("job " + id + ": rejection not published (" + result.failed().get(id)
                    + "); retry");
        }
        log.warn("job " + id + ": rejected: " + error, Map.of("job_id", id));
        return new Rejected(rejection);
    }

    private Outcome run(Job job, RunInfo info) {
        Platform platform = info.platform();
        WorkloadRunner runner = runners.forType(job.workloadType());
        Optional<Duration> limit = limits.enforced(platform);
        RunInterruption interruption = info.interruption();
        Instant started = Instant.now(clock);
        long t0 = System.nanoTime();
        JsonNode result = null;
        String error = null;
        boolean interrupted = false;
        try {
            result = limit.isPresent() || interruption != null ? runWithin(runner, job, limit, interruption)
                    : runner.run(job);
        } catch (CancellationException e) {
            // only the interruption cancels the run's future; a runner's own CancellationException is a failure
            interrupted = interruption != null && interruption.requested();
            error = interrupted ? "interrupted: the task was asked to stop (SIGTERM: a Fargate Spot interruption or "
                    + "a StopTask); stopped" : "CancellationException: " + e.getMessage();
            log.warn("job " + job.jobId() + ": " + error, Map.of("job_id", job.jobId()));
        } catch (TimeoutException e) {
            error = "timed out: still running after " + limit.get() + ", the task timeout (ROUTER_TASK_TIMEOUT); "
                    + "stopped";
            log.warn("job " + job.jobId() + ": " + error, Map.of("job_id", job.jobId()));
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.warn("job " + job.jobId() + ": runner " + runner.workloadType() + " failed: " + error,
                    Map.of("job_id", job.jobId(), "workload_type", runner.workloadType()));
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Instant finished = started.plusMillis(ms);
        Sized sized = sized(job, info);
        Measured measured = measure(job, info, sized, started, finished, ms, error == null);
        String status = interrupted ? Outcome.INTERRUPTED : error == null ? Outcome.SUCCEEDED : Outcome.FAILED;
        return new Outcome(job.jobId(), platform, started.toString(), ms, status, error, info.modelVersion(),
                job.workloadType(), result, job.withPayload(null), info.propensity(), measured, sized.option().id(),
                info.attempt());
    }

    /**
     * How the run is sized and on what: memory and vCPUs as the runtime reports them, else as the option
     * is, else as the router sizes the job; the option named by the decision or {@code ROUTER_OPTION}, else
     * the runtime's own, else the one the size, architecture and (on ECS) on-demand capacity make.
     */
    private record Sized(int memoryMb, double vcpu, String sizingSource, RunOption option, Arch arch) {
    }

    private Sized sized(Job job, RunInfo info) {
        RunSite site = info.site();
        boolean lambda = info.platform() == Platform.LAMBDA;
        RunOption named = RunOptions.declared().byId(info.optionId()).filter(o -> o.platform() == info.platform())
                .orElse(site.option());
        Arch arch = Arch.fromWire(site.arch()).orElseGet(JobExecutor::hostArch);
        int memoryMb;
        double vcpu;
        String sizing;
        if (site.memoryMb() != null) {
            memoryMb = site.memoryMb();
            vcpu = site.vcpu() != null ? site.vcpu() : lambdaVcpu(memoryMb);
            sizing = site.sizingSource();
        } else if (named != null) {
            memoryMb = named.memoryMb();
            vcpu = named.vcpu();
            // the option is the size the router asked for
            sizing = "router-sizing";
        } else if (lambda) {
            memoryMb = Sizing.lambdaConfiguredMemoryMb(job);
            vcpu = lambdaVcpu(memoryMb);
            sizing = "router-sizing";
        } else {
            FargateSize size = Sizing.fargateSize(job);
            memoryMb = size.memoryMb();
            vcpu = size.vcpu();
            sizing = "router-sizing";
        }
        RunOption option = named;
        if (option == null) {
            // the option this runtime is: the executor function's size and architecture, or the task's
            option = lambda ? RunOption.lambda(arch, Math.max(AwsPricing.LAMBDA_MIN_MEMORY_MB,
                    Math.min(AwsPricing.LAMBDA_MAX_MEMORY_MB, memoryMb)))
                    : RunOptions.declared().nearest(RunOption.fargate(FargateSize.atLeast(vcpu, memoryMb), arch,
                            Capacity.ON_DEMAND));
        }
        return new Sized(memoryMb, vcpu, sizing, option, arch);
    }

    /** The architecture this JVM runs on ({@code os.arch}: amd64/x86_64 or aarch64/arm64). */
    static Arch hostArch() {
        String a = System.getProperty("os.arch", "").toLowerCase(java.util.Locale.ROOT);
        return a.equals("aarch64") || a.equals("arm64") ? Arch.ARM64 : Arch.X86_64;
    }

    /** What was measured of one run: see {@link Measured} for each figure and where it comes from. */
    private Measured measure(Job job, RunInfo info, Sized sized, Instant started, Instant finished, long durationMs,
            boolean ok) {
        RunSite site = info.site();
        boolean lambda = info.platform() == Platform.LAMBDA;
        int memoryMb = sized.memoryMb();
        double vcpu = sized.vcpu();
        String sizing = sized.sizingSource();
        Arch arch = sized.arch();
        Capacity capacity = sized.option().capacity();
        Long startupMs = site.startupMs();
        String startupSource = site.startupSource();
        if (startupMs == null) {
            Optional<Instant> decided = instant(info.decidedAt());
            if (decided.isPresent()) {
                // clocks of two hosts: a decision stamped a little after the start is a start-up of 0
                startupMs = Math.max(0, Duration.between(decided.get(), started).toMillis());
                startupSource = Measured.STARTUP_MEASURED;
            } else {
                startupSource = "unknown: the decision's decided_at did not reach the executor";
            }
        }
        double billed;
        String billing;
        if (lambda) {
            // Lambda bills every 1 ms of the handler, at least 1 ms, plus the request
            billed = arch == Arch.ARM64 ? prices.lambdaArmCostUsd(memoryMb, Math.max(1, durationMs))
                    : prices.lambdaCostUsd(memoryMb, Math.max(1, durationMs));
            billing = "lambda: duration x memory + request";
        } else {
            long billedMs = durationMs;
            if (site.billedFrom() != null) {
                billedMs = Math.max(durationMs, Duration.between(site.billedFrom(), finished).toMillis());
            } else if (site.billedBeforeStartMs() != null) {
                billedMs = durationMs + site.billedBeforeStartMs();
            }
            billed = prices.fargateUsdPerHour(arch, capacity, vcpu, memoryMb)
                    * prices.fargateBilledSeconds(billedMs / 1000.0) / 3600.0;
            billing = site.billingNote() != null ? site.billingNote() : "fargate: from the job's start";
        }
        long sloMs = Math.round(Sizing.sloMs(job));
        long latencyMs = durationMs + (startupMs == null ? 0 : startupMs);
        MaxMemory peak = maxMemory();
        return new Measured(info.platform(), started.toString(), finished.toString(), durationMs, startupMs,
                startupSource, lambda ? site.coldStart() : null, memoryMb, vcpu, sizing, peak.mb(), peak.source(),
                billed, billing, sloMs, ok && latencyMs <= sloMs, site.source(), arch.wireName(),
                lambda ? null : capacity.wireName());
    }

    private static double lambdaVcpu(int memoryMb) {
        return Math.min(AwsPricing.LAMBDA_MAX_VCPU, (double) memoryMb / AwsPricing.LAMBDA_MB_PER_VCPU);
    }

    private static Optional<Instant> instant(String iso) {
        if (iso == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The process's peak memory and what the figure is. */
    record MaxMemory(Long mb, String source) {
    }

    /**
     * Best effort: the process's peak resident set ({@code VmHWM} in {@code /proc/self/status}, Linux),
     * else the sum of the JVM memory pools' peaks. A process that runs several jobs (a warm Lambda, the
     * embedded stack) reports its peak so far, not this job's alone.
     */
    static MaxMemory maxMemory() {
        Path status = Path.of("/proc/self/status");
        if (Files.isReadable(status)) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        long kb = Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                        return new MaxMemory(kb / 1024, "os:VmHWM");
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // fall back to the JVM's own figure below
            }
        }
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return new MaxMemory(bytes / (1024 * 1024), "jvm:pools-peak");
    }

    /**
     * Runs the runner on a thread of its own and waits at most {@code limit} (when given), or until
     * {@code interruption} cancels it ({@link CancellationException}); then interrupts it and gives up on it
     * (a daemon thread: the ECS task exits right after reporting, which ends it).
     */
    private static JsonNode runWithin(WorkloadRunner runner, Job job, Optional<Duration> limit,
            RunInterruption interruption) throws Exception {
        FutureTask<JsonNode> task = new FutureTask<>(() -> runner.run(job));
        Thread thread = new Thread(task, "job-" + job.jobId());
        thread.setDaemon(true);
        if (interruption != null) {
            interruption.running(task);
        }
        thread.start();
        try {
            return limit.isPresent() ? task.get(limit.get().toNanos(), TimeUnit.NANOSECONDS) : task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException | InterruptedException e) {
            task.cancel(true);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e;
        } finally {
            if (interruption != null) {
                interruption.done();
            }
        }
    }

    private static Job parse(String json) {
        JobParseResult parsed = new JobValidator().parse(json);
        if (parsed instanceof JobParseResult.Invalid invalid) {
            throw new IllegalArgumentException("routed job is invalid: " + invalid.summary());
        }
        return ((JobParseResult.Valid) parsed).job();
    }
}
