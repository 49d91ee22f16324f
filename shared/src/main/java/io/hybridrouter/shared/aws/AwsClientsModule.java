package io.hybridrouter.shared.aws;

import dagger.Module;
import dagger.Provides;
import io.hybridrouter.shared.config.RouterConfig;
import java.net.URI;
import java.util.Optional;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
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
 */
@Module
public final class AwsClientsModule {

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
        return configure(EventBridgeClient.builder(), config, http).build();
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

    /** Region, endpoint, credentials and HTTP client for any SDK client builder. */
    public static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder,
            RouterConfig config, SdkHttpClient http) {
        builder.httpClient(http);
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
