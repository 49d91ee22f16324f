package io.hybridrouter.classifier;

import io.hybridrouter.shared.config.RouterConfig;
import java.io.IOException;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * A {@link ModelStore} under an S3 prefix ({@code ROUTER_MODEL_S3}). S3 replaces an object in one
 * {@code PutObject} and reads after a write are strongly consistent, so a reader of {@code current.json}
 * sees the old pointer or the new one. Reading needs {@code s3:GetObject} on the prefix; promoting,
 * {@code s3:PutObject} too. Thread-safe.
 */
public final class S3ModelStore extends ModelStore {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    /** The store at {@code location}, {@code s3://BUCKET/PREFIX/}. */
    public S3ModelStore(S3Client s3, String location) {
        String normalised = RouterConfig.modelS3(location);
        String rest = normalised.substring("s3://".length());
        int slash = rest.indexOf('/');
        this.s3 = s3;
        this.bucket = rest.substring(0, slash);
        this.prefix = rest.substring(slash + 1);
    }

    @Override
    public String location() {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    protected Optional<byte[]> read(String key) throws IOException {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(prefix + key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    protected void write(String key, byte[] bytes) {
        s3.putObject(b -> b.bucket(bucket).key(prefix + key).contentType(key.endsWith(".json")
                ? "application/json" : "application/zip"), RequestBody.fromBytes(bytes));
    }
}
