package io.hybridrouter.dispatch;

import io.hybridrouter.dispatch.di.EcsTaskComponent;
import io.hybridrouter.shared.Outcome;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.claim.EcsOverrides;
import java.io.PrintStream;
import java.util.Map;

/**
 * The ECS worker's entry point. The routing rule's input transformer sets the container's
 * environment: {@code ROUTER_JOB} (the job's JSON, or an {@code s3://} claim-check reference),
 * {@code ROUTER_JOB_ID}, {@code ROUTER_MODEL_VERSION}, {@code ROUTER_DECIDED_AT} and {@code ROUTER_PROPENSITY}
 * (carried into the outcome). The task runs the job once, within
 * {@code ROUTER_TASK_TIMEOUT} (default 4 hours; ECS has no run-time limit of its own, and the
 * idempotency claim is held that long plus a margin), emits the outcome on the bus, and exits 0 when
 * the job succeeded (or had already run), 1 otherwise, with one line saying why. A job that must not
 * run (a claim check outside the claim bucket, another job's id) is rejected on the bus.
 */
public final class EcsTaskMain {

    private EcsTaskMain() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(System.getenv(), EcsTaskComponent.create().executor(), System.out, System.err);
        } catch (RuntimeException | ExceptionInInitializerError e) {
            System.err.println("hybrid-router worker: cannot start: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
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
                    site != null ? site : TaskMetadata.site(env));
            if (delivery instanceof JobExecutor.Duplicate d) {
                out.println("hybrid-router worker: job " + d.jobId() + " already ran or is running; nothing to do");
                return 0;
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
