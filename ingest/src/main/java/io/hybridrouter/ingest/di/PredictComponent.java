package io.hybridrouter.ingest.di;

import dagger.Component;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.di.ModelModule;
import io.hybridrouter.shared.di.ClockModule;
import io.hybridrouter.shared.di.EnvironmentModule;
import io.hybridrouter.shared.di.JsonLogModule;
import io.hybridrouter.shared.log.RouterLog;
import javax.inject.Singleton;

/** The predict Lambda's object graph, configured from its environment: the model and JSON log lines; no AWS client. */
@Singleton
@Component(modules = {EnvironmentModule.class, ModelModule.class, ClockModule.class, JsonLogModule.class})
public interface PredictComponent {

    JobRouter router();

    RouterLog log();

    static PredictComponent create() {
        return DaggerPredictComponent.create();
    }
}
