package io.hybridrouter.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridrouter.dispatch.idempotency.IdempotencyStore;
import io.hybridrouter.dispatch.idempotency.InMemoryIdempotencyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InMemoryIdempotencyStoreTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-26T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final IdempotencyStore store = new InMemoryIdempotencyStore(clock);

    @Test
    void secondClaimFailsWhileTheFirstRunsAndAfterItCompletes() {
        assertThat(store.claim("j")).isTrue();
        assertThat(store.claim("j")).isFalse();
        store.complete("j");
        now.set(now.get().plus(Duration.ofHours(1)));
        assertThat(store.claim("j")).isFalse();
    }

    @Test
    void abandonedClaimCanBeTakenOverAfterTheInProgressTimeout() {
        assertThat(store.claim("j")).isTrue();
        now.set(now.get().plus(Duration.ofMinutes(16)));
        assertThat(store.claim("j")).isTrue();
    }

    @Test
    void releasedClaimCanBeTakenAgain() {
        assertThat(store.claim("j")).isTrue();
        store.release("j");
        assertThat(store.claim("j")).isTrue();
    }
}
