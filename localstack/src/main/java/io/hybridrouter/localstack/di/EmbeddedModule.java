package io.hybridrouter.localstack.di;

import dagger.Binds;
import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.Provides;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.dispatch.RunLimits;
import io.hybridrouter.dispatch.idempotency.IdempotencyStore;
import io.hybridrouter.dispatch.idempotency.InMemoryIdempotencyStore;
import io.hybridrouter.dispatch.runner.Runners;
import io.hybridrouter.shared.claim.ClaimCheckStore;
import io.hybridrouter.shared.claim.InMemoryClaimCheckStore;
import io.hybridrouter.shared.cost.Prices;
import javax.inject.Singleton;

/** The embedded stack's stand-ins for S3 and DynamoDB, and what its executor runs with. */
@Module
public interface EmbeddedModule {

    @Binds
    IdempotencyStore idempotency(InMemoryIdempotencyStore store);

    @Binds
    ClaimCheckStore claims(InMemoryClaimCheckStore store);

    /** Claim checks are always on here: {@code Optional<ClaimCheckStore>} is the store above. */
    @BindsOptionalOf
    ClaimCheckStore optionalClaims();

    @Provides
    @Singleton
    static Runners runners() {
        return Runners.discover();
    }

    @Provides
    static RunLimits limits() {
        return RunLimits.DEFAULT;
    }

    /** Runs are billed at the prices the router decides with. */
    @Provides
    static Prices prices(JobRouter router) {
        return router.prices();
    }
}
