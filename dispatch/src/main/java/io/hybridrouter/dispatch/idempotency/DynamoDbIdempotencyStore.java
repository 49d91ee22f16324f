package io.hybridrouter.dispatch.idempotency;

import io.hybridrouter.shared.aws.DryRun;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link IdempotencyStore} on a DynamoDB table with a string partition key {@code id} and TTL on
 * {@code expiration}. One item per job id:
 *
 * <pre>
 * id                  S  job#&lt;job_id&gt;
 * fingerprint         S  SHA-256 (hex) of the job's canonical JSON
 * status              S  IN_PROGRESS | COMPLETED
 * in_progress_expiry  N  epoch ms after which an IN_PROGRESS claim is abandoned
 * expiration          N  epoch s, DynamoDB TTL: 24 h after completion (after the claim could end, while in progress)
 * </pre>
 *
 * The claim is one conditional {@code PutItem}: it succeeds when no record exists, the record
 * expired, or it is an abandoned in-progress claim of the same job. When it fails, one consistent
 * {@code GetItem} tells a redelivery (same fingerprint) from another job reusing the id. Records
 * written before fingerprints existed count as the same job. Thread-safe.
 */
@Singleton
public final class DynamoDbIdempotencyStore implements IdempotencyStore {

    private static final String CLAIM_CONDITION = "attribute_not_exists(id) OR expiration < :now_s "
            + "OR (#status = :in_progress AND in_progress_expiry < :now_ms "
            + "AND (fingerprint = :fp OR attribute_not_exists(fingerprint)))";
    private static final String OWN_RECORD = "fingerprint = :fp OR attribute_not_exists(fingerprint)";
    /** A record that vanishes between the failed claim and the read (released) is claimed again this often. */
    private static final int CLAIM_ATTEMPTS = 3;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    @Inject
    public DynamoDbIdempotencyStore(DynamoDbClient dynamo, @IdempotencyTable String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Claim claim(String jobId, String fingerprint, Duration inProgressTimeout) {
        for (int attempt = 1; ; attempt++) {
            long nowMs = clock.millis();
            long nowS = nowMs / 1000;
            try {
                dynamo.putItem(b -> b.tableName(table)
                        .item(Map.of(
                                "id", s(IdempotencyStore.key(jobId)),
                                "fingerprint", s(fingerprint),
                                "status", s("IN_PROGRESS"),
                                "in_progress_expiry", n(nowMs + inProgressTimeout.toMillis()),
                                "expiration", n(nowS + inProgressTimeout.toSeconds() + EXPIRY_SECONDS)))
                        .conditionExpression(CLAIM_CONDITION)
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(
                                ":now_s", n(nowS),
                                ":now_ms", n(nowMs),
                                ":in_progress", s("IN_PROGRESS"),
                                ":fp", s(fingerprint))));
                return Claim.CLAIMED;
            } catch (ConditionalCheckFailedException e) {
                Map<String, AttributeValue> held = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                        .key(Map.of("id", s(IdempotencyStore.key(jobId))))).item();
                if (held != null && !held.isEmpty()) {
                    AttributeValue fp = held.get("fingerprint");
                    return fp == null || fp.s().equals(fingerprint) ? Claim.DUPLICATE : Claim.CONFLICT;
                }
                if (attempt == CLAIM_ATTEMPTS) {
                    throw new IllegalStateException("job " + jobId + ": claim keeps changing under us in " + table
                            + "; try again");
                }
            }
        }
    }

    @Override
    public void complete(String jobId, String fingerprint) {
        long expiration = clock.millis() / 1000 + EXPIRY_SECONDS;
        dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of("id", s(IdempotencyStore.key(jobId))))
                .updateExpression("SET #status = :completed, fingerprint = :fp, expiration = :exp")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":completed", s("COMPLETED"), ":fp", s(fingerprint),
                        ":exp", n(expiration))));
    }

    @Override
    public void release(String jobId, String fingerprint) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(Map.of("id", s(IdempotencyStore.key(jobId))))
                    .conditionExpression(OWN_RECORD)
                    .expressionAttributeValues(Map.of(":fp", s(fingerprint))));
        } catch (ConditionalCheckFailedException e) {
            // another job holds the id now: its claim is not ours to give up
        }
    }

    /**
     * The consistent {@code GetItem} a claim makes for {@code jobId}, marshalled and signed by the
     * client but not sent (see {@link DryRun}): for priming a SnapStart snapshot. Returns the HTTP
     * request that would have gone out.
     */
    public SdkHttpRequest dryRun(String jobId) {
        return DryRun.run(() -> dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("id", s(IdempotencyStore.key(jobId)))).overrideConfiguration(DryRun.overrides())));
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
