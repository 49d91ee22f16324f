package io.hybridrouter.classifier;

import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.shared.claim.ClaimCheckStore;
import io.hybridrouter.shared.claim.EcsOverrides;
import io.hybridrouter.shared.claim.JobCarrier;
import io.hybridrouter.shared.cost.AwsPricing;
import io.hybridrouter.shared.events.EventTypes;
import io.hybridrouter.shared.events.OutboundEvent;
import io.hybridrouter.shared.option.RunOptions;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Prepares a decision for the bus, applying the claim-check rule:
 *
 * <ol>
 *   <li>An {@code ecs} decision carries {@code ecs_job}, the string the ECS target puts in the
 *       container's {@code ROUTER_JOB} variable. When the overrides rendered with the job inline fit
 *       RunTask's 8,192 characters, it is the job's JSON in base64; otherwise the job is stored in S3 and
 *       {@code ecs_job} is its {@code s3://} reference.</li>
 *   <li>Any decision whose event would pass EventBridge's size limit (less {@link #EVENT_MARGIN_BYTES})
 *       has its job stored in S3, {@code job_ref} set, and the {@code payload} left out of
 *       {@code job} (the fields the rules match on stay).</li>
 * </ol>
 *
 * Without a claim-check store such a job cannot be dispatched and {@link TooLargeException} says so.
 * Thread-safe if the store is.
 */
public final class DecisionDispatch {

    /** Room kept under the event limit for the envelope EventBridge adds. */
    public static final int EVENT_MARGIN_BYTES = 4_096;

    private final Optional<ClaimCheckStore> claims;

    @Inject
    public DecisionDispatch(Optional<ClaimCheckStore> claims) {
        this.claims = claims;
    }

    /** Thrown when a job needs a claim check and none is configured; the message says what to set. */
    public static final class TooLargeException extends RuntimeException {
        public TooLargeException(String message) {
            super(message);
        }
    }

    /** The decision as it goes on the bus. */
    public RoutingDecision prepare(RoutingDecision decision) {
        Job job = decision.job();
        String jobJson = Json.write(job);
        String jobRef = null;
        Job carried = job;
        if (eventBytes(decision) > AwsPricing.EVENTBRIDGE_MAX_EVENT_BYTES - EVENT_MARGIN_BYTES) {
            jobRef = store(job.jobId(), jobJson, "its decision would be over EventBridge's event size limit");
            carried = job.withPayload(null);
        }
        String ecsJob = null;
        if (decision.platform() == Platform.ECS) {
            String inline = JobCarrier.inline(jobJson);
            // rendered as the decision's option's target will render it (task size, option and attempt included)
            String rendered = RunOptions.declared().byId(decision.option())
                    .map(o -> EcsOverrides.render(decision.jobId(), decision.modelVersion(), decision.decidedAt(),
                            decision.propensity(), inline, o, decision.attemptNumber()))
                    .orElseGet(() -> EcsOverrides.render(decision.jobId(), decision.modelVersion(),
                            decision.decidedAt(), decision.propensity(), inline));
            if (jobRef == null && EcsOverrides.fits(rendered)) {
                ecsJob = inline;
            } else {
                if (jobRef == null) {
                    jobRef = store(job.jobId(), jobJson, "ECS container overrides are limited to "
                            + AwsPricing.ECS_OVERRIDES_MAX_CHARS + " characters");
                }
                ecsJob = jobRef;
            }
        }
        return decision.withDispatch(carried, jobRef, ecsJob);
    }

    private String store(String jobId, String jobJson, String why) {
        return claims.orElseThrow(() -> new TooLargeException("job: too large to dispatch inline (" + why
                + ") and no claim-check bucket is configured (set ROUTER_CLAIM_BUCKET)"))
                .put(jobId, jobJson);
    }

    private static int eventBytes(RoutingDecision decision) {
        return new OutboundEvent(decision.jobId(), EventTypes.ROUTING_DECISION, Json.write(decision)).sizeBytes();
    }
}
