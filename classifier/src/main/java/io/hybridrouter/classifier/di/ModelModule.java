package io.hybridrouter.classifier.di;

import dagger.Module;
import dagger.Provides;
import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.classifier.RoutingModel;
import io.hybridrouter.shared.config.RouterConfig;
import javax.inject.Singleton;

/**
 * The model, from {@code ROUTER_MODEL_DIR} or the bundled one: read from files, so provided here;
 * the router around it is injected.
 */
@Module
public final class ModelModule {

    private ModelModule() {
    }

    @Provides
    @Singleton
    static RoutingModel model(RouterConfig config) {
        return config.modelDir().map(ModelArtefacts::load).orElseGet(ModelArtefacts::loadBundled);
    }
}
