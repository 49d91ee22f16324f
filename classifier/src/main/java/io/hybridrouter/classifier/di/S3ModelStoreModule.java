package io.hybridrouter.classifier.di;

import dagger.Module;
import dagger.Provides;
import io.hybridrouter.classifier.ModelStore;
import io.hybridrouter.classifier.S3ModelStore;
import io.hybridrouter.shared.aws.S3Module;
import io.hybridrouter.shared.config.RouterConfig;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Models from {@code ROUTER_MODEL_S3}, for components whose package carries S3's client (the classifier
 * function, the CLI); {@link ModelModule} asks for the store only when the variable is set.
 */
@Module(includes = S3Module.class)
public final class S3ModelStoreModule {

    private S3ModelStoreModule() {
    }

    @Provides
    @ModelS3
    static ModelStore store(RouterConfig config, S3Client s3) {
        return new S3ModelStore(s3, config.modelS3().orElseThrow(
                () -> new IllegalStateException("ROUTER_MODEL_S3 is not set")));
    }
}
