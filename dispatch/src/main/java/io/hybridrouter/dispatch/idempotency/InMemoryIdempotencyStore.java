package io.hybridrouter.dispatch.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * {@link IdempotencyStore} in one process (the embedded stack, tests), with the same rules as
 * {@link DynamoDbIdempotencyStore}. Thread-safe.
 */
@Singleton
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    private record Entry(String fingerprint, boolean completed, long inProgressExpiryMs, long expirationMs) {
    }

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    @Inject
    public InMemoryIdempotencyStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Claim claim(String jobId, String fingerprint, Duration inProgressTimeout) {
        long now = clock.millis();
        Entry mine = new Entry(fingerprint, false, now + inProgressTimeout.toMillis(),
                now + inProgressTimeout.toMillis() + EXPIRY_SECONDS * 1000);
        AtomicReference<Claim> result = new AtomicReference<>();
        entries.compute(IdempotencyStore.key(jobId), (k, old) -> {
            if (old == null || old.expirationMs() < now) {
                result.set(Claim.CLAIMED);
                return mine;
            }
            if (!old.fingerprint().equals(fingerprint)) {
                result.set(Claim.CONFLICT);
                return old;
            }
            if (!old.completed() && old.inProgressExpiryMs() < now) {
                result.set(Claim.CLAIMED);
                return mine;
            }
            result.set(Claim.DUPLICATE);
            return old;
        });
        return result.get();
    }

    @Override
    public void complete(String jobId, String fingerprint) {
        long now = clock.millis();
        entries.put(IdempotencyStore.key(jobId), new Entry(fingerprint, true, 0, now + EXPIRY_SECONDS * 1000));
    }

    @Override
    public void release(String jobId, String fingerprint) {
        entries.computeIfPresent(IdempotencyStore.key(jobId),
                (k, old) -> old.fingerprint().equals(fingerprint) ? null : old);
    }
}
