package io.hybridrouter.dispatch.di;

import dagger.Component;
import io.hybridrouter.dispatch.ExecutorPriming;
import io.hybridrouter.dispatch.JobExecutor;
import io.hybridrouter.shared.aws.DynamoDbModule;
import io.hybridrouter.shared.aws.EventBridgeModule;
import io.hybridrouter.shared.aws.S3Module;
import io.hybridrouter.shared.di.ClaimCheckModule;
import io.hybridrouter.shared.di.ClockModule;
import io.hybridrouter.shared.di.EnvironmentModule;
import io.hybridrouter.shared.di.JsonLogModule;
import io.hybridrouter.shared.di.PublisherModule;
import javax.inject.Singleton;

/**
 * The executor Lambda's object graph, configured from its environment: EventBridge (outcomes), DynamoDB (claims), S3
 * (claim checks, built only when {@code ROUTER_CLAIM_BUCKET} is set), JSON log lines.
 */
@Singleton
@Component(modules = {EnvironmentModule.class, ClockModule.class, EventBridgeModule.class, DynamoDbModule.class,
    S3Module.class, ClaimCheckModule.class, PublisherModule.class, ExecutorModule.class, JsonLogModule.class})
public interface ExecutorComponent {

    JobExecutor executor();

    ExecutorPriming priming();

    static ExecutorComponent create() {
        return DaggerExecutorComponent.create();
    }
}
