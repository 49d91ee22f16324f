package io.hybridrouter.localstack.stack;

import io.hybridrouter.shared.aws.AwsClientsModule;
import io.hybridrouter.shared.aws.AwsTarget;
import java.net.URI;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Every SDK client a stack needs, for one {@link AwsTarget}, built in this one place (the CLI and the
 * end-to-end tests alike) with the same configuration the functions use. Close it when done.
 */
public final class StackClients implements AutoCloseable {

    private final SdkHttpClient http = UrlConnectionHttpClient.builder().build();
    private final AwsTarget target;
    public final SqsClient sqs;
    public final EventBridgeClient events;
    public final S3Client s3;
    public final DynamoDbClient dynamo;
    public final EcsClient ecs;
    public final IamClient iam;
    public final LambdaClient lambda;
    public final StsClient sts;

    /** Clients for an emulator's endpoint. */
    public StackClients(URI endpoint) {
        this(AwsTarget.endpoint(endpoint));
    }

    /** Clients for a target; what it leaves open, the SDK resolves from the environment and profiles. */
    public StackClients(AwsTarget target) {
        this.target = target;
        this.sqs = AwsClientsModule.configure(SqsClient.builder(), target, http).build();
        this.events = AwsClientsModule.configure(EventBridgeClient.builder(), target, http).build();
        this.s3 = AwsClientsModule.configure(S3Client.builder(), target, http)
                .forcePathStyle(AwsClientsModule.emulator(target, System.getenv(), System.getProperties())).build();
        this.dynamo = AwsClientsModule.configure(DynamoDbClient.builder(), target, http).build();
        this.ecs = AwsClientsModule.configure(EcsClient.builder(), target, http).build();
        // IAM is a global service: the SDK signs it for aws-global, whatever AWS_REGION says
        this.iam = AwsClientsModule.configure(IamClient.builder(), target, http).region(Region.AWS_GLOBAL).build();
        this.lambda = AwsClientsModule.configure(LambdaClient.builder(), target, http).build();
        this.sts = AwsClientsModule.configure(StsClient.builder(), target, http).build();
    }

    public AwsTarget target() {
        return target;
    }

    /** The region the clients sign for. */
    public String region() {
        return AwsClientsModule.region(target).id();
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
