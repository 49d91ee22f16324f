package io.hybridrouter.dispatch;

import java.util.concurrent.Future;

/**
 * A request to stop the job this process is running, and where it comes from: on ECS the task's
 * SIGTERM (Fargate Spot's two-minute warning, or a {@code StopTask}), in the embedded stack the
 * simulated Spot interruption delivered as that SIGTERM handler would. The executor registers the
 * running job's future here; {@link #interrupt()} cancels it (interrupting the runner's thread), and a
 * job registered after the request is cancelled at once, so a request never falls between two jobs
 * unseen. One instance serves one task (one job). Thread-safe.
 */
public final class RunInterruption {

    private boolean requested;
    private Future<?> running;

    /** Asks the running job (or the next one, if none is running yet) to stop. */
    public synchronized void interrupt() {
        requested = true;
        if (running != null) {
            running.cancel(true);
        }
    }

    /** Whether a stop has been requested. */
    public synchronized boolean requested() {
        return requested;
    }

    /** Registers the running job; it is cancelled at once when a stop was already requested. */
    synchronized void running(Future<?> job) {
        running = job;
        if (requested) {
            job.cancel(true);
        }
    }

    /** The job ended (ran to the end, failed or was stopped): nothing to cancel any more. */
    synchronized void done() {
        running = null;
    }
}
