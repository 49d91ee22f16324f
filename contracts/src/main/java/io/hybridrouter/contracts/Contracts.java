package io.hybridrouter.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Validates JSON against the published contracts in {@code contracts/} (read from the classpath,
 * where this module's jar carries them), with networknt's JSON Schema 2020-12 validator. For tests:
 * every module checks the events and answers its real code paths produce with it. Thread-safe:
 * schemas are loaded once and only read afterwards.
 */
public final class Contracts {

    /** The base of every schema's {@code $id}; an identifier, not an address anything is fetched from. */
    public static final String BASE_URI = "https://hybrid-router.io/contracts/";
    /** Where this module's jar keeps the contract files. */
    public static final String CLASSPATH_DIR = "contracts/";

    /**
     * Stack for a validation: a payload nested 992 levels takes the validator's recursion through
     * about as many {@code $ref}s, more than a default thread stack holds.
     */
    private static final long VALIDATION_STACK_BYTES = 256L * 1024 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaIdResolvers(r -> r.mapPrefix(BASE_URI, "classpath:" + CLASSPATH_DIR)));
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
    private static final ExecutorService BIG_STACKS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(null, r, "contract-validation", VALIDATION_STACK_BYTES);
        t.setDaemon(true);
        return t;
    });

    private Contracts() {
    }

    /** Every way {@code json} breaks {@code contract}, one line each ({@code /path: message}); empty when it is valid. */
    public static List<String> violations(Contract contract, JsonNode json) {
        return violations(contract.id(), json);
    }

    /**
     * Every way {@code json} breaks the schema at {@code uri}: a contract's {@code $id}, optionally with a
     * fragment ({@code api.schema.json#/$defs/Prediction}).
     */
    public static List<String> violations(String uri, JsonNode json) {
        Schema schema = SCHEMAS.computeIfAbsent(uri, u -> {
            Schema s = REGISTRY.getSchema(SchemaLocation.of(u));
            s.initializeValidators();
            return s;
        });
        List<Error> errors = onBigStack(() -> schema.validate(json));
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).collect(Collectors.toList());
    }

    /** Every way {@code json} breaks a schema given inline (2020-12 unless it says otherwise). */
    public static List<String> violations(JsonNode schema, JsonNode json) {
        Schema s = REGISTRY.getSchema(schema);
        return onBigStack(() -> s.validate(json)).stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage())
                .collect(Collectors.toList());
    }

    /** Throws an {@link AssertionError} naming every violation when {@code json} does not meet {@code contract}. */
    public static void requireValid(Contract contract, JsonNode json) {
        List<String> v = violations(contract, json);
        if (!v.isEmpty()) {
            throw new AssertionError("not a valid " + contract.file() + ": " + v + "\n  in " + cut(json.toString()));
        }
    }

    /** As {@link #requireValid(Contract, JsonNode)}, for JSON text. */
    public static void requireValid(Contract contract, String json) {
        requireValid(contract, parse(json));
    }

    /**
     * Checks one bus event, envelope and detail, against its detail-type's event schema (which names
     * the broken field, where {@code event.schema.json}'s {@code oneOf} would only say none matched).
     */
    public static void requireValidEvent(JsonNode envelope) {
        JsonNode type = envelope.path("detail-type");
        requireValid(type.isTextual() ? safeEventOf(type.asText()) : Contract.EVENT, envelope);
    }

    private static Contract safeEventOf(String detailType) {
        try {
            return Contract.eventOf(detailType);
        } catch (IllegalArgumentException e) {
            return Contract.EVENT;
        }
    }

    /** Checks a {@code detail} put on the bus with {@code detailType}. */
    public static void requireValidDetail(String detailType, String detailJson) {
        requireValid(Contract.detailOf(detailType), parse(detailJson));
    }

    /** The text of a contract file, from the classpath. */
    public static String text(String file) {
        try (InputStream in = Contracts.class.getClassLoader().getResourceAsStream(CLASSPATH_DIR + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no contract file " + file + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A contract file parsed (JSON, or YAML for {@code .yaml}). */
    public static JsonNode tree(String file) {
        try {
            if (file.endsWith(".yaml")) {
                return new ObjectMapper(new YAMLFactory()).readTree(text(file));
            }
            return MAPPER.readTree(text(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + cut(json), e);
        }
    }

    private static String cut(String s) {
        return s.length() > 2_000 ? s.substring(0, 2_000) + "..." : s;
    }

    private static <T> T onBigStack(Callable<T> work) {
        try {
            return BIG_STACKS.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while validating", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
