package io.hybridrouter.dispatch.idempotency;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link IdempotencyStore} in one process (the embedded stack, tests). Thread-safe. */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    private record Claim(boolean completed, long inProgressExpiryMs) {
    }

    private final ConcurrentMap<String, Claim> claims = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryIdempotencyStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean claim(String jobId) {
        long now = clock.millis();
        Claim mine = new Claim(false, now + IN_PROGRESS_TIMEOUT_MS);
        Claim result = claims.compute(IdempotencyStore.key(jobId), (k, old) ->
                old == null || (!old.completed() && old.inProgressExpiryMs() < now) ? mine : old);
        return result == mine;
    }

    @Override
    public void complete(String jobId) {
        claims.put(IdempotencyStore.key(jobId), new Claim(true, 0));
    }

    @Override
    public void release(String jobId) {
        claims.remove(IdempotencyStore.key(jobId));
    }
}
