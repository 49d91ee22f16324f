package io.hybridrouter.dispatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hybridrouter.contracts.Contract;
import io.hybridrouter.contracts.Contracts;
import io.hybridrouter.contracts.Derived;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.events.EventTypes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml serves and registers the published contracts, derived from {@code contracts/} and
 * nothing else: the API's definition has the paths, operations and response codes of
 * {@code contracts/openapi.yaml} and the job schema derived from {@code job.schema.json}; the
 * EventBridge schema registry holds the draft 4 copy of each event contract.
 */
class TemplateContractsTest {

    private static JsonNode resources;

    @BeforeAll
    static void load() throws IOException {
        Path template = Path.of(System.getProperty("router.repo.root", "..")).resolve("template.yaml");
        resources = new ObjectMapper(new YAMLFactory()).readTree(template.toFile()).get("Resources");
    }

    @Test
    void theApiDefinitionHasTheOperationsAndResponsesOfOpenApiYaml() {
        JsonNode served = resources.get("Api").get("Properties").get("DefinitionBody");
        JsonNode published = Contracts.tree("openapi.yaml");
        assertThat(served.get("openapi").asText()).as("API Gateway imports OpenAPI 3.0").startsWith("3.0.");
        assertThat(operations(served)).isEqualTo(operations(published));
        for (Map.Entry<String, JsonNode> path : iterable(published.get("paths"))) {
            for (Map.Entry<String, JsonNode> op : iterable(path.getValue())) {
                JsonNode servedOp = served.get("paths").get(path.getKey()).get(op.getKey());
                String where = op.getKey() + " " + path.getKey();
                assertThat(servedOp.get("operationId")).as(where).isEqualTo(op.getValue().get("operationId"));
                assertThat(servedOp.at("/requestBody/content/application~1json/schema/$ref").asText()).as(where)
                        .isEqualTo(op.getValue().at("/requestBody/content/application~1json/schema/$ref").asText());
            }
        }
    }

    @Test
    void theApiServesTheJobSchemaDerivedFromTheContract() {
        JsonNode served = resources.get("Api").get("Properties").get("DefinitionBody");
        String published = Contracts.tree("openapi.yaml").at("/components/schemas/Job/$ref").asText();
        assertThat(served.at("/components/schemas/Job"))
                .as("regenerate with: Derived openapi30 " + Contracts.BASE_URI + published)
                .isEqualTo(Derived.openApi30(Contracts.BASE_URI + published));
    }

    @Test
    void theSchemaRegistryHoldsTheDraft4CopyOfEachEventContract() {
        assertThat(resources.get("EventSchemaRegistry").get("Type").asText()).isEqualTo("AWS::EventSchemas::Registry");
        List<String> registered = new ArrayList<>();
        for (Map.Entry<String, JsonNode> r : iterable(resources)) {
            if (!"AWS::EventSchemas::Schema".equals(r.getValue().get("Type").asText())) {
                continue;
            }
            JsonNode props = r.getValue().get("Properties");
            String name = props.get("SchemaName").asText();
            registered.add(name);
            assertThat(name).startsWith(EventTypes.SOURCE + "@");
            String detailType = name.substring(name.indexOf('@') + 1);
            Contract contract = Contract.eventOf(detailType);
            assertThat(props.get("Type").asText()).as(name).isEqualTo("JSONSchemaDraft4");
            assertThat(props.get("RegistryName").get("Fn::GetAtt").get(0).asText()).as(name)
                    .isEqualTo("EventSchemaRegistry");
            assertThat(Json.read(props.get("Content").asText()))
                    .as(name + ": regenerate with: Derived draft4 " + contract.file())
                    .isEqualTo(Derived.draft4(contract));
        }
        assertThat(registered).containsExactlyInAnyOrder(EventTypes.SOURCE + "@" + EventTypes.ROUTING_DECISION,
                EventTypes.SOURCE + "@" + EventTypes.JOB_REJECTED, EventTypes.SOURCE + "@" + EventTypes.JOB_COMPLETED);
    }

    /** "post /predict" to its response codes. */
    private static Map<String, List<String>> operations(JsonNode api) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Map.Entry<String, JsonNode> path : iterable(api.get("paths"))) {
            for (Map.Entry<String, JsonNode> op : iterable(path.getValue())) {
                List<String> codes = new ArrayList<>();
                op.getValue().get("responses").fieldNames().forEachRemaining(codes::add);
                codes.sort(null);
                out.put(op.getKey() + " " + path.getKey(), codes);
            }
        }
        return out;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node.properties();
    }
}
