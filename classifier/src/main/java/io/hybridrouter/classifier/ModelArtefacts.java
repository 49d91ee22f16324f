package io.hybridrouter.classifier;

import com.fasterxml.jackson.core.type.TypeReference;
import io.hybridrouter.shared.Json;
import org.tribuo.Model;
import org.tribuo.classification.Label;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The three files that make a model: {@code model.tribuo} (Tribuo protobuf, gzip-compressed),
 * {@code feature_columns.json} and {@code model_metadata.json}. Loading never uses Java
 * serialisation. A model trained on other feature columns than {@link FeatureSchema#NAMES} is refused.
 */
public final class ModelArtefacts {

    public static final String MODEL_FILE = "model.tribuo";
    public static final String COLUMNS_FILE = "feature_columns.json";
    public static final String METADATA_FILE = "model_metadata.json";
    /** Where the default model lives on the classpath. */
    public static final String BUNDLED = "/io/hybridrouter/classifier/model/";

    /** Thrown when a model folder cannot be used; the message says which file and why. */
    public static final class ModelLoadException extends RuntimeException {
        public ModelLoadException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private ModelArtefacts() {
    }

    /** The default model bundled in this module. */
    public static RoutingModel loadBundled() {
        return load(name -> {
            InputStream in = ModelArtefacts.class.getResourceAsStream(BUNDLED + name);
            if (in == null) {
                throw new NoSuchFileException("classpath:" + BUNDLED + name);
            }
            return in;
        }, "the bundled model");
    }

    /** The model in {@code dir}. */
    public static RoutingModel load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ModelLoadException("model folder " + dir + " does not exist or is not a folder", null);
        }
        return load(name -> Files.newInputStream(dir.resolve(name)), dir.toString());
    }

    private interface Opener {
        InputStream open(String name) throws IOException;
    }

    private static RoutingModel load(Opener opener, String where) {
        List<String> columns;
        try (InputStream in = opener.open(COLUMNS_FILE)) {
            columns = Json.MAPPER.readValue(in, new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new ModelLoadException(where + ": cannot read " + COLUMNS_FILE + ": " + e.getMessage(), e);
        }
        if (!FeatureSchema.NAMES.equals(columns)) {
            throw new ModelLoadException(where + ": the model was trained on the feature columns " + columns
                    + " but this router computes " + FeatureSchema.NAMES + "; retrain it with `router train`", null);
        }
        ModelMetadata metadata;
        try (InputStream in = opener.open(METADATA_FILE)) {
            metadata = Json.MAPPER.readValue(in, ModelMetadata.class);
        } catch (IOException e) {
            throw new ModelLoadException(where + ": cannot read " + METADATA_FILE + ": " + e.getMessage(), e);
        }
        Model<Label> model;
        try (InputStream raw = new BufferedInputStream(opener.open(MODEL_FILE))) {
            model = Model.deserializeFromStream(maybeGunzip(raw)).castModel(Label.class);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException(where + ": cannot read " + MODEL_FILE + " as a Tribuo protobuf model: "
                    + e.getMessage(), e);
        }
        return new RoutingModel(model, metadata);
    }

    private static InputStream maybeGunzip(InputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in) : in;
    }

    /** Writes the three files into {@code dir}, creating it when needed. */
    public static void save(Path dir, Model<Label> model, ModelMetadata metadata) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(MODEL_FILE), serialise(model));
        Files.writeString(dir.resolve(COLUMNS_FILE),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(FeatureSchema.NAMES) + "\n");
        Files.writeString(dir.resolve(METADATA_FILE),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(metadata) + "\n");
    }

    /** The model as gzip-compressed Tribuo protobuf bytes. */
    public static byte[] serialise(Model<Label> model) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            model.serializeToStream(out);
        }
        return bytes.toByteArray();
    }
}
