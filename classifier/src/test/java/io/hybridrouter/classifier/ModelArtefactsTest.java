package io.hybridrouter.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Platform;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.shared.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
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

    /** The bundled model's trees, read as {@code lambda} and {@code ecs} say. */
    private static RoutingModel withBases(DurationBase lambda, DurationBase ecs) {
        Map<Platform, PlatformPredictor> predictors = new EnumMap<>(Platform.class);
        for (Platform platform : Platform.values()) {
            PlatformPredictor p = BUNDLED.predictor(platform);
            predictors.put(platform, new PlatformPredictor(p.duration(), p.durationResiduals(), p.startup(),
                    p.startupResiduals(), platform == Platform.LAMBDA ? lambda : ecs));
        }
        return new RoutingModel(predictors, BUNDLED.calibration(), BUNDLED.metadata());
    }

    private static ObjectNode predictorsJson(Path dir) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(dir.resolve("model.tribuo")))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals("predictors.json")) {
                    return (ObjectNode) Json.MAPPER.readTree(zip.readAllBytes());
                }
            }
        }
        throw new AssertionError("no predictors.json");
    }

    /** Rewrites the bundle's predictors.json with {@code edit}, every other entry as it was. */
    private static void editPredictorsJson(Path dir, Consumer<ObjectNode> edit) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(
                Files.readAllBytes(dir.resolve("model.tribuo"))))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(entries.get("predictors.json"));
        edit.accept(json);
        entries.put("predictors.json", Json.MAPPER.writeValueAsBytes(json));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        Files.write(dir.resolve("model.tribuo"), out.toByteArray());
    }

    @Test
    void aModelWithADurationBaseIsFormatTwoAndNamesTheBasePerPlatform(@TempDir Path dir) throws IOException {
        RoutingModel mixed = withBases(DurationBase.NONE, DurationBase.EXPECTED_DURATION);
        ModelArtefacts.save(dir, mixed);
        ObjectNode json = predictorsJson(dir);
        assertThat(json.get("format").asInt()).isEqualTo(2);
        assertThat(json.get("duration_base").toString())
                .isEqualTo("{\"ecs\":\"expected_duration\",\"lambda\":\"none\"}");
        RoutingModel loaded = ModelArtefacts.load(dir);
        assertThat(loaded.predictor(Platform.LAMBDA).durationBase()).isEqualTo(DurationBase.NONE);
        assertThat(loaded.predictor(Platform.ECS).durationBase()).isEqualTo(DurationBase.EXPECTED_DURATION);
        for (Job job : Fixtures.jobs(300, 4)) {
            assertThat(new JobRouter(loaded, 0.6, Platform.LAMBDA, CLOCK).decide(job))
                    .isEqualTo(new JobRouter(mixed, 0.6, Platform.LAMBDA, CLOCK).decide(job));
        }
    }

    /** A model without a base is written as before the base existed, so routers from before it still read it. */
    @Test
    void aModelWithoutADurationBaseIsFormatOneAndFormatOneReadsAsNoBase(@TempDir Path dir) throws IOException {
        ModelArtefacts.save(dir, withBases(DurationBase.NONE, DurationBase.NONE));
        ObjectNode json = predictorsJson(dir);
        assertThat(json.get("format").asInt()).isEqualTo(1);
        assertThat(json.has("duration_base")).isFalse();
        RoutingModel loaded = ModelArtefacts.load(dir);
        for (Platform p : Platform.values()) {
            assertThat(loaded.predictor(p).durationBase()).isEqualTo(DurationBase.NONE);
        }
    }

    @Test
    void refusesAFormatItDoesNotKnowAndAFormatTwoBundleWithoutItsBaseNamingWhat(@TempDir Path dir)
            throws IOException {
        ModelArtefacts.save(dir, BUNDLED);
        editPredictorsJson(dir, j -> j.put("format", 3));
        assertThatThrownBy(() -> ModelArtefacts.load(dir))
                .isInstanceOf(ModelArtefacts.ModelLoadException.class)
                .hasMessageContaining("format 3, this router reads formats 1 and 2; a newer router wrote it");
        editPredictorsJson(dir, j -> {
            j.put("format", 2);
            ((ObjectNode) j.get("duration_base")).remove("ecs");
        });
        assertThatThrownBy(() -> ModelArtefacts.load(dir))
                .hasMessageContaining("format 2 needs \"duration_base\" for ecs (a base name) in predictors.json");
        editPredictorsJson(dir, j -> ((ObjectNode) j.get("duration_base")).put("ecs", "hint"));
        assertThatThrownBy(() -> ModelArtefacts.load(dir))
                .hasMessageContaining("predictors.json: ecs: unknown duration_base \"hint\"");
        editPredictorsJson(dir, j -> j.put("duration_base", "expected_duration"));
        assertThatThrownBy(() -> ModelArtefacts.load(dir))
                .hasMessageContaining("\"duration_base\" must be an object of platform to base name, got string");
        editPredictorsJson(dir, j -> j.remove("format"));
        assertThatThrownBy(() -> ModelArtefacts.load(dir))
                .hasMessageContaining("predictors.json has no valid \"format\" (got null; this router reads 1 and 2)");
        editPredictorsJson(dir, j -> j.put("format", "2"));
        assertThatThrownBy(() -> ModelArtefacts.load(dir))
                .hasMessageContaining("predictors.json has no valid \"format\" (got \"2\"; this router reads 1 and 2)");
        editPredictorsJson(dir, j -> j.put("format", 2.5));
        assertThatThrownBy(() -> ModelArtefacts.load(dir)).hasMessageContaining("(got 2.5;");
    }

    /** Format 1 with a base is a contradiction a format 1 reader would resolve by misreading the trees. */
    @Test
    void refusesAFormatOneBundleThatNamesADurationBase(@TempDir Path dir) throws IOException {
        ModelArtefacts.save(dir, BUNDLED);
        editPredictorsJson(dir, j -> j.put("format", 1));
        assertThatThrownBy(() -> ModelArtefacts.load(dir))
                .isInstanceOf(ModelArtefacts.ModelLoadException.class)
                .hasMessageContaining("predictors.json: format 1 must not have \"duration_base\" (a model with one is "
                        + "format 2)");
    }
}
