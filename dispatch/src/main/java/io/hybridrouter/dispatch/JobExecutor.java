package io.hybridrouter.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.dispatch.idempotency.IdempotencyStore;
import io.hybridrouter.dispatch.runner.Runners;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.JobParseResult;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Outcome;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.claim.ClaimCheckStore;
import io.hybridrouter.shared.events.EventPublisher;
import io.hybridrouter.shared.events.EventTypes;
import io.hybridrouter.shared.events.OutboundEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs a routed job once and reports it: claims the job id, runs the workload type's runner,
 * publishes the outcome as a {@code JobCompleted} event, then marks the claim completed. Shared by
 * the Lambda executor and the ECS task so that both do exactly the same. Thread-safe if its
 * collaborators are.
 *
 * <p>If the outcome cannot be published the claim is released and {@link ReportException} is
 * thrown, so the delivery is retried (Lambda's async retries, the target's DLQ, the task's exit
 * code): the job may then run again, which is the price of never losing its outcome.
 */
public final class JobExecutor {

    private final Runners runners;
    private final IdempotencyStore idempotency;
    private final Optional<ClaimCheckStore> claims;
    private final EventPublisher publisher;
    private final Clock clock;
    private final Consumer<String> log;

    public JobExecutor(Runners runners, IdempotencyStore idempotency, Optional<ClaimCheckStore> claims,
            EventPublisher publisher, Clock clock, Consumer<String> log) {
        this.runners = runners;
        this.idempotency = idempotency;
        this.claims = claims;
        this.publisher = publisher;
        this.clock = clock;
        this.log = log;
    }

    /** Thrown when a job cannot be run or reported for a reason a retry may cure. */
    public static final class ReportException extends RuntimeException {
        public ReportException(String message) {
            super(message);
        }
    }

    /** The outcome, or empty when the job was a duplicate delivery and did not run. */
    public Optional<Outcome> execute(Job job, String modelVersion, Platform platform) {
        if (!idempotency.claim(job.jobId())) {
            log.accept("job " + job.jobId() + ": already run or running elsewhere; duplicate delivery skipped");
            return Optional.empty();
        }
        Outcome outcome = run(job, modelVersion, platform);
        EventPublisher.Result result = publisher.publish(List.of(
                new OutboundEvent(job.jobId(), EventTypes.JOB_COMPLETED, Json.write(outcome))));
        if (!result.allPublished()) {
            idempotency.release(job.jobId());
            throw new ReportException("job " + job.jobId() + ": outcome not published ("
                    + result.failed().get(job.jobId()) + "); released for retry");
        }
        idempotency.complete(job.jobId());
        return Optional.of(outcome);
    }

    private Outcome run(Job job, String modelVersion, Platform platform) {
        WorkloadRunner runner = runners.forType(job.workloadType());
        Instant started = Instant.now(clock);
        long t0 = System.nanoTime();
        JsonNode result = null;
        String error = null;
        try {
            result = runner.run(job);
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.accept("job " + job.jobId() + ": runner " + runner.workloadType() + " failed: " + error);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new Outcome(job.jobId(), platform, started.toString(), ms,
                error == null ? Outcome.SUCCEEDED : Outcome.FAILED, error, modelVersion, job.workloadType(), result);
    }

    /**
     * The job a decision or a container variable carries: JSON, base64-encoded JSON (what the ECS
     * target passes inline), or a claim-check reference fetched from the store. Throws
     * {@link ReportException} when it cannot be had.
     */
    public Job resolve(String jobOrReference) {
        String json = jobOrReference.strip();
        if (!json.startsWith("{") && !ClaimCheckStore.isReference(json)) {
            try {
                json = new String(Base64.getDecoder().decode(json), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("routed job is neither JSON, base64 JSON nor an s3:// reference");
            }
        }
        if (ClaimCheckStore.isReference(jobOrReference)) {
            ClaimCheckStore store = claims.orElseThrow(() -> new ReportException(
                    "job is a claim check (" + jobOrReference + ") but no claim-check bucket is configured"));
            json = store.get(jobOrReference).orElseThrow(() -> new ReportException(
                    "claim check " + jobOrReference + " not found"));
        }
        JobParseResult parsed = new JobValidator().parse(json);
        if (parsed instanceof JobParseResult.Invalid invalid) {
            throw new IllegalArgumentException("routed job is invalid: " + invalid.summary());
        }
        return ((JobParseResult.Valid) parsed).job();
    }
}
