package io.hybridrouter.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hybridrouter.classifier.ModelArtefacts.ModelLoadException;
import io.hybridrouter.shared.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderModelStoreTest {

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock();

    @Test
    void promoteWritesTheModelUnderItsVersionThenPointsToIt() throws Exception {
        Path root = tmp.resolve("store");
        FolderModelStore store = new FolderModelStore(root);
        assertThat(FolderModelStore.isStore(root)).isFalse();

        ModelStore.Promotion p1 = store.promote(Models.saved(tmp, "v1"), clock);
        ModelStore.Promotion p2 = store.promote(Models.saved(tmp, "v2"), clock);

        assertThat(p1).isEqualTo(new ModelStore.Promotion("v1", null, true));
        assertThat(p2).isEqualTo(new ModelStore.Promotion("v2", "v1", true));
        assertThat(FolderModelStore.isStore(root)).isTrue();
        assertThat(store.pointer()).contains(new ModelPointer("v2", "2026-11-26T10:00:00Z", "v1"));
        assertThat(Files.readAllBytes(root.resolve("v1/model.tribuo")))
                .isEqualTo(Files.readAllBytes(tmp.resolve("v1/model.tribuo")));
        assertThat(store.load("v2").version()).isEqualTo("v2");
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void promotingAnEarlierVersionAgainIsARollbackThatRewritesNothing() throws Exception {
        FolderModelStore store = new FolderModelStore(tmp.resolve("store"));
        store.promote(Models.saved(tmp, "v1"), clock);
        store.promote(Models.saved(tmp, "v2"), clock);

        ModelStore.Promotion back = store.promote(tmp.resolve("v1"), clock);

        assertThat(back).isEqualTo(new ModelStore.Promotion("v1", "v2", false));
        assertThat(store.pointer().orElseThrow().modelVersion()).isEqualTo("v1");
    }

    @Test
    void refusesAFolderThatDoesNotLoadAndLeavesThePointerAlone() throws Exception {
        FolderModelStore store = new FolderModelStore(tmp.resolve("store"));
        store.promote(Models.saved(tmp, "v1"), clock);
        Path broken = Models.saved(tmp, "v2");
        Files.delete(broken.resolve("model_metadata.json"));

        assertThatThrownBy(() -> store.promote(broken, clock)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("model_metadata.json");
        assertThat(store.pointer().orElseThrow().modelVersion()).isEqualTo("v1");
        assertThat(tmp.resolve("store/v2")).doesNotExist();
    }

    @Test
    void neverRewritesTheVersionInForceWithOtherFiles() throws Exception {
        FolderModelStore store = new FolderModelStore(tmp.resolve("store"));
        store.promote(Models.saved(tmp, "v1"), clock);
        Path other = tmp.resolve("other");
        ModelArtefacts.save(other, Models.versioned("v1").withMetadata(new ModelMetadata("v1", "2027-01-01T00:00:00Z",
                null, null, null, 1, null, 0, null, null, null, null, Models.BUNDLED.scaling())));

        assertThatThrownBy(() -> store.promote(other, clock)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds other files under the same model_version and is the model in force");
    }

    @Test
    void neverRewritesAVersionOncePublishedEvenWhenAnotherIsInForce() throws Exception {
        FolderModelStore store = new FolderModelStore(tmp.resolve("store"));
        store.promote(Models.saved(tmp, "v1"), clock);
        store.promote(Models.saved(tmp, "v2"), clock);
        byte[] published = Files.readAllBytes(tmp.resolve("store/v1/model_metadata.json"));
        Path other = tmp.resolve("other");
        ModelArtefacts.save(other, Models.versioned("v1").withMetadata(new ModelMetadata("v1", "2027-01-01T00:00:00Z",
                null, null, null, 1, null, 0, null, null, null, null, Models.BUNDLED.scaling())));

        assertThatThrownBy(() -> store.promote(other, clock)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("v1/ holds other files under the same model_version; a version, once published,");
        assertThat(Files.readAllBytes(tmp.resolve("store/v1/model_metadata.json"))).isEqualTo(published);
        assertThat(store.pointer().orElseThrow().modelVersion()).isEqualTo("v2");
    }

    @Test
    void publishedFilesAreReadableByOtherUsersAsTheSourcesWere() throws Exception {
        Path root = tmp.resolve("store");
        new FolderModelStore(root).promote(Models.saved(tmp, "v1"), clock);
        assumeTrue(Files.getFileStore(root).supportsFileAttributeView(PosixFileAttributeView.class));

        for (Path f : List.of(root.resolve("current.json"), root.resolve("v1/model.tribuo"))) {
            assertThat(Files.getPosixFilePermissions(f)).as(f.toString()).contains(PosixFilePermission.OTHERS_READ,
                    PosixFilePermission.GROUP_READ);
        }
    }

    @Test
    void aStoreThatCannotBeWrittenSaysWhyNotJustWhere() {
        assertThat(ModelStore.describe(new AccessDeniedException("/ro/store")))
                .isEqualTo("permission denied: /ro/store");
        assertThat(ModelStore.describe(new NoSuchFileException("/proc/store")))
                .isEqualTo("no such file or folder: /proc/store");
    }
}
