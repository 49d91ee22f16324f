package io.hybridrouter.classifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A model store in memory that counts its reads and can be made unreachable. Thread-safe. */
final class MemoryModelStore extends ModelStore {

    final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    final AtomicInteger reads = new AtomicInteger();
    volatile boolean unreachable;

    @Override
    public String location() {
        return "mem://models/";
    }

    @Override
    protected Optional<byte[]> read(String key) throws IOException {
        reads.incrementAndGet();
        if (unreachable) {
            throw new IOException("connection refused");
        }
        return Optional.ofNullable(objects.get(key));
    }

    @Override
    protected void write(String key, byte[] bytes) {
        objects.put(key, bytes.clone());
    }

    /** Puts a model's three files under {@code version}/ without moving the pointer. */
    void putFiles(String version, Path dir) throws IOException {
        for (String name : FILES) {
            objects.put(version + "/" + name, Files.readAllBytes(dir.resolve(name)));
        }
    }

    void point(String version) {
        objects.put(ModelPointer.FILE, new ModelPointer(version, "2026-11-26T10:00:00Z", null).bytes());
    }
}
