package io.hybridrouter.shared.di;

import dagger.Module;
import dagger.Provides;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.shared.events.Backoff;
import io.hybridrouter.shared.events.EventPublisher;
import javax.inject.Singleton;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** The publisher for {@code ROUTER_EVENT_BUS}, retrying failed entries with the default backoff. */
@Module
public final class PublisherModule {

    private PublisherModule() {
    }

    @Provides
    @Singleton
    static EventPublisher publisher(EventBridgeClient client, RouterConfig config) {
        return new EventPublisher(client, config.eventBus(), Backoff.DEFAULT, Backoff.Sleeper.REAL,
                System.err::println);
    }
}
