package io.hybridrouter.classifier.di;

import dagger.Module;
import dagger.Provides;
import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.classifier.ModelSource;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.shared.cost.PriceTable;
import io.hybridrouter.shared.cost.Prices;
import javax.inject.Singleton;

/**
 * The model (from {@code ROUTER_MODEL_DIR} or the bundled one) and the prices in force (from
 * {@code ROUTER_PRICES} or the bundled table, for {@code AWS_REGION}): read from files, so provided
 * here; the router around them is injected.
 */
@Module
public final class ModelModule {

    private ModelModule() {
    }

    @Provides
    @Singleton
    static ModelSource model(RouterConfig config) {
        return ModelSource.of(config.modelDir().map(ModelArtefacts::load).orElseGet(ModelArtefacts::loadBundled));
    }

    @Provides
    @Singleton
    static Prices prices(RouterConfig config) {
        PriceTable.Selection s = PriceTable.bundledOr(config.decision().prices()).select(config.decision().region());
        // a region the table does not have is worth a line in the log, not a failure: prices differ little
        s.note().ifPresent(note -> System.err.println("prices: " + note));
        return s.prices();
    }
}
