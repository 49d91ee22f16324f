package io.hybridrouter.classifier.di;

import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.Provides;
import io.hybridrouter.classifier.FolderModelStore;
import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.classifier.ModelSource;
import io.hybridrouter.classifier.ModelStore;
import io.hybridrouter.classifier.RefreshingModel;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.shared.cost.PriceTable;
import io.hybridrouter.shared.cost.Prices;
import io.hybridrouter.shared.log.RouterLog;
import java.time.Clock;
import java.util.Optional;
import javax.inject.Provider;
import javax.inject.Singleton;

/**
 * The model and the prices in force (from {@code ROUTER_PRICES} or the bundled table, for
 * {@code AWS_REGION}): read from files, so provided here; the router around them is injected. The model
 * comes from {@code ROUTER_MODEL_S3} (followed for new versions), else {@code ROUTER_MODEL_DIR} (followed
 * when it is a store {@code router model promote} writes, else read once), else the bundled one. The
 * S3 store comes from {@link S3ModelStoreModule} in components that include it, and is built only when
 * {@code ROUTER_MODEL_S3} is set.
 */
@Module
public abstract class ModelModule {

    private ModelModule() {
    }

    @BindsOptionalOf
    @ModelS3
    abstract ModelStore s3Store();

    @Provides
    @Singleton
    static ModelSource model(RouterConfig config, @ModelS3 Optional<Provider<ModelStore>> s3, Clock clock,
            RouterLog log) {
        if (config.modelS3().isPresent()) {
            ModelStore store = s3.orElseThrow(() -> new RouterConfig.ConfigException("ROUTER_MODEL_S3: this "
                    + "function reads no models from S3 (its package has no S3 client); use ROUTER_MODEL_DIR")).get();
            return RefreshingModel.start(store, clock, config.modelRefresh(), log);
        }
        if (config.modelDir().isPresent() && FolderModelStore.isStore(config.modelDir().get())) {
            return RefreshingModel.start(new FolderModelStore(config.modelDir().get()), clock, config.modelRefresh(),
                    log);
        }
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
