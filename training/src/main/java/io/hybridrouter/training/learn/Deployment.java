package io.hybridrouter.training.learn;

import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.RoutingDecision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the learning router decides a round's jobs: the embedded stack ({@code router demo --learn}),
 * or the router called in this thread (tests). Whatever it is, it decides with the router the
 * {@link LearningLoop} gives it, so a model swapped between rounds is the one the next round uses.
 */
@FunctionalInterface
public interface Deployment {

    /**
     * Decides every job of a round and returns each job's decision by job id; a job left undecided is a
     * failure of the deployment (it throws rather than return fewer).
     */
    Map<String, Decided> decide(int round, List<Job> jobs) throws InterruptedException;

    /**
     * What the router did with one job.
     *
     * @param platform     where it sent it
     * @param reason       the decision's reason ({@code model}, {@code explore}, ...)
     * @param modelVersion the model it decided with
     * @param propensity   the probability it had of sending it there, or null
     */
    record Decided(Platform platform, String reason, String modelVersion, Double propensity) {

        public static Decided of(RoutingDecision d) {
            return new Decided(d.platform(), d.reason().wireName(), d.modelVersion(), d.propensity());
        }
    }

    /** The router called directly, in the caller's thread: no queues, no executors. */
    static Deployment direct(JobRouter router) {
        return (round, jobs) -> {
            Map<String, Decided> out = new LinkedHashMap<>();
            for (Job job : jobs) {
                out.put(job.jobId(), Decided.of(router.decide(job)));
            }
            return out;
        };
    }
}
