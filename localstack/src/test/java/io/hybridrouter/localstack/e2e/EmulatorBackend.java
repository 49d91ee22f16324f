package io.hybridrouter.localstack.e2e;

import io.hybridrouter.localstack.stack.Emulator;
import io.hybridrouter.localstack.stack.StackClients;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The one AWS emulator of a test run, chosen once: {@code AWS_ENDPOINT_URL} when set (with
 * {@code E2E_EMULATOR=moto|localstack} saying which, default localstack); else a Testcontainers
 * LocalStack when Docker is available (image {@code LOCALSTACK_IMAGE}, default
 * {@code localstack/localstack:4.14.0}, the last that starts without an auth token;
 * {@code LOCALSTACK_AUTH_TOKEN} passed through; LocalStack-compatible images allowed); else a
 * {@code moto_server} process on a free port when that command exists; else the tests are skipped,
 * or fail when {@code REQUIRE_E2E=1}.
 */
public final class EmulatorBackend {

    public static final String DEFAULT_LOCALSTACK_IMAGE = "localstack/localstack:4.14.0";

    private static EmulatorBackend instance;
    private static String unavailable;

    private final URI endpoint;
    private final Emulator emulator;
    private final String description;
    private final StackClients clients;

    private EmulatorBackend(URI endpoint, Emulator emulator, String description) {
        this.endpoint = endpoint;
        this.emulator = emulator;
        this.description = description;
        this.clients = new StackClients(endpoint);
    }

    /** The backend, or a skipped (or, with REQUIRE_E2E=1, failed) test. */
    public static synchronized EmulatorBackend get() {
        if (instance == null && unavailable == null) {
            try {
                instance = choose();
            } catch (RuntimeException | IOException e) {
                unavailable = e.getMessage();
            }
            if (instance == null && unavailable == null) {
                unavailable = "no AWS emulator: AWS_ENDPOINT_URL is unset, Docker is not available and moto_server "
                        + "is not on PATH";
            }
            if (instance != null) {
                System.err.println("[e2e] backend: " + instance.description);
            }
        }
        if (instance == null) {
            if ("1".equals(System.getenv("REQUIRE_E2E"))) {
                Assertions.fail("REQUIRE_E2E=1 and " + unavailable);
            }
            Assumptions.abort("end-to-end tests skipped: " + unavailable);
        }
        return instance;
    }

    private static EmulatorBackend choose() throws IOException {
        String given = System.getenv("AWS_ENDPOINT_URL");
        if (given != null && !given.isBlank()) {
            String kind = System.getenv().getOrDefault("E2E_EMULATOR", "localstack");
            return new EmulatorBackend(URI.create(given.trim()), Emulator.parse(kind), "AWS_ENDPOINT_URL " + given);
        }
        if (dockerAvailable()) {
            String image = System.getenv().getOrDefault("LOCALSTACK_IMAGE", DEFAULT_LOCALSTACK_IMAGE);
            LocalStackContainer container = new LocalStackContainer(DockerImageName.parse(image)
                    .asCompatibleSubstituteFor("localstack/localstack"));
            String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
            if (token != null && !token.isBlank()) {
                container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
            }
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return new EmulatorBackend(container.getEndpoint(), Emulator.LOCALSTACK, "Testcontainers " + image);
        }
        Path moto = onPath("moto_server");
        if (moto != null) {
            return startMoto(moto);
        }
        return null;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static EmulatorBackend startMoto(Path command) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("moto-server-", ".log");
        Process process = new ProcessBuilder(command.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited at start (exit " + process.exitValue()
                        + "); see " + log);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new EmulatorBackend(URI.create("http://127.0.0.1:" + port), Emulator.MOTO,
                        "moto_server on port " + port + " (log " + log + ")");
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        process.destroy();
        throw new IllegalStateException("moto_server did not open port " + port + " within 30 s; see " + log);
    }

    private static Path onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, command);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public Emulator emulator() {
        return emulator;
    }

    public StackClients clients() {
        return clients;
    }

    /** A unique stack name for one test. */
    public static String uniqueName(String prefix) {
        return (prefix + "-" + Long.toHexString(System.nanoTime() & 0xffffffL) + Integer.toHexString(
                (int) (Math.random() * 0xfff))).toLowerCase(Locale.ROOT);
    }
}
