package io.hybridrouter.shared.di;

import dagger.Module;
import dagger.Provides;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.shared.events.Backoff;

/**
 * What the event publisher is configured with: the bus ({@code ROUTER_EVENT_BUS}) and the default
 * backoff with real sleeps. The publisher itself is injected.
 */
@Module
public final class PublisherModule {

    private PublisherModule() {
    }

    @Provides
    @EventBus
    static String bus(RouterConfig config) {
        return config.eventBus();
    }

    @Provides
    static Backoff backoff() {
        return Backoff.DEFAULT;
    }

    @Provides
    static Backoff.Sleeper sleeper() {
        return Backoff.Sleeper.REAL;
    }
}
