package io.hybridrouter.classifier.di;

import dagger.Component;
import io.hybridrouter.classifier.BatchClassifier;
import io.hybridrouter.classifier.ClassifierPriming;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.shared.aws.EventBridgeModule;
import io.hybridrouter.shared.aws.S3Module;
import io.hybridrouter.shared.di.ClaimCheckModule;
import io.hybridrouter.shared.di.ClockModule;
import io.hybridrouter.shared.di.EnvironmentModule;
import io.hybridrouter.shared.di.JsonLogModule;
import io.hybridrouter.shared.di.PublisherModule;
import javax.inject.Singleton;

/**
 * The classifier Lambda's object graph, configured from its environment: EventBridge (decisions)
 * and S3 (claim checks and models, built only when {@code ROUTER_CLAIM_BUCKET} or {@code ROUTER_MODEL_S3} is
 * set), JSON log lines.
 */
@Singleton
@Component(modules = {EnvironmentModule.class, ModelModule.class, S3ModelStoreModule.class, ClockModule.class,
    EventBridgeModule.class, S3Module.class, ClaimCheckModule.class, PublisherModule.class, MetricsModule.class, JsonLogModule.class})
public interface ClassifierComponent {

    BatchClassifier batchClassifier();

    JobRouter router();

    ClassifierPriming priming();

    static ClassifierComponent create() {
        return DaggerClassifierComponent.create();
    }
}
