package io.hybridrouter.training;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.shared.option.RunOptions;

/**
 * A {@link JobRouter} as a {@link Policy}. The probability of the decided platform is the
 * decision's {@code propensity} when the decision carries one (a router that explores), read from the
 * decision's wire form so that this adapter needs no change when the field appears; without it the
 * router is deterministic and the probability is 1. Thread-safe if the router is.
 */
public final class RouterPolicy implements Policy {

    private final String name;
    private final JobRouter router;

    public RouterPolicy(String name, JobRouter router) {
        this.name = name;
        this.router = router;
    }

    @Override
    public String name() {
        return name;
    }

    public JobRouter router() {
        return router;
    }

    /** The router's decision (one call; callers that need the confidence too should use this). */
    public RoutingDecision decide(Job job) {
        return router.decide(job);
    }

    @Override
    public Platform choose(Job job) {
        return router.decide(job).platform();
    }

    /** The option the router names (any option on its menu). */
    @Override
    public String option(Job job) {
        RoutingDecision d = router.decide(job);
        return d.option() != null ? d.option() : RunOptions.sized(job, d.platform()).id();
    }

    @Override
    public double probability(Job job, Platform platform) {
        RoutingDecision d = router.decide(job);
        double p = propensity(d);
        return d.platform() == platform ? p : 1 - p;
    }

    /** The probability with which the router took its decision: the decision's {@code propensity}, else 1. */
    public static double propensity(RoutingDecision d) {
        JsonNode p = Json.MAPPER.valueToTree(d).get("propensity");
        return p != null && p.isNumber() ? p.asDouble() : 1.0;
    }
}
