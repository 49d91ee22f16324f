package io.hybridrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/PIPELINE.md names the test behind each guarantee: every such test class and method exists. */
class PipelineDocTest {

    private static final Path ROOT = Path.of(System.getProperty("router.repo.root", "..")).toAbsolutePath().normalize();
    private static final Pattern REFERENCE = Pattern.compile("`([A-Z]\\w+(?:Test|IT))(?:#(\\w+))?`");

    @Test
    void everyTestThePipelineGuaranteesNameExists() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/PIPELINE.md"));
        Map<String, Path> tests = testSources();
        List<String> missing = new ArrayList<>();
        Matcher m = REFERENCE.matcher(doc);
        int checked = 0;
        while (m.find()) {
            checked++;
            Path source = tests.get(m.group(1));
            if (source == null) {
                missing.add(m.group(1) + " (no such test class)");
            } else if (m.group(2) != null && !read(source).contains(" " + m.group(2) + "(")) {
                missing.add(m.group(1) + "#" + m.group(2) + " (no such method)");
            }
        }
        assertThat(checked).as("references to tests in PIPELINE.md").isGreaterThan(20);
        assertThat(missing).as("tests named in docs/PIPELINE.md").isEmpty();
    }

    private static Map<String, Path> testSources() throws IOException {
        Map<String, Path> byName = new HashMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/test/java/"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .forEach(p -> byName.put(p.getFileName().toString().replace(".java", ""), p));
        }
        return byName;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
