package io.hybridrouter.dispatch.idempotency;

/**
 * Claims a job before it runs, so that a job delivered twice (EventBridge and Lambda's async
 * invocation are at-least-once) runs once. Implementations are thread-safe and atomic per key.
 *
 * <p>Key: {@code job#<job_id>}. A claim is {@code IN_PROGRESS} until the executor marks it
 * {@code COMPLETED}; an in-progress claim older than the in-progress timeout (15 minutes, Lambda's
 * longest run) is considered abandoned and may be claimed again. Records expire after 24 hours
 * (DynamoDB TTL on {@code expiration}); a job id reused after that runs again.
 */
public interface IdempotencyStore {

    long IN_PROGRESS_TIMEOUT_MS = 15 * 60 * 1000L;
    long EXPIRY_SECONDS = 24 * 60 * 60L;

    /** True when this caller now owns the job; false when it ran or is running elsewhere. */
    boolean claim(String jobId);

    /** The job ran and its outcome is published: later deliveries are duplicates. */
    void complete(String jobId);

    /** Gives the claim up (the run could not be reported), so a redelivery runs the job again. */
    void release(String jobId);

    static String key(String jobId) {
        return "job#" + jobId;
    }
}
