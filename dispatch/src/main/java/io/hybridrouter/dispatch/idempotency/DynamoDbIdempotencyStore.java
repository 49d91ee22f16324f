package io.hybridrouter.dispatch.idempotency;

import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link IdempotencyStore} on a DynamoDB table with a string partition key {@code id} and TTL on
 * {@code expiration}. The claim is one conditional {@code PutItem}: it succeeds when no record
 * exists, the record expired, or it is an abandoned in-progress claim. Thread-safe.
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {

    private static final String CLAIM_CONDITION = "attribute_not_exists(id) OR expiration < :now_s "
            + "OR (#status = :in_progress AND in_progress_expiry < :now_ms)";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoDbIdempotencyStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public boolean claim(String jobId) {
        long nowMs = clock.millis();
        long nowS = nowMs / 1000;
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of(
                            "id", s(IdempotencyStore.key(jobId)),
                            "status", s("IN_PROGRESS"),
                            "in_progress_expiry", n(nowMs + IN_PROGRESS_TIMEOUT_MS),
                            "expiration", n(nowS + EXPIRY_SECONDS)))
                    .conditionExpression(CLAIM_CONDITION)
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":now_s", n(nowS),
                            ":now_ms", n(nowMs),
                            ":in_progress", s("IN_PROGRESS"))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void complete(String jobId) {
        dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of("id", s(IdempotencyStore.key(jobId))))
                .updateExpression("SET #status = :completed")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":completed", s("COMPLETED"))));
    }

    @Override
    public void release(String jobId) {
        dynamo.deleteItem(b -> b.tableName(table).key(Map.of("id", s(IdempotencyStore.key(jobId)))));
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
