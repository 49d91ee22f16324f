package io.hybridrouter.shared.aws;

import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 client (claim checks), path-style with an emulator, whose buckets have no DNS names. One per component, built when first asked for. */
@Module(includes = AwsClientsModule.class)
public final class S3Module {

    private S3Module() {
    }

    @Provides
    @Singleton
    static S3Client client(AwsTarget target, SdkHttpClient http) {
        return AwsClientsModule.configure(S3Client.builder(), target, http)
                .forcePathStyle(AwsClientsModule.emulator(target, System.getenv(), System.getProperties())).build();
    }
}
