package io.hybridrouter.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArtefactsTest {

    private static final RoutingModel BUNDLED = ModelArtefacts.loadBundled();
    private static final Clock CLOCK = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

    @Test
    void savedModelLoadsBackWithTheSamePredictions(@TempDir Path dir) throws IOException {
        ModelArtefacts.save(dir, BUNDLED);
        assertThat(dir.resolve("model.tribuo")).exists();
        assertThat(dir.resolve("feature_columns.json")).content().contains("payload_size_kb_log10");
        assertThat(dir.resolve("model_metadata.json")).content().contains("\"model_version\"");
        // a ZIP of Tribuo protobuf models and JSON, not Java serialisation (whose stream starts 0xACED)
        byte[] head = Files.readAllBytes(dir.resolve("model.tribuo"));
        assertThat(new String(head, 0, 2, StandardCharsets.US_ASCII)).isEqualTo("PK");
        assertThat(head).isEqualTo(ModelArtefacts.serialise(BUNDLED));

        RoutingModel loaded = ModelArtefacts.load(dir);
        assertThat(loaded.metadata()).isEqualTo(BUNDLED.metadata());
        for (Job job : Fixtures.jobs(300, 2)) {
            JobRouter a = new JobRouter(loaded, 0.6, Platform.LAMBDA, CLOCK);
            JobRouter b = new JobRouter(BUNDLED, 0.6, Platform.LAMBDA, CLOCK);
            assertThat(a.decide(job)).isEqualTo(b.decide(job));
        }
    }

    @Test
    void refusesModelTrainedOnOtherFeatureColumns(@TempDir Path dir) throws IOException {
        ModelArtefacts.save(dir, BUNDLED);
        Files.writeString(dir.resolve("feature_columns.json"), "[\"a\",\"b\"]");
        assertThatThrownBy(() -> ModelArtefacts.load(dir))
                .isInstanceOf(ModelArtefacts.ModelLoadException.class)
                .hasMessageContaining("trained on the feature columns [a, b]")
                .hasMessageContaining("retrain it");
    }

    @Test
    void explainsACorruptModelFile(@TempDir Path dir) throws IOException {
        ModelArtefacts.save(dir, BUNDLED);
        Files.write(dir.resolve("model.tribuo"), new byte[] {1, 2, 3, 4, 5});
        assertThatThrownBy(() -> ModelArtefacts.load(dir))
                .hasMessageStartingWith(dir + ": cannot read model.tribuo as a predictor bundle");
    }

    @Test
    void explainsAMissingFolderOrFile(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> ModelArtefacts.load(dir.resolve("nope")))
                .hasMessageContaining("does not exist");
        Files.writeString(dir.resolve("feature_columns.json"), "[]");
        assertThatThrownBy(() -> ModelArtefacts.load(dir)).hasMessageContaining("trained on the feature columns []");
    }
}
