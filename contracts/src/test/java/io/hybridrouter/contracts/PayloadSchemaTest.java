package io.hybridrouter.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed {@code payload.schema.json} is what {@link PayloadSchema} writes, and it limits depth as it says. */
class PayloadSchemaTest {

    @Test
    void committedFileIsTheGeneratedOne() throws Exception {
        String committed = Files.readString(Path.of("payload.schema.json"));
        int depth = PayloadSchema.maxDepth(Contracts.tree(Contract.PAYLOAD.file()));
        assertThat(committed).as("regenerate: PayloadSchema " + depth + " contracts/payload.schema.json")
                .isEqualTo(PayloadSchema.render(depth));
    }

    @Test
    void acceptsArraysNestedToTheLimitAndNotOneMore() {
        int depth = PayloadSchema.maxDepth(Contracts.tree(Contract.PAYLOAD.file()));
        assertThat(Contracts.violations(Contract.PAYLOAD, nested(depth))).isEmpty();
        assertThat(Contracts.violations(Contract.PAYLOAD, nested(depth + 1))).isNotEmpty();
    }

    private static ArrayNode nested(int levels) {
        ArrayNode root = JsonNodeFactory.instance.arrayNode();
        ArrayNode at = root;
        for (int i = 1; i < levels; i++) {
            at = at.addArray();
        }
        at.add("leaf");
        return root;
    }
}
