package io.hybridrouter.classifier.di;

import dagger.Component;
import io.hybridrouter.classifier.BatchClassifier;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.shared.aws.AwsClientsModule;
import io.hybridrouter.shared.di.ClaimCheckModule;
import io.hybridrouter.shared.di.ClockModule;
import io.hybridrouter.shared.di.EnvironmentModule;
import io.hybridrouter.shared.di.PublisherModule;
import javax.inject.Singleton;

/** The classifier Lambda's object graph, configured from its environment. */
@Singleton
@Component(modules = {EnvironmentModule.class, ModelModule.class, ClockModule.class, AwsClientsModule.class,
    ClaimCheckModule.class, PublisherModule.class, ClassifierModule.class, MetricsModule.class})
public interface ClassifierComponent {

    BatchClassifier batchClassifier();

    JobRouter router();

    static ClassifierComponent create() {
        return DaggerClassifierComponent.create();
    }
}
