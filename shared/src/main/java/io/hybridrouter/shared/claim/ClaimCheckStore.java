package io.hybridrouter.shared.claim;

import java.util.Optional;

/**
 * Keeps job bodies that are too large to travel in events or container overrides, and gives them
 * back by reference ({@code s3://bucket/key}, in the format {@link ClaimCheckRef} owns: two different
 * jobs never share a key). Implementations are thread-safe.
 */
public interface ClaimCheckStore {

    /** Stores the job's JSON and returns its reference. */
    String put(String jobId, String jobJson);

    /**
     * The JSON behind a reference, empty when nothing is stored there. A reference outside this
     * store's bucket and prefix is not read: {@link ClaimCheckRef.UntrustedReferenceException}.
     */
    Optional<String> get(String reference);
}
