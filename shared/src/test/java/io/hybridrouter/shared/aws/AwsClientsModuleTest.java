package io.hybridrouter.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridrouter.shared.config.RouterConfig;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.sqs.SqsClient;

class AwsClientsModuleTest {

    private static final RouterConfig EMULATOR = RouterConfig.defaults().withEndpoint(URI.create("http://127.0.0.1:1"));

    @Test
    void everyClientHasAStatedRetryStrategyAndTimeouts() {
        try (SqsClient sqs = AwsClientsModule.sqs(EMULATOR, UrlConnectionHttpClient.builder().build())) {
            ClientOverrideConfiguration o = sqs.serviceClientConfiguration().overrideConfiguration();
            assertThat(o.retryStrategy()).hasValueSatisfying(r -> assertThat(r.maxAttempts())
                    .isEqualTo(AwsClientsModule.MAX_ATTEMPTS));
            assertThat(o.apiCallAttemptTimeout()).contains(AwsClientsModule.ATTEMPT_TIMEOUT);
            assertThat(o.apiCallTimeout()).contains(AwsClientsModule.CALL_TIMEOUT);
        }
    }

    @Test
    void thePublishersEventBridgeClientRetriesOnlyThrottledAttempts() {
        try (EventBridgeClient events = AwsClientsModule.eventBridge(EMULATOR, UrlConnectionHttpClient.builder()
                .build())) {
            ClientOverrideConfiguration o = events.serviceClientConfiguration().overrideConfiguration();
            assertThat(o.retryStrategy()).hasValueSatisfying(r -> assertThat(r.maxAttempts())
                    .isEqualTo(AwsClientsModule.MAX_ATTEMPTS));
            assertThat(o.apiCallAttemptTimeout()).contains(AwsClientsModule.EVENTS_ATTEMPT_TIMEOUT);
            assertThat(o.apiCallTimeout()).contains(AwsClientsModule.EVENTS_CALL_TIMEOUT);
        }
        assertThat(AwsClientsModule.THROTTLED.test(EventBridgeException.builder().statusCode(429).build())).isTrue();
        assertThat(AwsClientsModule.THROTTLED.test(EventBridgeException.builder().statusCode(500).build())).isFalse();
    }
}
