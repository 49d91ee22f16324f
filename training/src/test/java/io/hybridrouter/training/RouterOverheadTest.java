package io.hybridrouter.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hybridrouter.shared.cost.Prices;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RouterOverheadTest {

    @Test
    void theClassifierIsPricedAtTheArchitectureAndMemoryTheTemplateDeploysItWith() throws IOException {
        Path template = Path.of(System.getProperty("router.repo.root", "..")).resolve("template.yaml");
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(template.toFile());
        JsonNode globals = root.path("Globals").path("Function");
        JsonNode classifier = root.path("Resources").path("ClassifierFunction").path("Properties");
        JsonNode architectures = classifier.has("Architectures") ? classifier.get("Architectures")
                : globals.get("Architectures");
        JsonNode memory = classifier.has("MemorySize") ? classifier.get("MemorySize") : globals.get("MemorySize");
        assertThat(architectures).singleElement().satisfies(a ->
                assertThat(a.asText()).isEqualTo(RouterOverhead.CLASSIFIER_ARCHITECTURE));
        assertThat(memory.asInt()).isEqualTo(RouterOverhead.CLASSIFIER_MEMORY_MB);

        Prices prices = Prices.defaults();
        // 10 decisions of 5 µs and one PutEvents call of 25 ms: 26 ms billed per invocation of 1 GB
        double perInvocation = prices.lambdaUsdPerRequest() + 0.026 * prices.lambdaArmUsdPerGbSecond();
        RouterOverhead overhead = RouterOverhead.perMillionJobs(5.0, prices);
        assertThat(overhead.classifierLambdaUsd()).isCloseTo(100_000 * perInvocation, within(1e-9));
        assertThat(prices.lambdaArmUsdPerGbSecond()).isEqualTo(0.0000133334);
    }
}
