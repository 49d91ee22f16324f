package io.hybridrouter.dispatch.di;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import io.hybridrouter.dispatch.RunLimits;
import io.hybridrouter.dispatch.idempotency.DynamoDbIdempotencyStore;
import io.hybridrouter.dispatch.idempotency.IdempotencyStore;
import io.hybridrouter.dispatch.idempotency.IdempotencyTable;
import io.hybridrouter.dispatch.runner.Runners;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.shared.cost.PriceTable;
import io.hybridrouter.shared.cost.Prices;
import javax.inject.Singleton;

/**
 * What both deployed executors (the Lambda and the ECS task) are configured with: the runners found
 * on the class path, claims in DynamoDB ({@code ROUTER_IDEMPOTENCY_TABLE}) and the run limits
 * ({@code ROUTER_TASK_TIMEOUT}), and the price table runs are billed at ({@code ROUTER_PRICES},
 * {@code AWS_REGION}). The job executor itself is injected.
 */
@Module
public interface ExecutorModule {

    @Binds
    IdempotencyStore idempotency(DynamoDbIdempotencyStore store);

    @Provides
    @Singleton
    static Runners runners() {
        return Runners.discover();
    }

    @Provides
    @IdempotencyTable
    static String table(RouterConfig config) {
        return config.idempotencyTable();
    }

    @Provides
    static RunLimits limits(RouterConfig config) {
        return RunLimits.of(config);
    }

    @Provides
    @Singleton
    static Prices prices(RouterConfig config) {
        PriceTable.Selection s = PriceTable.bundledOr(config.decision().prices()).select(config.decision().region());
        // a region the table does not have is worth a line in the log, not a failure: prices differ little
        s.note().ifPresent(note -> System.err.println("prices: " + note));
        return s.prices();
    }
}
