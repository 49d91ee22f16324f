package io.hybridrouter.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridrouter.shared.Job;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArtefactsTest {

    private static final RoutingModel BUNDLED = ModelArtefacts.loadBundled();

    @Test
    void savedModelLoadsBackWithTheSamePredictions(@TempDir Path dir) throws IOException {
        ModelArtefacts.save(dir, BUNDLED.tribuoModel(), BUNDLED.metadata());
        assertThat(dir.resolve("model.tribuo")).exists();
        assertThat(dir.resolve("feature_columns.json")).content().contains("payload_size_kb_log10");
        assertThat(dir.resolve("model_metadata.json")).content().contains("\"model_version\"");
        // gzip-compressed protobuf, not Java serialisation (whose stream starts 0xACED)
        byte[] head = Files.readAllBytes(dir.resolve("model.tribuo"));
        assertThat(head[0] & 0xff).isEqualTo(0x1f);
        assertThat(head[1] & 0xff).isEqualTo(0x8b);

        RoutingModel loaded = ModelArtefacts.load(dir);
        assertThat(loaded.metadata()).isEqualTo(BUNDLED.metadata());
        for (Job job : Fixtures.jobs(300, 2)) {
            assertThat(loaded.score(job)).isEqualTo(BUNDLED.score(job));
        }
    }

    @Test
    void refusesModelTrainedOnOtherFeatureColumns(@TempDir Path dir) throws IOException {
        ModelArtefacts.save(dir, BUNDLED.tribuoModel(), BUNDLED.metadata());
        Files.writeString(dir.resolve("feature_columns.json"), "[\"a\",\"b\"]");
        assertThatThrownBy(() -> ModelArtefacts.load(dir))
                .isInstanceOf(ModelArtefacts.ModelLoadException.class)
                .hasMessageContaining("trained on the feature columns [a, b]")
                .hasMessageContaining("retrain it");
    }

    @Test
    void explainsACorruptModelFile(@TempDir Path dir) throws IOException {
        ModelArtefacts.save(dir, BUNDLED.tribuoModel(), BUNDLED.metadata());
        Files.write(dir.resolve("model.tribuo"), new byte[] {1, 2, 3, 4, 5});
        assertThatThrownBy(() -> ModelArtefacts.load(dir))
                .hasMessageStartingWith(dir + ": cannot read model.tribuo as a Tribuo protobuf model");
    }

    @Test
    void explainsAMissingFolderOrFile(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> ModelArtefacts.load(dir.resolve("nope")))
                .hasMessageContaining("does not exist");
        Files.writeString(dir.resolve("feature_columns.json"), "[]");
        assertThatThrownBy(() -> ModelArtefacts.load(dir)).hasMessageContaining("trained on the feature columns []");
    }
}
