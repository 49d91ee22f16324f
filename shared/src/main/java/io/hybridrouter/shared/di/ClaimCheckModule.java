package io.hybridrouter.shared.di;

import dagger.Module;
import dagger.Provides;
import io.hybridrouter.shared.claim.ClaimCheckStore;
import io.hybridrouter.shared.claim.S3ClaimCheckStore;
import io.hybridrouter.shared.config.RouterConfig;
import java.util.Optional;
import javax.inject.Provider;
import javax.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;

/** Claim checks in S3 when {@code ROUTER_CLAIM_BUCKET} is set; S3's client is built only then. */
@Module
public final class ClaimCheckModule {

    private ClaimCheckModule() {
    }

    @Provides
    @Singleton
    static Optional<ClaimCheckStore> claims(RouterConfig config, Provider<S3Client> s3) {
        return config.claimBucket().map(bucket -> new S3ClaimCheckStore(s3.get(), bucket));
    }
}
