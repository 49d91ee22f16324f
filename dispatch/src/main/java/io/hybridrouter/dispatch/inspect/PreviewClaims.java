package io.hybridrouter.dispatch.inspect;

import io.hybridrouter.shared.claim.ClaimCheckRef;
import io.hybridrouter.shared.claim.ClaimCheckStore;
import java.util.Optional;

/**
 * Names where a claim check would go in a bucket, without storing anything: what {@code rules
 * explain} shows for a job too large to travel inline. Thread-safe.
 */
public final class PreviewClaims implements ClaimCheckStore {

    private final String bucket;

    public PreviewClaims(String bucket) {
        this.bucket = bucket;
    }

    @Override
    public String put(String jobId, String jobJson) {
        return ClaimCheckRef.of(bucket, jobId, jobJson).reference();
    }

    @Override
    public Optional<String> get(String reference) {
        return Optional.empty();
    }
}
