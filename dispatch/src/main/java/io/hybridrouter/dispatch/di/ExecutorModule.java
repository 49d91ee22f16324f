package io.hybridrouter.dispatch.di;

import dagger.Module;
import dagger.Provides;
import io.hybridrouter.dispatch.JobExecutor;
import io.hybridrouter.dispatch.RunLimits;
import io.hybridrouter.dispatch.idempotency.DynamoDbIdempotencyStore;
import io.hybridrouter.dispatch.idempotency.IdempotencyStore;
import io.hybridrouter.dispatch.runner.Runners;
import io.hybridrouter.shared.claim.ClaimCheckStore;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.shared.events.EventPublisher;
import java.time.Clock;
import java.util.Optional;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What both executors need: runners, the DynamoDB idempotency store and the job executor with the
 * run limits from the environment ({@code ROUTER_TASK_TIMEOUT}).
 */
@Module
public final class ExecutorModule {

    private ExecutorModule() {
    }

    @Provides
    @Singleton
    static Runners runners() {
        return Runners.discover();
    }

    @Provides
    @Singleton
    static IdempotencyStore idempotency(DynamoDbClient dynamo, RouterConfig config, Clock clock) {
        return new DynamoDbIdempotencyStore(dynamo, config.idempotencyTable(), clock);
    }

    @Provides
    @Singleton
    static JobExecutor executor(Runners runners, IdempotencyStore idempotency, Optional<ClaimCheckStore> claims,
            EventPublisher publisher, Clock clock, RouterConfig config) {
        return new JobExecutor(runners, idempotency, claims, publisher, clock, System.err::println,
                RunLimits.of(config));
    }
}
