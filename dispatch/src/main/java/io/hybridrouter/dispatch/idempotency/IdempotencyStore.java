package io.hybridrouter.dispatch.idempotency;

import java.time.Duration;

/**
 * Claims a job before it runs, so that a job delivered twice (EventBridge and Lambda's async
 * invocation are at-least-once) runs once, and a different job that reuses its id is told apart.
 * Implementations are thread-safe and atomic per key.
 *
 * <p>Key: {@code job#<job_id>}; the record holds the job's fingerprint (SHA-256 of its canonical
 * JSON). A claim is {@code IN_PROGRESS} until the executor marks it {@code COMPLETED}; an in-progress
 * claim older than the timeout its claimer gave (the platform's longest run plus a margin) is
 * considered abandoned and may be claimed again by the same job. Records expire
 * {@link #EXPIRY_SECONDS} after they are completed (DynamoDB TTL on {@code expiration}); a job id
 * reused after that runs again.
 */
public interface IdempotencyStore {

    long EXPIRY_SECONDS = 24 * 60 * 60L;

    /** What a claim found. */
    enum Claim {
        /** No live record, or an abandoned claim of the same job: this caller now owns the job. */
        CLAIMED,
        /** The same job (same fingerprint) ran or is running: a redelivery, skip it. */
        DUPLICATE,
        /** A different job (other fingerprint) holds this id: not this job's to run. */
        CONFLICT
    }

    /**
     * Claims {@code jobId} for the job with {@code fingerprint}; the claim is held for
     * {@code inProgressTimeout} unless completed or released.
     */
    Claim claim(String jobId, String fingerprint, Duration inProgressTimeout);

    /** The job ran and its outcome is published: later deliveries are duplicates. */
    void complete(String jobId, String fingerprint);

    /**
     * Gives the claim up (the run could not be reported), so a redelivery runs the job again. Only
     * the holder's own claim (same fingerprint) is removed.
     */
    void release(String jobId, String fingerprint);

    /**
     * What a run is claimed under: the job id for its first attempt (as before re-runs existed), and
     * {@code <job_id>#attempt-<n>} for a re-run after a Spot interruption, so that the re-run is not
     * taken for a duplicate of the interrupted attempt while a second delivery of either still is.
     */
    static String claimId(String jobId, int attempt) {
        return attempt <= 1 ? jobId : jobId + "#attempt-" + attempt;
    }

    static String key(String jobId) {
        return "job#" + jobId;
    }
}
