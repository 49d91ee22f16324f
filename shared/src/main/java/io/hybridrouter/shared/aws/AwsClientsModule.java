package io.hybridrouter.shared.aws;

import dagger.Module;
import dagger.Provides;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.shared.cost.AwsPricing;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS SDK clients, one of each per component and built only when something asks for it. Every
 * client uses the url-connection HTTP client (small, fast to start in a Lambda), the region from
 * {@code AWS_REGION} (default us-east-1) and, when {@link RouterConfig#endpoint()} is set, that
 * endpoint (LocalStack, moto) with path-style S3 and, if no credentials are in the environment,
 * the emulators' conventional {@code test}/{@code test} keys.
 *
 * <p>Retries and timeouts are explicit, not the SDK's defaults: the standard retry mode with
 * {@link #MAX_ATTEMPTS} attempts, each cut at {@link #ATTEMPT_TIMEOUT} and the whole call at
 * {@link #CALL_TIMEOUT}. The EventBridge client is the exception: {@code PutEvents} is not idempotent
 * (an attempt whose response is lost may have been written), so it retries only attempts the
 * service throttled, which wrote nothing; {@code EventPublisher} handles the rest.
 */
@Module
public final class AwsClientsModule {

    /** Attempts per call, the first included: the SDK's standard retry mode's default, stated. */
    public static final int MAX_ATTEMPTS = 3;
    /** One attempt: longer than SQS's longest long poll, so a receive that waits is not cut. */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(AwsPricing.SQS_MAX_WAIT_TIME_S + 10);
    /** A whole call with its retries and their backoff. */
    public static final Duration CALL_TIMEOUT = ATTEMPT_TIMEOUT.multipliedBy(MAX_ATTEMPTS).plusSeconds(10);
    /** PutEvents answers in milliseconds; a stuck attempt should not hold a Lambda's batch for long. */
    public static final Duration EVENTS_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration EVENTS_CALL_TIMEOUT = Duration.ofSeconds(20);

    /** An attempt the service refused as throttled: nothing was written, so sending it again is safe. */
    static final Predicate<Throwable> THROTTLED = t -> t instanceof SdkServiceException e && e.isThrottlingException();

    private AwsClientsModule() {
    }

    @Provides
    @Singleton
    static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder().build();
    }

    @Provides
    @Singleton
    static SqsClient sqs(RouterConfig config, SdkHttpClient http) {
        return configure(SqsClient.builder(), config, http).build();
    }

    @Provides
    @Singleton
    static EventBridgeClient eventBridge(RouterConfig config, SdkHttpClient http) {
        return configure(EventBridgeClient.builder(), config, http)
                .overrideConfiguration(putEventsOverrides())
                .build();
    }

    /** Retries and timeouts for every client but the publisher's EventBridge client. */
    public static ClientOverrideConfiguration overrides() {
        RetryStrategy standard = AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build();
        return ClientOverrideConfiguration.builder().retryStrategy(standard).apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                .apiCallTimeout(CALL_TIMEOUT).build();
    }

    /**
     * For the EventBridge client {@code EventPublisher} uses: up to {@link #MAX_ATTEMPTS} attempts, but
     * only after a throttled attempt (with the SDK's throttling backoff); any other failure ends the
     * call at once, so one call puts at most one copy of an entry on the bus.
     */
    public static ClientOverrideConfiguration putEventsOverrides() {
        RetryStrategy throttledOnly = StandardRetryStrategy.builder().maxAttempts(MAX_ATTEMPTS)
                .retryOnException(THROTTLED).treatAsThrottling(THROTTLED)
                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(2)))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(500),
                        Duration.ofSeconds(5)))
                .circuitBreakerEnabled(false)
                .build();
        return ClientOverrideConfiguration.builder().retryStrategy(throttledOnly)
                .apiCallAttemptTimeout(EVENTS_ATTEMPT_TIMEOUT).apiCallTimeout(EVENTS_CALL_TIMEOUT).build();
    }

    @Provides
    @Singleton
    static S3Client s3(RouterConfig config, SdkHttpClient http) {
        return configure(S3Client.builder(), config, http)
                .forcePathStyle(config.endpoint().isPresent())
                .build();
    }

    @Provides
    @Singleton
    static DynamoDbClient dynamoDb(RouterConfig config, SdkHttpClient http) {
        return configure(DynamoDbClient.builder(), config, http).build();
    }

    /** Region, endpoint, credentials, HTTP client, retries and timeouts for any SDK client builder. */
    public static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder,
            RouterConfig config, SdkHttpClient http) {
        builder.httpClient(http);
        builder.overrideConfiguration(overrides());
        builder.region(region());
        builder.credentialsProvider(credentials(config.endpoint()));
        config.endpoint().ifPresent(builder::endpointOverride);
        return builder;
    }

    static Region region() {
        String r = System.getenv("AWS_REGION");
        if (r == null || r.isBlank()) {
            r = System.getenv("AWS_DEFAULT_REGION");
        }
        return Region.of(r == null || r.isBlank() ? "us-east-1" : r.trim());
    }

    static AwsCredentialsProvider credentials(Optional<URI> endpoint) {
        boolean envKeys = System.getenv("AWS_ACCESS_KEY_ID") != null || System.getenv("AWS_PROFILE") != null
                || System.getProperty("aws.accessKeyId") != null;
        if (endpoint.isPresent() && !envKeys) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
