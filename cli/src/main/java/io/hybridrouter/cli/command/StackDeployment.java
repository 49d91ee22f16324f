package io.hybridrouter.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.ingest.JobProducer;
import io.hybridrouter.localstack.embedded.EmbeddedStack;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.events.Backoff;
import io.hybridrouter.shared.events.EventTypes;
import io.hybridrouter.training.learn.Deployment;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The learning router deployed in the embedded stack: each round's jobs are submitted through the SQS
 * API and the round ends when every job has its decision and its outcome (or was rejected, or its
 * target failed: both end the run, since the round could not be measured). Decisions, outcomes and
 * failures arrive on the stack's threads through {@link #record}; {@link #decide} runs on the caller's.
 * Thread-safe in that sense.
 */
final class StackDeployment implements Deployment {

    private final Map<String, JsonNode> decisions = new ConcurrentHashMap<>();
    private final Map<String, Boolean> completed = new ConcurrentHashMap<>();
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    private volatile EmbeddedStack stack;
    private final PrintWriter err;
    private final long stallMs;

    StackDeployment(PrintWriter err, long stallMs) {
        this.err = err;
        this.stallMs = stallMs;
    }

    /** The stack to submit to; set once it is started with {@link #record} as its listener. */
    void attach(EmbeddedStack s) {
        this.stack = s;
    }

    void record(ObjectNode event) {
        String type = event.path("detail-type").asText();
        JsonNode detail = event.get("detail");
        switch (type) {
            case EventTypes.ROUTING_DECISION -> decisions.put(detail.get("job_id").asText(), detail);
            case EventTypes.JOB_COMPLETED -> completed.put(detail.get("job_id").asText(), Boolean.TRUE);
            case EventTypes.JOB_REJECTED -> problems.put(detail.path("job_id").asText("?"), "rejected: "
                    + detail.path("reason").asText(detail.toString()));
            default -> problems.put(event.path("event").path("detail").path("job_id").asText("?"),
                    type + ": " + event.path("error").asText());
        }
    }

    @Override
    public Map<String, Decided> decide(int round, List<Job> jobs) throws InterruptedException {
        JobProducer producer = new JobProducer(stack.sqs(), stack.jobsQueueUrl(), Backoff.DEFAULT,
                Backoff.Sleeper.REAL, new JobValidator());
        long notSent = producer.send(jobs).stream().filter(r -> r.status() != JobProducer.Status.SENT).count();
        if (notSent > 0) {
            throw new IllegalStateException(notSent + " jobs of round " + round + " were not accepted by the queue");
        }
        Progress progress = new Progress(err, "round " + round + " jobs done", jobs.size());
        CompletableFuture<String> died = stack.died();
        long lastChange = System.currentTimeMillis();
        int last = -1;
        while (true) {
            if (!problems.isEmpty()) {
                Map.Entry<String, String> p = problems.entrySet().iterator().next();
                throw new IllegalStateException("job " + p.getKey() + " " + p.getValue() + "; round " + round
                        + " cannot be measured");
            }
            if (died.isDone()) {
                throw new IllegalStateException(died.join());
            }
            int done = 0;
            for (Job j : jobs) {
                if (decisions.containsKey(j.jobId()) && completed.containsKey(j.jobId())) {
                    done++;
                }
            }
            if (done != last) {
                last = done;
                lastChange = System.currentTimeMillis();
                progress.update(done);
            } else if (System.currentTimeMillis() - lastChange > stallMs) {
                throw new IllegalStateException("no progress for " + stallMs / 1000 + " s in round " + round + ": "
                        + done + " of " + jobs.size() + " jobs decided and done");
            }
            if (done == jobs.size()) {
                break;
            }
            Thread.sleep(50);
        }
        progress.done();
        Map<String, Decided> out = new LinkedHashMap<>();
        for (Job j : jobs) {
            JsonNode d = decisions.get(j.jobId());
            out.put(j.jobId(), new Decided(Platform.fromWire(d.get("platform").asText()).orElseThrow(),
                    d.path("reason").asText(), d.path("model_version").asText(),
                    d.path("propensity").isNumber() ? d.get("propensity").asDouble() : null));
        }
        return out;
    }
}
