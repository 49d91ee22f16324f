package io.hybridrouter.shared.claim;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Claim checks held in memory, for the embedded stack and tests: the same keys and the same checks
 * on references as {@link S3ClaimCheckStore}, in a bucket named {@value #BUCKET}. Thread-safe.
 */
@Singleton
public final class InMemoryClaimCheckStore implements ClaimCheckStore {

    public static final String BUCKET = "in-memory";

    private final ConcurrentMap<String, String> bodies = new ConcurrentHashMap<>();

    @Inject
    public InMemoryClaimCheckStore() {
        // nothing stored yet
    }

    @Override
    public String put(String jobId, String jobJson) {
        ClaimCheckRef ref = ClaimCheckRef.of(BUCKET, jobId, jobJson);
        bodies.put(ref.key(), jobJson);
        return ref.reference();
    }

    @Override
    public Optional<String> get(String reference) {
        ClaimCheckRef ref = ClaimCheckRef.parse(reference, BUCKET);
        return Optional.ofNullable(bodies.get(ref.key())).map(ref::verified);
    }

    public int size() {
        return bodies.size();
    }
}
