package io.hybridrouter.classifier;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * A {@link ModelStore} in a local or mounted folder ({@code ROUTER_MODEL_DIR}): each file is written to a
 * temporary file beside it and renamed over the old one in one atomic move, so a reader sees the old file
 * or the new one. Thread-safe.
 */
public final class FolderModelStore extends ModelStore {

    private final Path root;

    public FolderModelStore(Path root) {
        this.root = root;
    }

    /** Whether {@code dir} is a store (it holds a {@code current.json}) rather than a single model. */
    public static boolean isStore(Path dir) {
        return Files.isRegularFile(dir.resolve(ModelPointer.FILE));
    }

    @Override
    public String location() {
        String s = root.toString();
        return s.endsWith("/") ? s : s + "/";
    }

    @Override
    protected Optional<byte[]> read(String key) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(root.resolve(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    protected void write(String key, byte[] bytes) throws IOException {
        Path target = root.resolve(key);
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            // a temporary file is private (0600); a model store is read by classifiers that may run as
            // other users, as the source files were
            if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // a file system without atomic renames cannot give readers whole files
                throw new IOException(root + " does not support atomic renames; publish models to a local "
                        + "folder or to S3", e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
