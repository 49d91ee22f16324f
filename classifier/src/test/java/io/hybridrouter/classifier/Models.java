package io.hybridrouter.classifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Models for the model-store tests: the bundled one under other versions, as a retraining would give. */
final class Models {

    static final RoutingModel BUNDLED = ModelArtefacts.loadBundled();

    private Models() {
    }

    /** The bundled model's predictors under {@code version}. */
    static RoutingModel versioned(String version) {
        ModelMetadata m = BUNDLED.metadata();
        return BUNDLED.withMetadata(new ModelMetadata(version, m.trainedAt(), m.tribuoVersion(), m.trainer(),
                m.trainerConfiguration(), m.seed(), m.dataHash(), m.dataRows(), m.trainedOn(), m.platforms(),
                m.decisions(), m.calibration(), m.options()));
    }

    /** {@code versioned(version)} saved in {@code parent/version}. */
    static Path saved(Path parent, String version) {
        Path dir = parent.resolve(version);
        try {
            ModelArtefacts.save(dir, versioned(version));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
