package io.hybridrouter.shared.snapstart;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Where backoff jitter comes from: uniform draws from [0, 1) that can be reseeded. A SnapStart
 * snapshot freezes every random generator's state, so all copies restored from one snapshot would
 * draw the same "random" waits and retry in lockstep; {@link Priming} calls {@link #reseed()} after
 * each restore. Seeds come from {@link SecureRandom}, which Lambda's managed Java runtimes make
 * unique per restored copy. One per component; thread-safe (draws are serialised, and cheap).
 */
@Singleton
public final class Jitter implements DoubleSupplier {

    private SplittableRandom random;

    /** Seeded from {@link SecureRandom}. */
    @Inject
    public Jitter() {
        this(freshSeed());
    }

    /** Seeded with {@code seed}: a snapshot's frozen state, in tests. */
    public Jitter(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The next draw, uniform in [0, 1). */
    @Override
    public synchronized double getAsDouble() {
        return random.nextDouble();
    }

    /** Starts a new sequence from a fresh seed: call after a snapshot restore. */
    public synchronized void reseed() {
        random = new SplittableRandom(freshSeed());
    }

    private static long freshSeed() {
        return new SecureRandom().nextLong();
    }
}
