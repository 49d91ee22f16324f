package io.hybridrouter.shared.aws;

import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** The EventBridge client, with {@code PutEvents}' own retries (see {@link AwsClientsModule#putEventsOverrides}). One per component, built when first asked for. */
@Module(includes = AwsClientsModule.class)
public final class EventBridgeModule {

    private EventBridgeModule() {
    }

    @Provides
    @Singleton
    static EventBridgeClient client(AwsTarget target, SdkHttpClient http) {
        return AwsClientsModule.configure(EventBridgeClient.builder(), target, http,
                AwsClientsModule.putEventsOverrides()).build();
    }
}
