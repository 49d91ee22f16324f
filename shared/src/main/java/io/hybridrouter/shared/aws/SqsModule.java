package io.hybridrouter.shared.aws;

import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The SQS client (jobs queue: producers, the local classifier worker). One per component, built when first asked for. */
@Module(includes = AwsClientsModule.class)
public final class SqsModule {

    private SqsModule() {
    }

    @Provides
    @Singleton
    static SqsClient client(AwsTarget target, SdkHttpClient http) {
        return AwsClientsModule.configure(SqsClient.builder(), target, http).build();
    }
}
