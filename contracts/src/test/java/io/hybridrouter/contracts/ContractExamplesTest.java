package io.hybridrouter.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example the contracts publish meets its schema: the files in {@code contracts/examples}
 * ({@code <schema>--<name>.json} against {@code <schema>.schema.json}), the {@code examples} keywords
 * inside the schemas, and every request and response example of {@code openapi.yaml}.
 */
class ContractExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> exampleFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("exampleFiles")
    void exampleFileMeetsItsSchema(Path example) throws IOException {
        String name = example.getFileName().toString();
        String schema = name.substring(0, name.indexOf("--")) + ".schema.json";
        JsonNode json = JSON.readTree(example.toFile());
        assertThat(Contracts.violations(Contracts.BASE_URI + schema, json)).as(name).isEmpty();
        if (name.contains(".event--")) {
            assertThat(Contracts.violations(Contract.EVENT, json)).as(name + " as any router event").isEmpty();
        }
    }

    @Test
    void everyContractHasAnExampleFile() throws IOException {
        List<String> stems = exampleFiles().map(p -> p.getFileName().toString())
                .map(n -> n.substring(0, n.indexOf("--"))).toList();
        for (Contract c : List.of(Contract.JOB, Contract.ROUTING_DECISION, Contract.JOB_REJECTED, Contract.JOB_COMPLETED,
                Contract.ROUTING_DECISION_EVENT, Contract.JOB_REJECTED_EVENT, Contract.JOB_COMPLETED_EVENT)) {
            assertThat(stems).as(c.file()).contains(c.file().replace(".schema.json", ""));
        }
    }

    @Test
    void examplesKeywordsMeetTheSchemaTheyAnnotate() {
        int checked = 0;
        for (Contract c : Contract.values()) {
            List<JsonNode> annotated = new ArrayList<>();
            collect(Contracts.tree(c.file()), annotated);
            for (JsonNode schema : annotated) {
                ObjectNode standalone = schema.deepCopy();
                standalone.remove("examples");
                for (JsonNode example : schema.get("examples")) {
                    assertThat(Contracts.violations(standalone, example)).as(c.file() + " example " + example).isEmpty();
                    checked++;
                }
            }
        }
        assertThat(checked).isPositive();
    }

    @Test
    void everyOpenApiExampleMeetsItsMediaTypeSchema() {
        JsonNode api = Contracts.tree("openapi.yaml");
        List<Map.Entry<String, JsonNode>> mediaTypes = new ArrayList<>();
        api.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            JsonNode body = op.getValue().path("requestBody").path("content");
            body.properties().forEach(m -> mediaTypes.add(Map.entry(path.getKey() + " request", m.getValue())));
            op.getValue().path("responses").properties().forEach(r -> {
                JsonNode response = r.getValue().has("$ref") ? at(api, r.getValue().get("$ref").asText()) : r.getValue();
                response.path("content").properties().forEach(m -> mediaTypes.add(
                        Map.entry(path.getKey() + " " + r.getKey(), m.getValue())));
            });
        }));
        int checked = 0;
        for (Map.Entry<String, JsonNode> m : mediaTypes) {
            String schemaUri = schemaUri(api, m.getValue().get("schema"));
            for (Map.Entry<String, JsonNode> ex : m.getValue().path("examples").properties()) {
                JsonNode value = ex.getValue().get("value");
                assertThat(Contracts.violations(schemaUri, value)).as(m.getKey() + " example " + ex.getKey()).isEmpty();
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(8);
    }

    @Test
    void aBrokenExampleIsReported() throws IOException {
        ObjectNode decision = (ObjectNode) JSON.readTree(Path.of("examples/routing-decision--model.json").toFile());
        decision.put("platform", "gpu");
        decision.put("unexpected", 1);
        assertThat(Contracts.violations(Contract.ROUTING_DECISION, decision)).hasSize(2);
    }

    /** The contract URI a media type's schema refers to, through {@code components/schemas}. */
    static String schemaUri(JsonNode api, JsonNode schema) {
        String ref = schema.get("$ref").asText();
        assertThat(ref).startsWith("#/components/schemas/");
        String external = at(api, ref).get("$ref").asText();
        return Contracts.BASE_URI + external;
    }

    private static JsonNode at(JsonNode doc, String localRef) {
        return doc.at(localRef.substring(1));
    }

    private static void collect(JsonNode node, List<JsonNode> annotated) {
        if (node.isObject() && node.has("examples") && node.get("examples").isArray()) {
            annotated.add(node);
        }
        node.forEach(child -> collect(child, annotated));
    }
}
