package io.hybridrouter.localstack.di;

import dagger.BindsInstance;
import dagger.Component;
import io.hybridrouter.classifier.BatchClassifier;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.di.NoMetricsModule;
import io.hybridrouter.dispatch.JobExecutor;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.shared.di.ClockModule;
import io.hybridrouter.shared.di.PlainLogModule;
import io.hybridrouter.shared.di.PublisherModule;
import javax.inject.Singleton;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The embedded stack's object graph: the classifier and the executor that the deployed functions
 * run, sharing one in-process bus, one in-memory claim-check store and one in-memory idempotency
 * store; plain log lines on stderr, no metrics.
 */
@Singleton
@Component(modules = {EmbeddedModule.class, ClockModule.class, PublisherModule.class, PlainLogModule.class,
    NoMetricsModule.class})
public interface EmbeddedComponent {

    BatchClassifier batchClassifier();

    JobExecutor executor();

    static EmbeddedComponent create(RouterConfig config, JobRouter router, EventBridgeClient bus) {
        return DaggerEmbeddedComponent.factory().create(config, router, bus);
    }

    /** Builds the graph around the stack's configuration, its router and its bus. */
    @Component.Factory
    interface Factory {
        EmbeddedComponent create(@BindsInstance RouterConfig config, @BindsInstance JobRouter router,
                @BindsInstance EventBridgeClient bus);
    }
}
