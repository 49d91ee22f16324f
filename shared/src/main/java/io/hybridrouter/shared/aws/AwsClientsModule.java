package io.hybridrouter.shared.aws;

import dagger.Module;
import dagger.Provides;
import io.hybridrouter.shared.cost.AwsPricing;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * What every AWS SDK client of the project shares, and the one place that configures a client
 * builder ({@link #configure}); each service's client has a module of its own ({@link SqsModule},
 * {@link EventBridgeModule}, {@link S3Module}, {@link DynamoDbModule}), so that a component, and its
 * Lambda jar, carry only the services it uses. Every client uses the url-connection HTTP client
 * (small, fast to start in a Lambda) and the {@link AwsTarget}: what it does not choose is resolved
 * by the SDK itself ({@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_<SERVICE>}, the profile's
 * {@code endpoint_url}, {@code AWS_REGION}, the profile's {@code region}), never an endpoint
 * override the SDK would not make; the region falls back to us-east-1 when nothing names one. With
 * an emulator's endpoint (given or from the environment) and no credentials anywhere in the
 * environment, the emulators' conventional {@code test}/{@code test} keys are used.
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

    /** The region when nothing names one. */
    public static final Region FALLBACK_REGION = Region.US_EAST_1;

    /** Region, endpoint, credentials, HTTP client, retries and timeouts for any SDK client builder. */
    public static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder,
            AwsTarget target, SdkHttpClient http) {
        return configure(builder, target, http, overrides());
    }

    /** As {@link #configure(AwsClientBuilder, AwsTarget, SdkHttpClient)}, with other retries and timeouts. */
    public static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder,
            AwsTarget target, SdkHttpClient http, ClientOverrideConfiguration retriesAndTimeouts) {
        ClientOverrideConfiguration.Builder overrides = retriesAndTimeouts.toBuilder();
        target.profile().ifPresent(overrides::defaultProfileName);
        builder.httpClient(http);
        builder.overrideConfiguration(overrides.build());
        builder.region(region(target));
        target.endpointUrl().ifPresent(builder::endpointOverride);
        if (emulator(target, System.getenv(), System.getProperties()) && !hasCredentials(target, System.getenv(),
                System.getProperties())) {
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        } else if (target.profile().isPresent()) {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().profileName(target.profile().get())
                    .build());
        }
        return builder;
    }

    /**
     * The region clients sign for: the target's, else the SDK's resolution from the environment
     * ({@code AWS_REGION}, {@code aws.region}) and the profile's {@code region}, else
     * {@link #FALLBACK_REGION}. Instance metadata is not asked: Lambda and ECS set {@code AWS_REGION}.
     */
    public static Region region(AwsTarget target) {
        if (target.region().isPresent()) {
            return Region.of(target.region().get().trim());
        }
        try {
            return new SystemSettingsRegionProvider().getRegion();
        } catch (SdkException e) {
            // not in the environment: the profile, if it names one
        }
        try {
            Region fromProfile = target.profile().isPresent()
                    ? new AwsProfileRegionProvider(ProfileFile::defaultProfileFile, target.profile().get()).getRegion()
                    : new AwsProfileRegionProvider().getRegion();
            return fromProfile == null ? FALLBACK_REGION : fromProfile;
        } catch (SdkException | IllegalStateException e) {
            return FALLBACK_REGION;
        }
    }

    /**
     * Whether the clients talk to an emulator rather than AWS: an endpoint given, or one the SDK
     * will take from the environment ({@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_<SERVICE>}, or
     * their system properties), or the chosen profile's {@code endpoint_url}.
     */
    public static boolean emulator(AwsTarget target, Map<String, String> env, Properties props) {
        if (target.endpointUrl().isPresent()
                || env.keySet().stream().anyMatch(k -> k.startsWith("AWS_ENDPOINT_URL") && !env.get(k).isBlank())
                || props.stringPropertyNames().stream().anyMatch(k -> k.startsWith("aws.endpointUrl"))) {
            return true;
        }
        return target.profile().flatMap(p -> profileProperty(p, ProfileProperty.ENDPOINT_URL)).isPresent();
    }

    /** Whether the environment holds credentials of some kind, so that the SDK's own chain should find them. */
    static boolean hasCredentials(AwsTarget target, Map<String, String> env, Properties props) {
        return target.profile().isPresent() || props.getProperty("aws.accessKeyId") != null
                || env.keySet().stream().anyMatch(k -> k.equals("AWS_ACCESS_KEY_ID") || k.equals("AWS_PROFILE")
                        || k.equals("AWS_WEB_IDENTITY_TOKEN_FILE") || k.startsWith("AWS_CONTAINER_CREDENTIALS_"));
    }

    private static Optional<String> profileProperty(String profile, String property) {
        try {
            return ProfileFile.defaultProfileFile().profile(profile).flatMap(p -> p.property(property));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
