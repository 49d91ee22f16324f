package io.hybridrouter.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The draft 4 copies the schema registry gets are draft 4 schemas, and the published examples meet them. */
class DerivedTest {

    private static final List<Contract> REGISTERED = List.of(Contract.ROUTING_DECISION_EVENT,
            Contract.JOB_REJECTED_EVENT, Contract.JOB_COMPLETED_EVENT);

    @Test
    void draft4CopiesMeetTheDraft4MetaSchema() {
        SchemaRegistry draft4 = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
        Schema meta = draft4.getSchema(SchemaLocation.of("http://json-schema.org/draft-04/schema#"));
        for (Contract c : REGISTERED) {
            JsonNode copy = Derived.draft4(c);
            assertThat(meta.validate(copy)).as(c.file()).isEmpty();
            assertThat(copy.toString()).as(c.file() + " is self-contained")
                    .doesNotContain("$ref").doesNotContain("$defs").doesNotContain("\"const\"");
        }
    }

    @Test
    void publishedEventExamplesMeetTheDraft4Copies() throws IOException {
        SchemaRegistry draft4 = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
        for (Contract c : REGISTERED) {
            Schema copy = draft4.getSchema(Derived.draft4(c));
            String stem = c.file().replace(".schema.json", "");
            try (Stream<Path> files = Files.list(Path.of("examples"))) {
                for (Path p : files.filter(f -> f.getFileName().toString().startsWith(stem + "--")).toList()) {
                    assertThat(copy.validate(new ObjectMapper().readTree(p.toFile()))).as(p.toString()).isEmpty();
                }
            }
        }
    }

    @Test
    void draft4CopyStillRejectsWhatTheSourceRejects() {
        Schema copy = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
                .getSchema(Derived.draft4(Contract.ROUTING_DECISION_EVENT));
        JsonNode event = Contracts.tree("examples/routing-decision.event--delivered.json");
        ((ObjectNode) event.get("detail")).put("propensity", 0);
        ((ObjectNode) event).put("source", "someone.else");
        assertThat(copy.validate(event)).hasSize(2);
    }
}
