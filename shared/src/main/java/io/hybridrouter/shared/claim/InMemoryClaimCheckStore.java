package io.hybridrouter.shared.claim;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Claim checks held in memory, for the embedded stack and tests. Thread-safe. */
public final class InMemoryClaimCheckStore implements ClaimCheckStore {

    private final ConcurrentMap<String, String> bodies = new ConcurrentHashMap<>();

    @Override
    public String put(String jobId, String jobJson) {
        String ref = "s3://in-memory/" + S3ClaimCheckStore.PREFIX + jobId + ".json";
        bodies.put(ref, jobJson);
        return ref;
    }

    @Override
    public Optional<String> get(String reference) {
        return Optional.ofNullable(bodies.get(reference));
    }

    public int size() {
        return bodies.size();
    }
}
