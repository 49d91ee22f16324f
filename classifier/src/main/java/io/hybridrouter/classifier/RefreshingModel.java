package io.hybridrouter.classifier;

import io.hybridrouter.classifier.ModelArtefacts.ModelLoadException;
import io.hybridrouter.shared.log.RouterLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A model source that follows a {@link ModelStore}: the model its pointer names at start, then, at most
 * once per refresh interval and only when {@link #refresh} is called (at the start of a batch, never per
 * decision), the pointer is read again and a new version is loaded and swapped in. A version that cannot
 * be loaded or validated leaves the model in force, is logged in one line naming the location and the
 * cause, and is tried again after the interval. Thread-safe: decisions read the model without locking; a
 * check already running in another thread is not waited for.
 */
public final class RefreshingModel implements ModelSource {

    private final ModelStore store;
    private final Clock clock;
    private final Duration interval;
    private final RouterLog log;
    private final SwappableModel model;
    private final ReentrantLock checking = new ReentrantLock();
    private Instant nextCheck;

    private RefreshingModel(ModelStore store, Clock clock, Duration interval, RouterLog log, RoutingModel initial) {
        this.store = store;
        this.clock = clock;
        this.interval = interval;
        this.log = log;
        this.model = new SwappableModel(initial);
        this.nextCheck = clock.instant().plus(interval);
    }

    /**
     * Loads the model {@code store} names now; a {@link ModelLoadException} saying where and why when there
     * is none or it cannot be used (a router with no model must not start).
     */
    public static RefreshingModel start(ModelStore store, Clock clock, Duration interval, RouterLog log) {
        Objects.requireNonNull(store, "store");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("refresh interval must be positive, got " + interval);
        }
        RoutingModel initial;
        try {
            Optional<ModelPointer> pointer = store.pointer();
            if (pointer.isEmpty()) {
                throw new ModelLoadException(store.location() + ": no model published (no " + ModelPointer.FILE
                        + "); publish one with `router model promote DIR --to " + store.location() + "`", null);
            }
            initial = store.load(pointer.get().modelVersion());
        } catch (ModelLoadException e) {
            throw new ModelLoadException("cannot load any model: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ModelLoadException("cannot load any model: " + store.location() + ": "
                    + ModelStore.describe(e), e);
        }
        log.info("model: " + initial.version() + " from " + store.location(), Map.of("model_version",
                initial.version()));
        return new RefreshingModel(store, clock, interval, log, initial);
    }

    @Override
    public RoutingModel current() {
        return model.current();
    }

    /** The store this source follows. */
    public ModelStore store() {
        return store;
    }

    /**
     * Reads the pointer when the interval has passed since the last check, and takes the version it
     * names when that is new and loads. Never throws for the store's sake.
     */
    @Override
    public void refresh() {
        if (!checking.tryLock()) {
            return;
        }
        try {
            Instant now = clock.instant();
            if (now.isBefore(nextCheck)) {
                return;
            }
            nextCheck = now.plus(interval);
            String inForce = model.current().version();
            String named = null;
            try {
                Optional<ModelPointer> pointer = store.pointer();
                if (pointer.isEmpty()) {
                    log.warn("model: " + store.location() + ": " + ModelPointer.FILE + " is gone; keeping "
                            + inForce + ", next check in " + interval, Map.of("model_version", inForce));
                    return;
                }
                named = pointer.get().modelVersion();
                if (named.equals(inForce)) {
                    return;
                }
                RoutingModel next = store.load(named);
                model.swap(next);
                log.info("model: took " + named + " from " + store.location() + " (was " + inForce + ")",
                        Map.of("model_version", named, "previous", inForce));
            } catch (RuntimeException e) {
                log.warn("model: " + store.location() + (named == null ? "" : named + "/") + ": cannot use it ("
                        + ModelStore.describe(e) + "); keeping " + inForce + ", next try in " + interval,
                        Map.of("model_version", inForce));
            }
        } finally {
            checking.unlock();
        }
    }
}
