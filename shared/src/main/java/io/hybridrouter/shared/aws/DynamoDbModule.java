package io.hybridrouter.shared.aws;

import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB client (the executors' idempotency claims). One per component, built when first asked for. */
@Module(includes = AwsClientsModule.class)
public final class DynamoDbModule {

    private DynamoDbModule() {
    }

    @Provides
    @Singleton
    static DynamoDbClient client(AwsTarget target, SdkHttpClient http) {
        return AwsClientsModule.configure(DynamoDbClient.builder(), target, http).build();
    }
}
