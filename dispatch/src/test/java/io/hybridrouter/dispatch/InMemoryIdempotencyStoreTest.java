package io.hybridrouter.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridrouter.dispatch.idempotency.IdempotencyStore;
import io.hybridrouter.dispatch.idempotency.IdempotencyStore.Claim;
import io.hybridrouter.dispatch.idempotency.InMemoryIdempotencyStore;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryIdempotencyStoreTest {

    private static final Duration LAMBDA = RunLimits.DEFAULT.claimTimeout(Platform.LAMBDA);
    private static final Duration ECS = RunLimits.DEFAULT.claimTimeout(Platform.ECS);

    private final MutableClock clock = new MutableClock();
    private final IdempotencyStore store = new InMemoryIdempotencyStore(clock);

    @Test
    void secondClaimOfTheSameJobIsADuplicateWhileItRunsAndAfterItCompletes() {
        assertThat(store.claim("j", "fp-a", LAMBDA)).isEqualTo(Claim.CLAIMED);
        assertThat(store.claim("j", "fp-a", LAMBDA)).isEqualTo(Claim.DUPLICATE);
        store.complete("j", "fp-a");
        clock.advance(Duration.ofHours(1));
        assertThat(store.claim("j", "fp-a", LAMBDA)).isEqualTo(Claim.DUPLICATE);
    }

    @Test
    void anotherJobWithTheSameIdIsAConflictWhileTheRecordLives() {
        assertThat(store.claim("j", "fp-a", LAMBDA)).isEqualTo(Claim.CLAIMED);
        assertThat(store.claim("j", "fp-b", LAMBDA)).isEqualTo(Claim.CONFLICT);
        clock.advance(Duration.ofMinutes(30));
        assertThat(store.claim("j", "fp-b", LAMBDA)).as("even once the first claim is abandoned")
                .isEqualTo(Claim.CONFLICT);
        store.complete("j", "fp-a");
        assertThat(store.claim("j", "fp-b", LAMBDA)).isEqualTo(Claim.CONFLICT);
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        assertThat(store.claim("j", "fp-b", LAMBDA)).as("after the record expired").isEqualTo(Claim.CLAIMED);
    }

    @Test
    void lambdaClaimIsAbandonedAfterFifteenMinutesPlusTheMargin() {
        assertThat(store.claim("j", "fp-a", LAMBDA)).isEqualTo(Claim.CLAIMED);
        clock.advance(Duration.ofMinutes(16));
        assertThat(store.claim("j", "fp-a", LAMBDA)).isEqualTo(Claim.DUPLICATE);
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(store.claim("j", "fp-a", LAMBDA)).isEqualTo(Claim.CLAIMED);
    }

    @Test
    void ecsClaimIsHeldForTheTaskTimeoutPlusTheMargin() {
        assertThat(store.claim("j", "fp-a", ECS)).isEqualTo(Claim.CLAIMED);
        clock.advance(Duration.ofMinutes(16));
        assertThat(store.claim("j", "fp-a", LAMBDA)).isEqualTo(Claim.DUPLICATE);
        clock.advance(Duration.ofHours(4).minusMinutes(16).plus(RunLimits.CLAIM_MARGIN));
        assertThat(store.claim("j", "fp-a", ECS)).isEqualTo(Claim.DUPLICATE);
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.claim("j", "fp-a", ECS)).isEqualTo(Claim.CLAIMED);
    }

    @Test
    void releasedClaimCanBeTakenAgainButOnlyByItsHolder() {
        assertThat(store.claim("j", "fp-a", LAMBDA)).isEqualTo(Claim.CLAIMED);
        store.release("j", "fp-b");
        assertThat(store.claim("j", "fp-a", LAMBDA)).isEqualTo(Claim.DUPLICATE);
        store.release("j", "fp-a");
        assertThat(store.claim("j", "fp-a", LAMBDA)).isEqualTo(Claim.CLAIMED);
    }
}
