package io.hybridrouter.shared.claim;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Claim checks in S3: {@code s3://BUCKET/jobs/JOB_ID.json}. Give the bucket a lifecycle rule that
 * expires {@code jobs/} after a few days; the template does. Thread-safe.
 */
public final class S3ClaimCheckStore implements ClaimCheckStore {

    public static final String PREFIX = "jobs/";

    private final S3Client s3;
    private final String bucket;

    public S3ClaimCheckStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public String put(String jobId, String jobJson) {
        String key = PREFIX + jobId + ".json";
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"),
                RequestBody.fromString(jobJson, StandardCharsets.UTF_8));
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public Optional<String> get(String reference) {
        if (!ClaimCheckStore.isReference(reference)) {
            throw new IllegalArgumentException("not a claim-check reference: " + reference);
        }
        String rest = reference.substring("s3://".length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("claim-check reference has no key: " + reference);
        }
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(rest.substring(0, slash)).key(rest.substring(slash + 1)))
                    .asString(StandardCharsets.UTF_8));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }
}
