package io.hybridrouter.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derives, from the 2020-12 contracts, the self-contained copies AWS services take: JSON Schema
 * draft 4 for the EventBridge schema registry ({@code AWS::EventSchemas::Schema} accepts
 * {@code JSONSchemaDraft4} and {@code OpenApi3}, not 2020-12) and OpenAPI 3.0 schema objects for the
 * API Gateway definition (which imports OpenAPI 3.0, not 3.1). Every {@code $ref} is inlined, and
 * the two rules a registry copy must not carry are dropped: the payload's 992-level depth chain
 * (code bindings would get a class per level) and the recursive Unicode check on fields the router
 * ignores. Keywords draft 4 lacks are rewritten ({@code const}, numeric {@code exclusiveMinimum})
 * or dropped ({@code propertyNames}, {@code examples}). Stateless and thread-safe.
 */
public final class Derived {

    /** The dialect of the derived copies. */
    public enum Dialect { DRAFT4, OPENAPI30 }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** References replaced by "any JSON" in a derived copy (see the class comment). */
    private static final Set<String> ANY = Set.of(Contracts.BASE_URI + Contract.PAYLOAD.file(),
            Contracts.BASE_URI + Contract.JOB.file() + "#/$defs/json");
    private static final Set<String> DROPPED = Set.of("$id", "$schema", "$defs", "examples", "propertyNames",
            "jsonSchemaDialect");
    private static final int MAX_INLINING = 64;

    private Derived() {
    }

    /** The self-contained draft 4 copy of {@code contract}, as the schema registry takes it. */
    public static ObjectNode draft4(Contract contract) {
        ObjectNode out = convert(Contracts.tree(contract.file()), contract.id(), Dialect.DRAFT4, 0);
        ObjectNode doc = NODES.objectNode().put("$schema", "http://json-schema.org/draft-04/schema#");
        doc.setAll(out);
        return doc;
    }

    /** The self-contained OpenAPI 3.0 schema object of the schema at {@code uri} (a contract's id, with or without a fragment). */
    public static ObjectNode openApi30(String uri) {
        return convert(resolve(uri), base(uri), Dialect.OPENAPI30, 0);
    }

    /**
     * Prints a derived copy as pretty JSON, to paste into template.yaml (a test checks the template
     * holds exactly this): {@code Derived draft4 <contract file>} or {@code Derived openapi30 <uri>}.
     */
    public static void main(String[] args) throws IOException {
        JsonNode out = args[0].equals("draft4")
                ? draft4(Arrays.stream(Contract.values()).filter(c -> c.file().equals(args[1])).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no contract " + args[1])))
                : openApi30(args[1]);
        System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(out));
    }

    private static ObjectNode convert(JsonNode schema, String base, Dialect dialect, int inlined) {
        if (inlined > MAX_INLINING) {
            throw new IllegalStateException("references nest too deep at " + base + "; a cycle?");
        }
        ObjectNode out = NODES.objectNode();
        List<ObjectNode> alsoAll = new ArrayList<>();
        for (Map.Entry<String, JsonNode> f : schema.properties()) {
            String key = f.getKey();
            JsonNode v = f.getValue();
            if (DROPPED.contains(key)) {
                continue;
            }
            switch (key) {
                case "$ref" -> {
                    String target = absolute(base, v.asText());
                    if (!ANY.contains(target)) {
                        alsoAll.add(convert(resolve(target), base(target), dialect, inlined + 1));
                    }
                }
                case "const" -> out.set("enum", NODES.arrayNode().add(v));
                case "exclusiveMinimum", "exclusiveMaximum" -> {
                    out.set(key.equals("exclusiveMinimum") ? "minimum" : "maximum", v);
                    out.put(key, true);
                }
                case "properties" -> {
                    ObjectNode props = out.putObject("properties");
                    v.properties().forEach(p -> props.set(p.getKey(), convert(p.getValue(), base, dialect, inlined)));
                }
                case "items", "additionalProperties", "not" ->
                    out.set(key, v.isObject() ? convert(v, base, dialect, inlined) : v);
                case "allOf", "anyOf", "oneOf" -> {
                    ArrayNode list = out.putArray(key);
                    v.forEach(s -> list.add(convert(s, base, dialect, inlined)));
                }
                case "type" -> type(out, v, dialect);
                case "enum" -> {
                    out.set("enum", v);
                    if (dialect == Dialect.OPENAPI30 && containsNull(v)) {
                        out.put("nullable", true);
                    }
                }
                default -> out.set(key, v);
            }
        }
        if (alsoAll.isEmpty()) {
            return out;
        }
        if (out.isEmpty() && alsoAll.size() == 1) {
            return alsoAll.get(0);
        }
        // a $ref next to other keywords: both apply (2020-12), which draft 4 and OpenAPI 3.0 say with allOf
        ArrayNode all = out.has("allOf") ? (ArrayNode) out.get("allOf") : out.putArray("allOf");
        alsoAll.forEach(all::add);
        return out;
    }

    private static void type(ObjectNode out, JsonNode v, Dialect dialect) {
        if (dialect == Dialect.DRAFT4 || !v.isArray()) {
            out.set("type", v);
            return;
        }
        List<String> types = new ArrayList<>();
        v.forEach(t -> types.add(t.asText()));
        if (types.remove("null")) {
            out.put("nullable", true);
        }
        if (types.size() == 1) {
            out.put("type", types.get(0));
        } else if (types.size() > 1) {
            // OpenAPI 3.0 has one type per schema; several are an anyOf
            ArrayNode any = out.putArray("anyOf");
            types.forEach(t -> any.add(NODES.objectNode().put("type", t)));
        }
    }

    private static boolean containsNull(JsonNode values) {
        for (JsonNode n : values) {
            if (n.isNull()) {
                return true;
            }
        }
        return false;
    }

    private static String base(String uri) {
        int hash = uri.indexOf('#');
        return hash < 0 ? uri : uri.substring(0, hash);
    }

    private static String absolute(String base, String ref) {
        if (ref.startsWith("#")) {
            return base + ref;
        }
        if (ref.startsWith("https:")) {
            return ref;
        }
        return base.substring(0, base.lastIndexOf('/') + 1) + ref;
    }

    /** The schema node at {@code uri}: a contract's id with an optional JSON Pointer fragment. */
    static JsonNode resolve(String uri) {
        String file = base(uri);
        if (!file.startsWith(Contracts.BASE_URI)) {
            throw new IllegalArgumentException("not a contract: " + uri);
        }
        JsonNode doc = Contracts.tree(file.substring(Contracts.BASE_URI.length()));
        int hash = uri.indexOf('#');
        String pointer = hash < 0 ? "" : uri.substring(hash + 1);
        JsonNode node = pointer.isEmpty() ? doc : doc.at(pointer);
        if (node.isMissingNode()) {
            throw new IllegalArgumentException("no schema at " + uri);
        }
        return node;
    }
}
