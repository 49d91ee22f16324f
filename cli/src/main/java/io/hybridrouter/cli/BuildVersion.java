package io.hybridrouter.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code router --version}: the version the build stamped into {@code build.properties} (the Maven
 * project's version), so that it never goes stale. Thread-safe.
 */
public final class BuildVersion implements IVersionProvider {

    static final String RESOURCE = "build.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"hybrid-router " + version()};
    }

    /** The build's version, like {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the CLI's jar; rebuild it");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
