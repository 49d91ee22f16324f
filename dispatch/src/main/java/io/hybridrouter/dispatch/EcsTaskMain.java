package io.hybridrouter.dispatch;

import io.hybridrouter.dispatch.di.EcsTaskComponent;
import io.hybridrouter.shared.Outcome;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.claim.EcsOverrides;
import io.hybridrouter.shared.cost.AwsPricing;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The ECS worker's entry point. The routing rule's input transformer sets the container's
 * environment: {@code ROUTER_JOB} (the job's JSON, or an {@code s3://} claim-check reference),
 * {@code ROUTER_JOB_ID}, {@code ROUTER_MODEL_VERSION}, {@code ROUTER_DECIDED_AT} and {@code ROUTER_PROPENSITY}
 * (carried into the outcome). The task runs the job once, within
 * {@code ROUTER_TASK_TIMEOUT} (default 4 hours; ECS has no run-time limit of its own, and the
 * idempotency claim is held that long plus a margin), emits the outcome on the bus, and exits 0 when
 * the job succeeded (or had already run), 1 otherwise, with one line saying why. A job that must not
 * run (a claim check outside the claim bucket, another job's id) is rejected on the bus.
 *
 * <p>The option's target also sets {@code ROUTER_OPTION} (the option the task runs as, e.g.
 * {@code ecs-x86_64-1vcpu-2gb-spot}) and {@code ROUTER_ATTEMPT}. A SIGTERM while the job runs (Fargate
 * Spot's two-minute warning, or a {@code StopTask}) stops the runner, publishes an {@code interrupted}
 * outcome and the re-run's decision (see {@link JobExecutor}), and exits 0; if they cannot be published
 * within {@link RunLimits#INTERRUPTED_REPORT_WINDOW}, or the interrupted run was the last attempt, it exits 1
 * with one line saying why, so the task's stopped event (exit code 1) shows it. A SIGTERM with no job
 * running exits at once with the run's own exit code. The worker container's {@code stopTimeout} should be
 * 120 s (the Fargate maximum), so that the task has the whole two minutes.
 */
public final class EcsTaskMain {

    private EcsTaskMain() {
    }

    public static void main(String[] args) {
        RunInterruption interruption = new RunInterruption();
        Termination termination = new Termination(interruption, TERMINATION_GRACE, System.err);
        // the JVM runs shutdown hooks on SIGTERM; the hook halts with the run's exit code once it is reported
        Runtime.getRuntime().addShutdownHook(new Thread(() -> termination.onSigterm()
                .ifPresent(code -> Runtime.getRuntime().halt(code)), "sigterm"));
        int code;
        try {
            code = run(System.getenv(), EcsTaskComponent.create().executor(), System.out, System.err, null, null,
                    null, interruption);
        } catch (RuntimeException | ExceptionInInitializerError e) {
            System.err.println("hybrid-router worker: cannot start: " + e.getMessage());
            code = 1;
        }
        if (termination.finished(code)) {
            System.exit(code);
        }
        // else the SIGTERM hook is running: it halts with this code (System.exit would block in a shutdown)
    }

    /**
     * How long the SIGTERM hook waits for the interrupted run to be reported before it gives up and exits 1:
     * the report window plus a margin, within the two minutes before SIGKILL.
     */
    static final Duration TERMINATION_GRACE = RunLimits.INTERRUPTED_REPORT_WINDOW.plusSeconds(
            (AwsPricing.FARGATE_SPOT_WARNING_S - RunLimits.INTERRUPTED_REPORT_WINDOW.toSeconds()) / 2);

    /**
     * What the task does on SIGTERM, apart from the JVM's shutdown: stops the running job through its
     * {@link RunInterruption}, waits (at most the grace) until the run has been reported, and gives the
     * exit code the JVM must halt with; with no job running (the run already over), nothing. Thread-safe.
     */
    static final class Termination {
        private final RunInterruption interruption;
        private final Duration grace;
        private final PrintStream err;
        private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
        private boolean signalled;

        Termination(RunInterruption interruption, Duration grace, PrintStream err) {
            this.interruption = interruption;
            this.grace = grace;
            this.err = err;
        }

        /** The run is over with {@code code}; true when the caller must exit itself (no SIGTERM is being handled). */
        synchronized boolean finished(int code) {
            exitCode.complete(code);
            return !signalled;
        }

        /** On SIGTERM: the exit code to halt with, or empty to let the JVM exit as it is (no job running). */
        OptionalInt onSigterm() {
            synchronized (this) {
                if (exitCode.isDone()) {
                    return OptionalInt.empty();
                }
                signalled = true;
            }
            err.println("hybrid-router worker: SIGTERM: stopping the job and reporting it for a re-run");
            interruption.interrupt();
            try {
                return OptionalInt.of(exitCode.get(grace.toMillis(), TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                err.println("hybrid-router worker: SIGTERM: the interrupted job was not reported within "
                        + grace.toSeconds() + " s; exiting 1 (the job needs a re-run)");
                return OptionalInt.of(1);
            } catch (ExecutionException e) {
                return OptionalInt.of(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return OptionalInt.of(1);
            }
        }
    }

    /** Runs the job the environment names; returns the exit code. */
    public static int run(Map<String, String> env, JobExecutor executor, PrintStream out, PrintStream err) {
        return run(env, executor, out, err, null, null, null);
    }

    /**
     * Runs the job the environment names at {@code site} (null: read from the task metadata endpoint the
     * environment names, see {@link TaskMetadata}), with the decision's {@code decided_at} and propensity
     * when the caller knows them (else the environment's {@code ROUTER_DECIDED_AT} and {@code ROUTER_PROPENSITY},
     * when set).
     */
    public static int run(Map<String, String> env, JobExecutor executor, PrintStream out, PrintStream err,
            RunSite site, String decidedAt, Double propensity) {
        return run(env, executor, out, err, site, decidedAt, propensity, null);
    }

    /**
     * As {@link #run(Map, JobExecutor, PrintStream, PrintStream, RunSite, String, Double)}, stopped and
     * reported for a re-run when {@code interruption} fires (null: nothing stops the run).
     */
    public static int run(Map<String, String> env, JobExecutor executor, PrintStream out, PrintStream err,
            RunSite site, String decidedAt, Double propensity, RunInterruption interruption) {
        String raw = env.get(EcsOverrides.ENV_JOB);
        if (raw == null || raw.isBlank()) {
            err.println("hybrid-router worker: " + EcsOverrides.ENV_JOB + " is not set; the ECS target's input "
                    + "transformer must pass the job in the container overrides");
            return 1;
        }
        String modelVersion = env.getOrDefault(EcsOverrides.ENV_MODEL_VERSION, "unknown");
        try {
            JobExecutor.Delivery delivery = executor.deliver(env.get(EcsOverrides.ENV_JOB_ID), raw, modelVersion,
                    Platform.ECS, decidedAt != null ? decidedAt : env.get(EcsOverrides.ENV_DECIDED_AT),
                    propensity != null ? propensity : EcsOverrides.propensity(env).orElse(null),
                    site != null ? site : TaskMetadata.site(env), new JobExecutor.TaskRun(
                            env.get(EcsOverrides.ENV_OPTION), EcsOverrides.attempt(env), interruption));
            if (delivery instanceof JobExecutor.Duplicate d) {
                out.println("hybrid-router worker: job " + d.jobId() + " already ran or is running; nothing to do");
                return 0;
            }
            if (delivery instanceof JobExecutor.Interrupted i) {
                if (i.rerun().isPresent()) {
                    out.println("hybrid-router worker: job " + i.outcome().jobId() + " interrupted after "
                            + i.outcome().durationMs() + " ms on " + i.outcome().option() + "; re-run as attempt "
                            + i.rerun().get().attemptNumber() + " on " + i.rerun().get().option());
                    return 0;
                }
                err.println("hybrid-router worker: job " + i.outcome().jobId() + " interrupted on attempt "
                        + i.outcome().attempt() + ", the last; not re-run");
                return 1;
            }
            if (delivery instanceof JobExecutor.Rejected r) {
                err.println("hybrid-router worker: job " + r.rejection().jobId() + " rejected: "
                        + String.join("; ", r.rejection().errors()));
                return 1;
            }
            Outcome o = ((JobExecutor.Ran) delivery).outcome();
            if (o.succeeded()) {
                out.println("hybrid-router worker: job " + o.jobId() + " succeeded in " + o.durationMs() + " ms");
                return 0;
            }
            err.println("hybrid-router worker: job " + o.jobId() + " failed: " + o.error());
            return 1;
        } catch (RuntimeException e) {
            err.println("hybrid-router worker: " + e.getMessage());
            return 1;
        }
    }
}
