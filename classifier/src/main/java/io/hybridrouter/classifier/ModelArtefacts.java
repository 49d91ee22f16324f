package io.hybridrouter.classifier;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Platform;
import org.tribuo.Model;
import org.tribuo.regression.Regressor;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The three files that make a model: {@code model.tribuo}, {@code feature_columns.json} and
 * {@code model_metadata.json}. {@code model.tribuo} is a ZIP archive bundling the predictors: per
 * platform, two Tribuo protobuf models ({@code <platform>-duration.tribuo}, {@code <platform>-startup.tribuo})
 * and one {@code predictors.json} with their residual quantiles and the confidence calibration.
 * Loading never uses Java serialisation. A model trained on other feature columns than
 * {@link FeatureSchema#NAMES}, or in another format, is refused with a message saying so.
 * Stateless and thread-safe.
 */
public final class ModelArtefacts {

    public static final String MODEL_FILE = "model.tribuo";
    public static final String COLUMNS_FILE = "feature_columns.json";
    public static final String METADATA_FILE = "model_metadata.json";
    /** Where the default model lives on the classpath. */
    public static final String BUNDLED = "/io/hybridrouter/classifier/model/";
    /**
     * The bundle's format version: 2 names the work trees' {@link DurationBase}; 1 (before it) is read as
     * {@link DurationBase#NONE}. Another one is refused, so a router older than a model's format refuses it
     * rather than reading its trees the wrong way.
     */
    public static final int FORMAT = 2;
    private static final int FORMAT_WITHOUT_BASE = 1;
    private static final String PREDICTORS_ENTRY = "predictors.json";
    /** No entry of a model this project writes comes near this; a larger one is refused rather than read. */
    private static final int MAX_ENTRY_BYTES = 16 * 1024 * 1024;

    /** Thrown when a model folder cannot be used; the message says which file and why. */
    public static final class ModelLoadException extends RuntimeException {
        public ModelLoadException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * {@code predictors.json} inside the bundle.
     *
     * @param format       {@link #FORMAT}
     * @param durationBase per platform (wire name), what its work tree predicts relative to
     *                     ({@link DurationBase#wireName}); absent in format 1
     * @param residuals    per model entry name (without {@code .tribuo}), its residual quantiles
     * @param calibration  the confidence calibration
     */
    @JsonPropertyOrder({"format", "duration_base", "residuals", "calibration"})
    record PredictorsFile(@JsonProperty("format") JsonNode format,
            @JsonProperty("duration_base") @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode durationBase,
            @JsonProperty("residuals") Map<String, Residuals> residuals,
            @JsonProperty("calibration") Calibration calibration) {

        /** The format number; 0 when it is absent or not an integer (a JSON string or fraction is not coerced). */
        int version() {
            return format != null && format.isInt() ? format.intValue() : 0;
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

    /** The model in {@code files} (file name → bytes) read from {@code where}, which messages name. */
    static RoutingModel load(Map<String, byte[]> files, String where) {
        return load(name -> {
            byte[] bytes = files.get(name);
            if (bytes == null) {
                throw new NoSuchFileException(where + name);
            }
            return new ByteArrayInputStream(bytes);
        }, where);
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
        if (metadata.options() == null) {
            throw new ModelLoadException(where + ": " + METADATA_FILE + " has no \"options\" (the vCPU scaling, arm64 "
                    + "factor and memory need per workload type, and the Spot interruption rate): the model is from "
                    + "before the router chose among options; retrain it with `router train`", null);
        }
        Map<String, byte[]> entries;
        try (InputStream raw = opener.open(MODEL_FILE)) {
            entries = unzip(raw);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException(where + ": cannot read " + MODEL_FILE + " as a predictor bundle (a ZIP "
                    + "archive; a model from before the per-platform predictors must be retrained with `router "
                    + "train`): " + e.getMessage(), e);
        }
        try {
            return fromEntries(entries, metadata);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException(where + ": " + MODEL_FILE + ": " + e.getMessage(), e);
        }
    }

    private static RoutingModel fromEntries(Map<String, byte[]> entries, ModelMetadata metadata)
            throws IOException {
        byte[] json = entries.get(PREDICTORS_ENTRY);
        if (json == null) {
            throw new IOException("no " + PREDICTORS_ENTRY + " in it; retrain the model with `router train`");
        }
        PredictorsFile file = Json.MAPPER.readValue(json, PredictorsFile.class);
        if (file.version() < FORMAT_WITHOUT_BASE) {
            throw new IOException(PREDICTORS_ENTRY + " has no valid \"format\" (got " + file.format() + "; this router reads "
                    + FORMAT_WITHOUT_BASE + " and " + FORMAT + ")");
        }
        if (file.version() == FORMAT_WITHOUT_BASE && file.durationBase() != null) {
            // a format 1 reader would ignore it and read the trees the wrong way: contradictory, so refused
            throw new IOException(PREDICTORS_ENTRY + ": format " + FORMAT_WITHOUT_BASE + " must not have "
                    + "\"duration_base\" (a model with one is format " + FORMAT + ")");
        }
        if (file.durationBase() != null && !file.durationBase().isObject()) {
            throw new IOException(PREDICTORS_ENTRY + ": \"duration_base\" must be an object of platform to base name, "
                    + "got " + file.durationBase().getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        if (file.version() != FORMAT_WITHOUT_BASE && file.version() != FORMAT) {
            throw new IOException("format " + file.version() + ", this router reads formats " + FORMAT_WITHOUT_BASE
                    + " and " + FORMAT + "; a newer router wrote it");
        }
        Map<Platform, PlatformPredictor> predictors = new EnumMap<>(Platform.class);
        for (Platform p : Platform.values()) {
            predictors.put(p, new PlatformPredictor(
                    model(entries, p.wireName() + "-duration"), residuals(file, p.wireName() + "-duration"),
                    model(entries, p.wireName() + "-startup"), residuals(file, p.wireName() + "-startup"),
                    durationBase(file, p)));
        }
        return new RoutingModel(predictors, file.calibration(), metadata);
    }

    private static DurationBase durationBase(PredictorsFile file, Platform p) throws IOException {
        if (file.version() == FORMAT_WITHOUT_BASE) {
            return DurationBase.NONE;
        }
        JsonNode node = file.durationBase() == null ? null : file.durationBase().get(p.wireName());
        String name = node == null || !node.isTextual() ? null : node.asText();
        if (name == null) {
            throw new IOException("format " + FORMAT + " needs \"duration_base\" for " + p.wireName() + " (a base name) in "
                    + PREDICTORS_ENTRY);
        }
        try {
            return DurationBase.fromWireName(name);
        } catch (IllegalArgumentException e) {
            throw new IOException(PREDICTORS_ENTRY + ": " + p.wireName() + ": " + e.getMessage(), e);
        }
    }

    private static Residuals residuals(PredictorsFile file, String name) throws IOException {
        Residuals r = file.residuals() == null ? null : file.residuals().get(name);
        if (r == null) {
            throw new IOException("no residuals for " + name + " in " + PREDICTORS_ENTRY);
        }
        return r;
    }

    private static Model<Regressor> model(Map<String, byte[]> entries, String name) throws IOException {
        byte[] bytes = entries.get(name + ".tribuo");
        if (bytes == null) {
            throw new IOException("no " + name + ".tribuo in it");
        }
        return Model.deserializeFromStream(new ByteArrayInputStream(bytes)).castModel(Regressor.class);
    }

    private static Map<String, byte[]> unzip(InputStream raw) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(raw))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                byte[] bytes = zip.readNBytes(MAX_ENTRY_BYTES + 1);
                if (bytes.length > MAX_ENTRY_BYTES) {
                    throw new IOException("entry " + e.getName() + " is larger than " + MAX_ENTRY_BYTES + " bytes");
                }
                entries.put(e.getName(), bytes);
            }
        }
        if (entries.isEmpty()) {
            throw new IOException("not a ZIP archive, or an empty one");
        }
        return entries;
    }

    /** Writes the three files into {@code dir}, creating it when needed. */
    public static void save(Path dir, RoutingModel model) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(MODEL_FILE), serialise(model));
        Files.writeString(dir.resolve(COLUMNS_FILE),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(FeatureSchema.NAMES) + "\n");
        Files.writeString(dir.resolve(METADATA_FILE),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(model.metadata()) + "\n");
    }

    /**
     * The bundle's bytes: the same model always gives the same bytes (entries in a fixed order with a
     * fixed time), so a retrained model can be compared with the committed one.
     */
    public static byte[] serialise(RoutingModel model) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Map<String, Residuals> residuals = new TreeMap<>();
        Map<String, String> sorted = new TreeMap<>();
        boolean anyBase = false;
        for (Platform p : Platform.values()) {
            DurationBase b = model.predictor(p).durationBase();
            sorted.put(p.wireName(), b.wireName());
            anyBase |= b != DurationBase.NONE;
        }
        ObjectNode bases = Json.MAPPER.createObjectNode();
        sorted.forEach(bases::put);
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(9);
            for (Platform p : Platform.values()) {
                PlatformPredictor pp = model.predictor(p);
                entry(zip, p.wireName() + "-duration.tribuo", protobuf(pp.duration()));
                entry(zip, p.wireName() + "-startup.tribuo", protobuf(pp.startup()));
                residuals.put(p.wireName() + "-duration", pp.durationResiduals());
                residuals.put(p.wireName() + "-startup", pp.startupResiduals());
            }
            entry(zip, PREDICTORS_ENTRY, Json.MAPPER.writeValueAsBytes(
                    // a model without a base keeps format 1, which routers from before the base read
                    anyBase ? new PredictorsFile(IntNode.valueOf(FORMAT), bases, residuals, model.calibration())
                            : new PredictorsFile(IntNode.valueOf(FORMAT_WITHOUT_BASE), null, residuals, model.calibration())));
        }
        return bytes.toByteArray();
    }

    /** One Tribuo model as protobuf bytes. */
    public static byte[] protobuf(Model<Regressor> model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.serializeToStream(out);
        return out.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0);
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }
}
