package io.hybridrouter.classifier.di;

import dagger.Module;
import dagger.Provides;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.classifier.RoutingModel;
import io.hybridrouter.shared.config.RouterConfig;

import java.time.Clock;
import javax.inject.Singleton;

/** The model (from {@code ROUTER_MODEL_DIR} or the bundled one) and the router around it. */
@Module
public final class ModelModule {

    private ModelModule() {
    }

    @Provides
    @Singleton
    static RoutingModel model(RouterConfig config) {
        return config.modelDir().map(ModelArtefacts::load).orElseGet(ModelArtefacts::loadBundled);
    }

    @Provides
    @Singleton
    static JobRouter router(RoutingModel model, RouterConfig config, Clock clock) {
        return new JobRouter(model, config, clock);
    }
}
