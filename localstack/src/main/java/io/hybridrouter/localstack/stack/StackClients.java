package io.hybridrouter.localstack.stack;

import io.hybridrouter.shared.aws.AwsClientsModule;
import io.hybridrouter.shared.config.RouterConfig;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Every SDK client a stack needs, for one endpoint, built in this one place (the CLI and the
 * end-to-end tests alike) with the same configuration the functions use. Close it when done.
 */
public final class StackClients implements AutoCloseable {

    private final SdkHttpClient http = UrlConnectionHttpClient.builder().build();
    private final RouterConfig config;
    public final SqsClient sqs;
    public final EventBridgeClient events;
    public final S3Client s3;
    public final DynamoDbClient dynamo;
    public final EcsClient ecs;
    public final IamClient iam;
    public final LambdaClient lambda;
    public final StsClient sts;

    public StackClients(URI endpoint) {
        this(Optional.of(endpoint));
    }

    /** Clients for an endpoint, or for AWS itself when empty. */
    public StackClients(Optional<URI> endpoint) {
        this.config = RouterConfig.defaults().withEndpoint(endpoint.orElse(null));
        this.sqs = AwsClientsModule.configure(SqsClient.builder(), config, http).build();
        this.events = AwsClientsModule.configure(EventBridgeClient.builder(), config, http).build();
        this.s3 = AwsClientsModule.configure(S3Client.builder(), config, http).forcePathStyle(endpoint.isPresent())
                .build();
        this.dynamo = AwsClientsModule.configure(DynamoDbClient.builder(), config, http).build();
        this.ecs = AwsClientsModule.configure(EcsClient.builder(), config, http).build();
        // IAM is a global service: the SDK signs it for aws-global, whatever AWS_REGION says
        this.iam = AwsClientsModule.configure(IamClient.builder(), config, http)
                .region(software.amazon.awssdk.regions.Region.AWS_GLOBAL).build();
        this.lambda = AwsClientsModule.configure(LambdaClient.builder(), config, http).build();
        this.sts = AwsClientsModule.configure(StsClient.builder(), config, http).build();
    }

    public Optional<URI> endpoint() {
        return config.endpoint();
    }

    /** The region the clients sign for. */
    public String region() {
        String r = System.getenv("AWS_REGION");
        if (r == null || r.isBlank()) {
            r = System.getenv("AWS_DEFAULT_REGION");
        }
        return r == null || r.isBlank() ? "us-east-1" : r.trim();
    }

    @Override
    public void close() {
        sqs.close();
        events.close();
        s3.close();
        dynamo.close();
        ecs.close();
        iam.close();
        lambda.close();
        sts.close();
        http.close();
    }
}
