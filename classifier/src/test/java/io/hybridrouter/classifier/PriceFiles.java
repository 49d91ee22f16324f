package io.hybridrouter.classifier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.cost.PriceTable;
import io.hybridrouter.shared.cost.Prices;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Price table files for tests: the bundled table with one platform's prices scaled. */
final class PriceFiles {

    private PriceFiles() {
    }

    /** Writes the bundled table with every {@code platform} ("lambda" or "fargate") price times {@code factor}. */
    static Path scaled(Path dir, String platform, double factor) {
        try (InputStream in = PriceTable.class.getResourceAsStream(PriceTable.BUNDLED)) {
            ObjectNode root = (ObjectNode) Json.MAPPER.readTree(in);
            ObjectNode p = (ObjectNode) root.get("regions").get("us-east-1").get(platform);
            for (String arch : new String[] {"x86_64", "arm64"}) {
                ObjectNode a = (ObjectNode) p.get(arch);
                for (String f : new String[] {"usd_per_gb_second", "usd_per_vcpu_hour", "usd_per_gb_hour"}) {
                    if (a.has(f)) {
                        a.put(f, a.get(f).asDouble() * factor);
                    }
                }
            }
            if (p.has("usd_per_request")) {
                p.put("usd_per_request", p.get("usd_per_request").asDouble() * factor);
            }
            Path file = dir.resolve(platform + "-x" + factor + ".json");
            Files.writeString(file, Json.MAPPER.writeValueAsString(root));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Prices load(Path file) {
        return PriceTable.load(file).defaultPrices();
    }
}
