package io.hybridrouter.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;

/** Every contract is a JSON Schema 2020-12 document with the {@code $id} its file name gives it. */
class ContractMetaSchemaTest {

    @Test
    void everyContractMeetsTheDraft202012MetaSchema() {
        Schema meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        for (Contract c : Contract.values()) {
            assertThat(meta.validate(Contracts.tree(c.file()))).as(c.file()).isEmpty();
            assertThat(Contracts.tree(c.file()).get("$id").asText()).isEqualTo(c.id());
            assertThat(Contracts.tree(c.file()).get("$schema").asText())
                    .isEqualTo("https://json-schema.org/draft/2020-12/schema");
        }
    }
}
