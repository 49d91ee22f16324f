package io.hybridrouter.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.sqs.SqsClient;

class AwsClientsModuleTest {

    private static final AwsTarget EMULATOR = AwsTarget.endpoint(URI.create("http://127.0.0.1:1"));

    @AfterEach
    void clearSystemProperties() {
        System.clearProperty("aws.endpointUrl");
        System.clearProperty("aws.region");
    }

    @Test
    void everyClientHasAStatedRetryStrategyAndTimeouts() {
        try (SqsClient sqs = SqsModule.client(EMULATOR, UrlConnectionHttpClient.builder().build())) {
            ClientOverrideConfiguration o = sqs.serviceClientConfiguration().overrideConfiguration();
            assertThat(o.retryStrategy()).hasValueSatisfying(r -> assertThat(r.maxAttempts())
                    .isEqualTo(AwsClientsModule.MAX_ATTEMPTS));
            assertThat(o.apiCallAttemptTimeout()).contains(AwsClientsModule.ATTEMPT_TIMEOUT);
            assertThat(o.apiCallTimeout()).contains(AwsClientsModule.CALL_TIMEOUT);
        }
    }

    @Test
    void thePublishersEventBridgeClientRetriesOnlyThrottledAttempts() {
        try (EventBridgeClient events = EventBridgeModule.client(EMULATOR, UrlConnectionHttpClient.builder()
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

    @Test
    void aGivenEndpointAndRegionAreEveryClientsOwn() {
        AwsTarget target = new AwsTarget(Optional.of(URI.create("http://127.0.0.1:4566")), Optional.of("eu-west-1"),
                Optional.empty());
        try (SqsClient sqs = SqsModule.client(target, UrlConnectionHttpClient.builder().build())) {
            assertThat(sqs.serviceClientConfiguration().endpointOverride()).contains(
                    URI.create("http://127.0.0.1:4566"));
            assertThat(sqs.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
        }
    }

    @Test
    void withNothingGivenTheSdkResolvesTheEndpointAndRegionItself() {
        System.setProperty("aws.endpointUrl", "http://127.0.0.1:4599");
        System.setProperty("aws.region", "ap-southeast-2");
        try (SqsClient sqs = SqsModule.client(AwsTarget.sdkDefaults(), UrlConnectionHttpClient.builder().build())) {
            assertThat(sqs.serviceClientConfiguration().endpointOverride()).contains(
                    URI.create("http://127.0.0.1:4599"));
            assertThat(sqs.serviceClientConfiguration().region()).isEqualTo(Region.AP_SOUTHEAST_2);
        }
    }

    @Test
    void anEmulatorWithoutCredentialsGetsTheConventionalTestKeys() {
        try (SqsClient sqs = SqsModule.client(EMULATOR, UrlConnectionHttpClient.builder().build())) {
            AwsCredentialsIdentity id = sqs.serviceClientConfiguration().credentialsProvider().resolveIdentity()
                    .join();
            assertThat(id.accessKeyId()).isEqualTo("test");
        }
    }

    @Test
    void anEndpointFromTheEnvironmentMeansAnEmulatorAndOnlyRealCredentialsOverrideTheTestKeys() {
        AwsTarget none = AwsTarget.sdkDefaults();
        Properties noProps = new Properties();
        assertThat(AwsClientsModule.emulator(none, Map.of(), noProps)).isFalse();
        assertThat(AwsClientsModule.emulator(none, Map.of("AWS_ENDPOINT_URL", "http://localhost:4566"), noProps))
                .isTrue();
        assertThat(AwsClientsModule.emulator(none, Map.of("AWS_ENDPOINT_URL_SQS", "http://localhost:4566"), noProps))
                .isTrue();
        assertThat(AwsClientsModule.hasCredentials(none, Map.of(), noProps)).isFalse();
        assertThat(AwsClientsModule.hasCredentials(none, Map.of("AWS_ACCESS_KEY_ID", "AKIA"), noProps)).isTrue();
        assertThat(AwsClientsModule.hasCredentials(new AwsTarget(Optional.empty(), Optional.empty(),
                Optional.of("dev")), Map.of(), noProps)).isTrue();
    }

    @Test
    void theRegionFallsBackToUsEast1WhenNothingNamesOne() {
        if (System.getenv("AWS_REGION") == null && System.getenv("AWS_DEFAULT_REGION") == null
                && System.getenv("AWS_PROFILE") == null) {
            assertThat(AwsClientsModule.region(new AwsTarget(Optional.empty(), Optional.empty(),
                    Optional.of("no-such-profile-" + System.nanoTime())))).isEqualTo(Region.US_EAST_1);
        }
        assertThat(AwsClientsModule.region(new AwsTarget(Optional.empty(), Optional.of("eu-central-1"),
                Optional.empty()))).isEqualTo(Region.EU_CENTRAL_1);
    }
}
