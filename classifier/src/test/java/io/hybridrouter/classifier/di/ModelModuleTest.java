package io.hybridrouter.classifier.di;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridrouter.classifier.FolderModelStore;
import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.classifier.ModelSource;
import io.hybridrouter.classifier.RefreshingModel;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.shared.log.RouterLog;
import io.hybridrouter.shared.testing.MutableClock;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelModuleTest {

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock();

    @Test
    void aModelFolderIsReadOnceAndAStoreFolderIsFollowed() throws Exception {
        Path model = tmp.resolve("model");
        ModelArtefacts.save(model, ModelArtefacts.loadBundled());
        Path store = tmp.resolve("store");
        new FolderModelStore(store).promote(model, clock);

        ModelSource once = ModelModule.model(RouterConfig.defaults().withModelDir(model), Optional.empty(), clock,
                RouterLog.NONE);
        ModelSource followed = ModelModule.model(RouterConfig.defaults().withModelDir(store), Optional.empty(), clock,
                RouterLog.NONE);

        assertThat(once).isNotInstanceOf(RefreshingModel.class);
        assertThat(followed).isInstanceOf(RefreshingModel.class);
        assertThat(followed.current().version()).isEqualTo(once.current().version());
    }

    @Test
    void aComponentWithoutS3RefusesAnS3ModelLocationByName() {
        RouterConfig config = RouterConfig.fromMap(Map.of("ROUTER_MODEL_S3", "s3://models-1/router/"));
        assertThatThrownBy(() -> ModelModule.model(config, Optional.empty(), clock, RouterLog.NONE))
                .isInstanceOf(RouterConfig.ConfigException.class).hasMessageStartingWith("ROUTER_MODEL_S3: ");
    }
}
