package io.hybridrouter.ingest.di;

import dagger.Component;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.di.ModelModule;
import io.hybridrouter.ingest.JobProducer;
import io.hybridrouter.shared.aws.AwsClientsModule;
import io.hybridrouter.shared.di.ClockModule;
import io.hybridrouter.shared.di.EnvironmentModule;
import java.util.Optional;
import javax.inject.Singleton;

/** The API Lambda's object graph, configured from its environment. */
@Singleton
@Component(modules = {EnvironmentModule.class, ModelModule.class, ClockModule.class, AwsClientsModule.class,
    ApiModule.class})
public interface ApiComponent {

    JobRouter router();

    Optional<JobProducer> producer();

    static ApiComponent create() {
        return DaggerApiComponent.create();
    }
}
