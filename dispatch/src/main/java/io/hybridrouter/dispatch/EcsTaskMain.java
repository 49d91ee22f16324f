package io.hybridrouter.dispatch;

import io.hybridrouter.dispatch.di.EcsTaskComponent;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Outcome;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.claim.EcsOverrides;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/**
 * The ECS worker's entry point. The routing rule's input transformer sets the container's
 * environment: {@code ROUTER_JOB} (the job's JSON, or an {@code s3://} claim-check reference),
 * {@code ROUTER_JOB_ID} and {@code ROUTER_MODEL_VERSION}. The task runs the job once, emits the
 * outcome on the bus, and exits 0 when the job succeeded (or had already run), 1 otherwise, with
 * one line saying why.
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
        String raw = env.get(EcsOverrides.ENV_JOB);
        if (raw == null || raw.isBlank()) {
            err.println("hybrid-router worker: " + EcsOverrides.ENV_JOB + " is not set; the ECS target's input "
                    + "transformer must pass the job in the container overrides");
            return 1;
        }
        String modelVersion = env.getOrDefault(EcsOverrides.ENV_MODEL_VERSION, "unknown");
        try {
            Job job = executor.resolve(raw);
            String expectedId = env.get(EcsOverrides.ENV_JOB_ID);
            if (expectedId != null && !expectedId.equals(job.jobId())) {
                err.println("hybrid-router worker: " + EcsOverrides.ENV_JOB_ID + " " + expectedId
                        + " does not match the job's id " + job.jobId());
                return 1;
            }
            Optional<Outcome> outcome = executor.execute(job, modelVersion, Platform.ECS);
            if (outcome.isEmpty()) {
                out.println("hybrid-router worker: job " + job.jobId() + " already ran; nothing to do");
                return 0;
            }
            Outcome o = outcome.get();
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
