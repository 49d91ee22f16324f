package io.hybridrouter.ingest;

import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.JobParseResult;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.cost.AwsPricing;
import io.hybridrouter.shared.aws.DryRun;
import io.hybridrouter.shared.events.Backoff;
import io.hybridrouter.shared.snapstart.Jitter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Puts jobs on the jobs queue: validates each, then sends with {@code SendMessageBatch} (at most 10
 * entries and 1 MiB per call), resends only the entries that failed for a transient reason with
 * bounded backoff, and reports a result per job. The message body is the validated job (with its
 * generated {@code job_id}); attributes carry {@code workload_type} and {@code job_id}.
 * Thread-safe (the SDK client is).
 */
public final class JobProducer {

    private final SqsClient sqs;
    private final String queueUrl;
    private final Backoff backoff;
    private final Backoff.Sleeper sleeper;
    private final Jitter jitter;
    private final JobValidator validator;

    /** A producer with its own jitter source (tools and tests, which SnapStart never snapshots). */
    public JobProducer(SqsClient sqs, String queueUrl, Backoff backoff, Backoff.Sleeper sleeper,
            JobValidator validator) {
        this(sqs, queueUrl, backoff, sleeper, new Jitter(), validator);
    }

    /** A producer drawing its backoff jitter from {@code jitter} (the component's, reseeded after a restore). */
    public JobProducer(SqsClient sqs, String queueUrl, Backoff backoff, Backoff.Sleeper sleeper, Jitter jitter,
            JobValidator validator) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.jitter = jitter;
        this.validator = validator;
    }

    public String queueUrl() {
        return queueUrl;
    }

    /** What happened to one input. */
    public enum Status { SENT, REJECTED, FAILED }

    /**
     * One input's result.
     *
     * @param index     its position in the input
     * @param jobId     the job id (generated when absent), null when unreadable
     * @param status    sent, rejected (invalid, or refused by SQS as it is: sending it again cannot help) or
     *                  failed (valid, not accepted this time: worth retrying)
     * @param messageId the SQS message id when sent
     * @param errors    why it was rejected or failed
     */
    public record Result(int index, String jobId, Status status, String messageId, List<String> errors) {
    }

    /** Validates and sends raw job JSON documents. {@code progress} receives the count of inputs settled. */
    public List<Result> sendRaw(List<String> documents, IntConsumer progress) {
        Result[] results = new Result[documents.size()];
        List<Pending> valid = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            JobParseResult parsed = validator.parse(documents.get(i));
            if (parsed instanceof JobParseResult.Valid v) {
                valid.add(new Pending(i, v.job()));
            } else {
                JobParseResult.Invalid invalid = (JobParseResult.Invalid) parsed;
                results[i] = new Result(i, invalid.jobId().orElse(null), Status.REJECTED, null, invalid.messages());
            }
        }
        send(valid, results, progress, documents.size() - valid.size());
        return List.of(results);
    }

    /** Sends jobs that are already valid. */
    public List<Result> send(List<Job> jobs) {
        Result[] results = new Result[jobs.size()];
        List<Pending> pending = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            pending.add(new Pending(i, jobs.get(i)));
        }
        send(pending, results, n -> { }, 0);
        return List.of(results);
    }

    private record Pending(int index, Job job, String body) {
        Pending(int index, Job job) {
            this(index, job, Json.write(job));
        }

        int size() {
            return body.getBytes(StandardCharsets.UTF_8).length + job.workloadType().length() + job.jobId().length()
                    + 64;
        }
    }

    private void send(List<Pending> jobs, Result[] results, IntConsumer progress, int alreadySettled) {
        int settled = alreadySettled;
        List<Pending> sendable = new ArrayList<>();
        for (Pending p : jobs) {
            if (p.size() > AwsPricing.SQS_MAX_MESSAGE_BYTES) {
                results[p.index()] = new Result(p.index(), p.job().jobId(), Status.REJECTED, null,
                        List.of("job: message of " + p.size() + " bytes is over SQS's "
                                + AwsPricing.SQS_MAX_MESSAGE_BYTES + "-byte limit; keep large data in S3 and "
                                + "send its location in payload"));
                settled++;
            } else {
                sendable.add(p);
            }
        }
        progress.accept(settled);
        for (List<Pending> batch : batches(sendable)) {
            sendBatch(batch, results);
            settled += batch.size();
            progress.accept(settled);
        }
    }

    private void sendBatch(List<Pending> batch, Result[] results) {
        Map<String, Pending> pending = new HashMap<>();
        for (Pending p : batch) {
            pending.put(Integer.toString(p.index()), p);
        }
        Map<String, String> lastError = new HashMap<>();
        for (int attempt = 1; attempt <= backoff.maxAttempts() && !pending.isEmpty(); attempt++) {
            if (attempt > 1 && !pause(attempt)) {
                break;
            }
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            pending.forEach((id, p) -> entries.add(entry(id, p)));
            SendMessageBatchResponse response;
            try {
                response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            } catch (SdkException e) {
                String why = "SendMessageBatch failed: " + Backoff.firstLine(e.getMessage());
                pending.keySet().forEach(id -> lastError.put(id, why));
                continue;
            }
            response.successful().forEach(ok -> {
                Pending p = pending.remove(ok.id());
                if (p != null) {
                    results[p.index()] = new Result(p.index(), p.job().jobId(), Status.SENT, ok.messageId(), List.of());
                }
            });
            for (BatchResultErrorEntry err : response.failed()) {
                String why = err.code() + ": " + err.message();
                if (Boolean.TRUE.equals(err.senderFault())) {
                    // the queue refuses the job as it is (characters SQS cannot carry, a size it counts
                    // differently): sending it again would fail the same way
                    Pending p = pending.remove(err.id());
                    if (p != null) {
                        results[p.index()] = new Result(p.index(), p.job().jobId(), Status.REJECTED, null,
                                List.of("job: the queue refused it (" + why + ")"));
                    }
                } else {
                    lastError.put(err.id(), why);
                }
            }
        }
        pending.forEach((id, p) -> results[p.index()] = new Result(p.index(), p.job().jobId(), Status.FAILED, null,
                List.of(lastError.getOrDefault(id, "not sent"))));
    }

    private boolean pause(int attempt) {
        try {
            sleeper.sleep(backoff.delayMs(attempt - 1, jitter));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Builds the {@code SendMessageBatch} call for {@code job} as {@link #send} does, and runs it
     * through the SQS client up to the point of sending, without sending it (see {@link DryRun}): for
     * priming a SnapStart snapshot. Returns the HTTP request that would have gone out.
     *
     * @throws IllegalStateException if the call could not be built or was not stopped before sending
     */
    public SdkHttpRequest dryRun(Job job) {
        SendMessageBatchRequestEntry entry = entry("0", new Pending(0, job));
        return DryRun.run(() -> sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entry)
                .overrideConfiguration(DryRun.overrides())));
    }

    private static SendMessageBatchRequestEntry entry(String id, Pending p) {
        return SendMessageBatchRequestEntry.builder().id(id)
                .messageBody(p.body())
                .messageAttributes(Map.of(
                        "workload_type", attribute(p.job().workloadType()),
                        "job_id", attribute(p.job().jobId())))
                .build();
    }

    private static List<List<Pending>> batches(List<Pending> jobs) {
        List<List<Pending>> out = new ArrayList<>();
        List<Pending> current = new ArrayList<>();
        int bytes = 0;
        for (Pending p : jobs) {
            int size = p.size();
            if (!current.isEmpty() && (current.size() == AwsPricing.SQS_MAX_BATCH_ENTRIES
                    || bytes + size > AwsPricing.SQS_MAX_MESSAGE_BYTES)) {
                out.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(p);
            bytes += size;
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    private static MessageAttributeValue attribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

}
