package io.hybridrouter.ingest.di;

import dagger.Component;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.di.ModelModule;
import io.hybridrouter.ingest.JobProducer;
import io.hybridrouter.shared.aws.SqsModule;
import io.hybridrouter.shared.di.ClockModule;
import io.hybridrouter.shared.di.EnvironmentModule;
import io.hybridrouter.shared.di.JsonLogModule;
import io.hybridrouter.shared.log.RouterLog;
import io.hybridrouter.shared.snapstart.Jitter;
import java.util.Optional;
import javax.inject.Singleton;

/** The API Lambda's object graph, configured from its environment: the model, SQS, JSON log lines. */
@Singleton
@Component(modules = {EnvironmentModule.class, ModelModule.class, ClockModule.class, SqsModule.class,
    ApiModule.class, JsonLogModule.class})
public interface ApiComponent {

    JobRouter router();

    Optional<JobProducer> producer();

    RouterLog log();

    Jitter jitter();

    static ApiComponent create() {
        return DaggerApiComponent.create();
    }
}
