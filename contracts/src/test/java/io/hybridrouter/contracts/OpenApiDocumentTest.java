package io.hybridrouter.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code openapi.yaml} passes a standard OpenAPI validator: swagger-parser (the parser behind
 * swagger-codegen and openapi-generator), run by {@code mvn verify} and so by {@code .ci/run}. The JSON
 * Schema files it refers to are checked against the 2020-12 meta-schema by {@link ContractMetaSchemaTest}.
 */
class OpenApiDocumentTest {

    private static SwaggerParseResult parse() {
        ParseOptions options = new ParseOptions();
        // the referenced JSON Schema files are checked by ContractMetaSchemaTest; swagger-parser's resolver
        // recurses without end on a recursive schema (job.schema.json#/$defs/json)
        options.setResolve(false);
        return new OpenAPIParser().readLocation(Path.of("openapi.yaml").toAbsolutePath().toUri().toString(), null,
                options);
    }

    @Test
    void openApiDocumentIsValidOpenApi31() {
        SwaggerParseResult result = parse();
        assertThat(result.getMessages()).isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api.getOpenapi()).isEqualTo("3.1.0");
        assertThat(api.getPaths()).containsOnlyKeys("/predict", "/jobs");
        assertThat(api.getPaths().get("/predict").getPost().getResponses()).containsKeys("200", "400");
        assertThat(api.getPaths().get("/jobs").getPost().getResponses()).containsKeys("202", "400");
    }

    @Test
    void theValidatorReportsABrokenDocument() throws Exception {
        String broken = Files.readString(Path.of("openapi.yaml"))
                .replace("      operationId: submitJob\n", "      operationId: predict\n")
                .replace("  title: hybrid-router API\n", "");
        SwaggerParseResult result = new OpenAPIParser().readContents(broken, null, new ParseOptions());
        assertThat(result.getMessages()).anyMatch(m -> m.contains("title")).anyMatch(m -> m.contains("operationId is repeated"));
    }

    @Test
    void bothOperationsTakeTheJobSchemaByReference() {
        OpenAPI api = parse().getOpenAPI();
        for (String path : new String[] {"/predict", "/jobs"}) {
            assertThat(api.getPaths().get(path).getPost().getRequestBody().getContent().get("application/json")
                    .getSchema().get$ref()).as(path).isEqualTo("#/components/schemas/Job");
        }
        assertThat(api.getComponents().getSchemas().get("Job").get$ref()).endsWith("job.schema.json");
    }
}
