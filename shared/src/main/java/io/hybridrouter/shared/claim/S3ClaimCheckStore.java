package io.hybridrouter.shared.claim;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Claim checks in S3: {@code s3://BUCKET/jobs/JOB_ID.SHA256.json} (see {@link ClaimCheckRef}). Reads
 * only references into its own bucket and prefix, and only content that matches the key's digest.
 * Give the bucket a lifecycle rule that expires {@code jobs/} after a few days; the template does.
 * Thread-safe.
 */
public final class S3ClaimCheckStore implements ClaimCheckStore {

    private final S3Client s3;
    private final String bucket;

    public S3ClaimCheckStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public String put(String jobId, String jobJson) {
        ClaimCheckRef ref = ClaimCheckRef.of(bucket, jobId, jobJson);
        s3.putObject(b -> b.bucket(bucket).key(ref.key()).contentType("application/json"),
                RequestBody.fromString(jobJson, StandardCharsets.UTF_8));
        return ref.reference();
    }

    @Override
    public Optional<String> get(String reference) {
        ClaimCheckRef ref = ClaimCheckRef.parse(reference, bucket);
        try {
            return Optional.of(ref.verified(s3.getObjectAsBytes(b -> b.bucket(bucket).key(ref.key()))
                    .asString(StandardCharsets.UTF_8)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }
}
