package io.hybridrouter.classifier;

import java.util.Objects;

/**
 * Where the router takes its model from, for each decision: a fixed model, or one that can be
 * replaced while the router runs (a retrained model picked up without a restart). A decision reads
 * {@link #current()} once and decides with that model throughout, so a swap never mixes two models
 * in one decision. Implementations are thread-safe.
 */
@FunctionalInterface
public interface ModelSource {

    /** The model to decide with now. Never null. */
    RoutingModel current();

    /**
     * Looks for a newer model, if this source follows a location and its refresh interval has passed
     * (see {@link RefreshingModel}); called at the start of a batch, never per decision. A fixed source
     * does nothing. Never throws for the location's sake.
     */
    default void refresh() {
    }

    /** A source that always gives {@code model}. */
    static ModelSource of(RoutingModel model) {
        Objects.requireNonNull(model, "model");
        return () -> model;
    }
}
