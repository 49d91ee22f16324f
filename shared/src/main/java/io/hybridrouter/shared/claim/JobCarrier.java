package io.hybridrouter.shared.claim;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The one owner of the job carrier: the string that takes a routed job to the place it runs, the
 * decision's {@code ecs_job} and so the ECS container's {@code ROUTER_JOB} variable. It is the
 * job's JSON in base64 (inline), or a claim-check reference ({@code s3://}, see
 * {@link ClaimCheckRef}); on reading, the JSON itself is accepted too, as a person setting
 * {@code ROUTER_JOB} by hand would write it. Why base64: EventBridge does not escape what it puts
 * into an input template (see {@link EcsOverrides}). Stateless and thread-safe.
 */
public final class JobCarrier {

    private JobCarrier() {
    }

    /** What a carrier holds. */
    public sealed interface Carried permits Inline, Reference {
    }

    /**
     * A job carried inline.
     *
     * @param json the job's JSON
     */
    public record Inline(String json) implements Carried {
    }

    /**
     * A job carried by claim check.
     *
     * @param reference its {@code s3://} reference, not yet checked against any bucket
     */
    public record Reference(String reference) implements Carried {
    }

    /** The carrier for a job carried inline: its JSON, base64-encoded. */
    public static String inline(String jobJson) {
        return Base64.getEncoder().encodeToString(jobJson.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What a carrier holds: a reference, JSON, or base64-encoded JSON. Surrounding white space is
     * ignored; anything else is an {@link IllegalArgumentException} saying what was expected.
     */
    public static Carried decode(String carrier) {
        String raw = carrier.strip();
        if (ClaimCheckRef.isReference(raw)) {
            return new Reference(raw);
        }
        if (raw.startsWith("{")) {
            return new Inline(raw);
        }
        try {
            return new Inline(new String(Base64.getDecoder().decode(raw), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("routed job is neither JSON, base64 JSON nor an s3:// reference");
        }
    }
}
