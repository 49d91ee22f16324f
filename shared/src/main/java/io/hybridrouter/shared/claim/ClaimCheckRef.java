package io.hybridrouter.shared.claim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one owner of the claim-check reference format, {@code s3://BUCKET/jobs/JOB_ID.SHA256.json}:
 * the key holds the job id (so operators can list {@code jobs/JOB_ID.}) and the SHA-256 of the
 * stored JSON (so two different jobs with the same id never share a key, and the same job always
 * gets the same one). Both stores write with {@link #key} and read only what {@link #parse} accepts:
 * the configured bucket, the {@code jobs/} prefix, one path segment, nothing to decode. Immutable
 * and thread-safe.
 *
 * @param bucket the bucket
 * @param key    the object key
 * @param jobId  the job id the key was made for
 * @param sha256 the lower-case hex SHA-256 of the stored JSON's UTF-8 bytes
 */
public record ClaimCheckRef(String bucket, String key, String jobId, String sha256) {

    public static final String SCHEME = "s3://";
    public static final String PREFIX = "jobs/";
    /**
     * The whole key: job ids are {@code [A-Za-z0-9._:-]} (the validator's rule), the digest is fixed
     * length, so the last {@code .HEX.json} splits it unambiguously; no {@code /}, {@code %} or
     * anything else a decoder or path normaliser could turn into another key can match.
     */
    private static final Pattern KEY = Pattern.compile("jobs/([A-Za-z0-9._:-]{1,128})\\.([0-9a-f]{64})\\.json");

    /** Thrown for a reference this deployment did not make; the message starts with {@code job_ref:}. */
    public static final class UntrustedReferenceException extends IllegalArgumentException {
        public UntrustedReferenceException(String message) {
            super(message);
        }
    }

    /** The key a job's JSON is stored under. */
    public static String key(String jobId, String jobJson) {
        return of("", jobId, jobJson).key();
    }

    /** The reference a job's JSON gets when it is stored in {@code bucket}. */
    public static ClaimCheckRef of(String bucket, String jobId, String jobJson) {
        String digest = sha256(jobJson);
        return new ClaimCheckRef(bucket, PREFIX + jobId + "." + digest + ".json", jobId, digest);
    }

    /** Whether a string is a claim-check reference (of any bucket) rather than a job carried inline. */
    public static boolean isReference(String value) {
        return value != null && value.startsWith(SCHEME);
    }

    /** {@code s3://bucket/key}. */
    public String reference() {
        return SCHEME + bucket + "/" + key;
    }

    /** A reference into {@code expectedBucket}'s claim checks, or {@link UntrustedReferenceException} saying why not. */
    public static ClaimCheckRef parse(String reference, String expectedBucket) {
        String where = SCHEME + expectedBucket + "/" + PREFIX;
        if (reference == null || !reference.startsWith(where)) {
            throw new UntrustedReferenceException("job_ref: " + reference + " is not in the claim-check bucket's "
                    + PREFIX + " prefix (" + where + "); not read");
        }
        Matcher m = KEY.matcher(reference.substring(SCHEME.length() + expectedBucket.length() + 1));
        if (!m.matches()) {
            throw new UntrustedReferenceException("job_ref: " + reference + " is not a claim-check key ("
                    + where + "JOB_ID.SHA256.json); not read");
        }
        return new ClaimCheckRef(expectedBucket, m.group(0), m.group(1), m.group(2));
    }

    /** Throws {@link UntrustedReferenceException} when {@code body} is not what this key was made for. */
    public String verified(String body) {
        if (!sha256(body).equals(sha256)) {
            throw new UntrustedReferenceException("job_ref: " + reference()
                    + " holds content that does not match its digest; not used");
        }
        return body;
    }

    /** The lower-case hex SHA-256 of a string's UTF-8 bytes. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
