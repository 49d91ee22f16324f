package io.hybridrouter.classifier;

import io.hybridrouter.classifier.ModelArtefacts.ModelLoadException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A place models are published to and read from while routers run: a folder or an S3 prefix holding one
 * folder per model version ({@code <version>/model.tribuo}, {@code feature_columns.json},
 * {@code model_metadata.json}) and a {@link ModelPointer} ({@code current.json}) naming the version in
 * force. {@link #promote} writes the version's files first and the pointer last, in one write; a version
 * folder, once named by the pointer, is never rewritten. So a reader that reads the pointer, then that
 * version's files, and checks that the metadata says the pointer's version, never mixes two models.
 * Subclasses give the storage: whole-object reads and writes, each of which readers see entirely or not
 * at all. Thread-safe if the storage is.
 */
public abstract class ModelStore {

    /** The three files of a model, in the order they are written (the metadata last). */
    static final List<String> FILES = List.of(ModelArtefacts.MODEL_FILE, ModelArtefacts.COLUMNS_FILE,
            ModelArtefacts.METADATA_FILE);

    /** What a promotion did. */
    public record Promotion(String modelVersion, String previous, boolean uploaded) {
    }

    /** Where this store is, as a person would write it ({@code s3://bucket/prefix/} or a folder). */
    public abstract String location();

    /** The object or file at {@code key} ({@code current.json}, {@code <version>/model.tribuo}), if any. */
    protected abstract Optional<byte[]> read(String key) throws IOException;

    /** Writes {@code bytes} at {@code key} so that readers see all of them or the previous content. */
    protected abstract void write(String key, byte[] bytes) throws IOException;

    /** The pointer in force, if a model was ever promoted here; a {@link ModelLoadException} if it cannot be read. */
    public Optional<ModelPointer> pointer() {
        Optional<byte[]> bytes;
        try {
            bytes = read(ModelPointer.FILE);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException(location() + ModelPointer.FILE + ": cannot read it: " + describe(e), e);
        }
        try {
            return bytes.map(ModelPointer::parse);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(location() + ModelPointer.FILE + ": " + e.getMessage(), e);
        }
    }

    /**
     * The model published as {@code version}; a {@link ModelLoadException} naming the location and the cause
     * when a file is missing or broken, or when its metadata names another version.
     */
    public RoutingModel load(String version) {
        ModelPointer.requireVersion(version);
        String where = location() + version + "/";
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : FILES) {
            try {
                files.put(name, read(version + "/" + name).orElseThrow(
                        () -> new ModelLoadException(where + ": " + name + " is missing", null)));
            } catch (IOException e) {
                throw new ModelLoadException(where + ": cannot read " + name + ": " + describe(e), e);
            } catch (ModelLoadException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ModelLoadException(where + ": cannot read " + name + ": " + describe(e), e);
            }
        }
        RoutingModel model = ModelArtefacts.load(files, where);
        if (!version.equals(model.version())) {
            throw new ModelLoadException(where + ": " + ModelArtefacts.METADATA_FILE + " says model_version "
                    + model.version() + " but the folder and " + ModelPointer.FILE + " name " + version, null);
        }
        return model;
    }

    /**
     * Publishes the model in {@code dir} and makes it the one in force: checks that it loads, writes its
     * files under its version (unless the same files are there already: promoting an earlier version
     * again is a rollback), then moves the pointer.
     *
     * @throws ModelLoadException       when {@code dir} does not hold a model this router can load
     * @throws IllegalStateException    when the version in force holds different files under the same version
     * @throws UncheckedIOException     when the storage fails
     */
    public Promotion promote(Path dir, Clock clock) {
        RoutingModel model = ModelArtefacts.load(dir);
        String version = ModelPointer.requireVersion(model.version());
        try {
            Optional<ModelPointer> current = pointer();
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (String name : FILES) {
                files.put(name, Files.readAllBytes(dir.resolve(name)));
            }
            boolean same = true;
            boolean other = false;
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Optional<byte[]> there = read(version + "/" + f.getKey());
                same &= there.isPresent() && Arrays.equals(there.get(), f.getValue());
                // a file missing is an interrupted promotion, finished now; a file that differs is another model
                other |= there.isPresent() && !Arrays.equals(there.get(), f.getValue());
            }
            if (other) {
                boolean inForce = current.isPresent() && current.get().modelVersion().equals(version);
                throw new IllegalStateException(location() + version + "/ holds other files under the same "
                        + "model_version" + (inForce ? " and is the model in force" : "") + "; a version, once "
                        + "published, names one model and is never rewritten, so that rolling back to it restores "
                        + "what ran (retrain with another --seed to get a new version)");
            }
            if (!same) {
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    write(version + "/" + f.getKey(), f.getValue());
                }
            }
            String previous = current.map(ModelPointer::modelVersion).filter(v -> !v.equals(version))
                    .orElse(current.map(ModelPointer::previous).orElse(null));
            write(ModelPointer.FILE, new ModelPointer(version, Instant.now(clock).toString(), previous).bytes());
            return new Promotion(version, previous, !same);
        } catch (IOException e) {
            throw new UncheckedIOException(location() + ": " + describe(e), e);
        }
    }

    static String describe(Throwable e) {
        // the file-system exceptions' messages are only the path: say what went wrong with it
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file or folder: " + n.getFile();
        }
        if (e instanceof FileAlreadyExistsException x) {
            return "already exists (and is not a folder?): " + x.getFile();
        }
        if (e instanceof NotDirectoryException d) {
            return "not a folder: " + d.getFile();
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + ": " + f.getFile();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
