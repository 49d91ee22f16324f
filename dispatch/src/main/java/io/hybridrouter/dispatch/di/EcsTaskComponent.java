package io.hybridrouter.dispatch.di;

import dagger.Component;
import io.hybridrouter.dispatch.JobExecutor;
import io.hybridrouter.shared.aws.AwsClientsModule;
import io.hybridrouter.shared.di.ClaimCheckModule;
import io.hybridrouter.shared.di.ClockModule;
import io.hybridrouter.shared.di.EnvironmentModule;
import io.hybridrouter.shared.di.PublisherModule;
import javax.inject.Singleton;

/** The ECS worker task's object graph, configured from its environment. */
@Singleton
@Component(modules = {EnvironmentModule.class, ClockModule.class, AwsClientsModule.class, ClaimCheckModule.class,
    PublisherModule.class, ExecutorModule.class})
public interface EcsTaskComponent {

    JobExecutor executor();

    static EcsTaskComponent create() {
        return DaggerEcsTaskComponent.create();
    }
}
