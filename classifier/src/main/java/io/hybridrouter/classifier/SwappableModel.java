package io.hybridrouter.classifier;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A model source whose model is replaced by whoever holds it: the learning demo after each round,
 * a watcher that finds a newer model. Decisions in flight keep the model they started with.
 * Thread-safe.
 */
public final class SwappableModel implements ModelSource {

    private final AtomicReference<RoutingModel> model;

    public SwappableModel(RoutingModel initial) {
        this.model = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    @Override
    public RoutingModel current() {
        return model.get();
    }

    /** Decides with {@code next} from now on; returns the model it replaces. */
    public RoutingModel swap(RoutingModel next) {
        return model.getAndSet(Objects.requireNonNull(next, "next"));
    }
}
