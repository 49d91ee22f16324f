package io.hybridrouter.cli.di;

import dagger.BindsInstance;
import dagger.Component;
import io.hybridrouter.classifier.BatchClassifier;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.di.ClassifierModule;
import io.hybridrouter.classifier.di.ModelModule;
import io.hybridrouter.classifier.di.NoMetricsModule;
import io.hybridrouter.shared.aws.AwsClientsModule;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.shared.di.ClaimCheckModule;
import io.hybridrouter.shared.di.ClockModule;
import io.hybridrouter.shared.di.PublisherModule;
import java.time.Clock;
import javax.inject.Singleton;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The object graph of one CLI command, built for the configuration its flags and environment give. */
@Singleton
@Component(modules = {ModelModule.class, ClockModule.class, AwsClientsModule.class, ClaimCheckModule.class,
    PublisherModule.class, ClassifierModule.class, NoMetricsModule.class})
public interface CliComponent {

    JobRouter router();

    Clock clock();

    SqsClient sqs();

    BatchClassifier batchClassifier();

    EventBridgeClient eventBridge();

    static CliComponent create(RouterConfig config) {
        return DaggerCliComponent.factory().create(config);
    }

    /** Builds the graph around a configuration. */
    @Component.Factory
    interface Factory {
        CliComponent create(@BindsInstance RouterConfig config);
    }
}
