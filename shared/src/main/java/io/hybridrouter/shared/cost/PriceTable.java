package io.hybridrouter.shared.cost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.shared.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS prices the router decides and reports with, read from JSON: a table per region, with where
 * the prices come from and when they were checked. The bundled table
 * ({@code io/hybridrouter/shared/cost/prices.json}) is the one place the project's default prices live;
 * {@code --prices FILE} or {@code ROUTER_PRICES} replaces it without a rebuild (a Savings Plan, another
 * region, a price change). A region without a {@code fargate_spot} section offers no Spot: the router
 * then never chooses a Spot option. Immutable and thread-safe.
 *
 * <pre>{@code
 * {"source": "...", "checked": "2026-11", "currency": "USD", "default_region": "us-east-1",
 *  "regions": {"us-east-1": {
 *     "lambda": {"x86_64": {"usd_per_gb_second": 0.0000166667}, "arm64": {"usd_per_gb_second": 0.0000133334},
 *                "usd_per_request": 0.0000002},
 *     "fargate": {"x86_64": {"usd_per_vcpu_hour": 0.04048, "usd_per_gb_hour": 0.004445},
 *                 "arm64": {"usd_per_vcpu_hour": 0.03238, "usd_per_gb_hour": 0.00356},
 *                 "minimum_billed_seconds": 60},
 *     "fargate_spot": {"x86_64": {"usd_per_vcpu_hour": 0.01334053, "usd_per_gb_hour": 0.00146489},
 *                      "arm64": {"usd_per_vcpu_hour": 0.01067243, "usd_per_gb_hour": 0.00117328}},
 *     "eventbridge": {"usd_per_event": 0.000001}, "sqs": {"usd_per_request": 0.0000004}}}}
 * }</pre>
 *
 * @param where         where the table was read from (a file name, or {@code bundled})
 * @param source        where its prices come from
 * @param checked       when they were checked
 * @param defaultRegion the region used when the requested one is not in the table
 * @param regions       prices per region
 */
public record PriceTable(String where, String source, String checked, String defaultRegion,
        Map<String, Prices> regions) {

    /** Where the bundled table lives on the classpath. */
    public static final String BUNDLED = "/io/hybridrouter/shared/cost/prices.json";
    private static final PriceTable BUNDLED_TABLE = loadBundled();

    /** Thrown for a price table that cannot be used; the message names the file, the field and the rule. */
    public static final class PriceTableException extends IllegalArgumentException {
        public PriceTableException(String message) {
            super(message);
        }
    }

    /**
     * The prices chosen for a region.
     *
     * @param prices the prices in force
     * @param note   why they are not the requested region's, when they are not
     */
    public record Selection(Prices prices, Optional<String> note) {
    }

    public PriceTable {
        regions = Map.copyOf(regions);
    }

    /** The table shipped with the project (us-east-1, on-demand). */
    public static PriceTable bundled() {
        return BUNDLED_TABLE;
    }

    /** Reads and validates a table from a file. */
    public static PriceTable load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PriceTableException("price table " + file + " does not exist");
        } catch (IOException e) {
            throw new PriceTableException("price table " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        return parse(text, file.toString());
    }

    /** The bundled table, or the one in {@code file}. */
    public static PriceTable bundledOr(Optional<Path> file) {
        return file.map(PriceTable::load).orElseGet(PriceTable::bundled);
    }

    /** Parses and validates a table; {@code where} names it in errors. */
    public static PriceTable parse(String json, String where) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new PriceTableException("price table " + where + ": not valid JSON ("
                    + e.getOriginalMessage() + ")");
        }
        List<String> errors = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new PriceTableException("price table " + where + ": must be a JSON object");
        }
        String source = text(root, "source", errors);
        String checked = text(root, "checked", errors);
        String currency = text(root, "currency", errors);
        if (currency != null && !"USD".equals(currency)) {
            errors.add("currency: must be \"USD\" (got \"" + currency + "\")");
        }
        String defaultRegion = text(root, "default_region", errors);
        Map<String, Prices> regions = new LinkedHashMap<>();
        JsonNode rs = root.get("regions");
        if (rs == null || !rs.isObject() || rs.isEmpty()) {
            errors.add("regions: must be an object with at least one region");
        } else {
            for (Map.Entry<String, JsonNode> e : rs.properties()) {
                regions.put(e.getKey(), region(e.getKey(), e.getValue(), "regions." + e.getKey(), errors));
            }
            if (defaultRegion != null && !regions.containsKey(defaultRegion)) {
                errors.add("default_region: \"" + defaultRegion + "\" is not in regions " + regions.keySet());
            }
        }
        if (!errors.isEmpty()) {
            throw new PriceTableException("price table " + where + ": " + String.join("; ", errors));
        }
        return new PriceTable(where, source, checked, defaultRegion, regions);
    }

    /** The prices of the table's default region. */
    public Prices defaultPrices() {
        return regions.get(defaultRegion);
    }

    /**
     * The prices for {@code region} (from {@code AWS_REGION}); the default region's when no region is
     * given, and the default region's with a note saying so when the table has none for it.
     */
    public Selection select(Optional<String> region) {
        if (region.isEmpty()) {
            return new Selection(defaultPrices(), Optional.empty());
        }
        if (regions.containsKey(region.get())) {
            return new Selection(regions.get(region.get()), Optional.empty());
        }
        return new Selection(defaultPrices(), Optional.of("price table " + where + " has no prices for region "
                + region.get() + "; using " + defaultRegion + " prices (checked " + checked + ")"));
    }

    private static Prices region(String name, JsonNode r, String at, List<String> errors) {
        if (!r.isObject()) {
            errors.add(at + ": must be an object");
            return null;
        }
        return new Prices(name,
                price(r, at, errors, "lambda", "x86_64", "usd_per_gb_second"),
                price(r, at, errors, "lambda", "arm64", "usd_per_gb_second"),
                price(r, at, errors, "lambda", "usd_per_request"),
                price(r, at, errors, "fargate", "x86_64", "usd_per_vcpu_hour"),
                price(r, at, errors, "fargate", "x86_64", "usd_per_gb_hour"),
                price(r, at, errors, "fargate", "arm64", "usd_per_vcpu_hour"),
                price(r, at, errors, "fargate", "arm64", "usd_per_gb_hour"),
                price(r, at, errors, "fargate", "minimum_billed_seconds"),
                price(r, at, errors, "eventbridge", "usd_per_event"),
                price(r, at, errors, "sqs", "usd_per_request"),
                spot(r, at, errors, "x86_64", "usd_per_vcpu_hour"),
                spot(r, at, errors, "x86_64", "usd_per_gb_hour"),
                spot(r, at, errors, "arm64", "usd_per_vcpu_hour"),
                spot(r, at, errors, "arm64", "usd_per_gb_hour"));
    }

    /**
     * A Spot price when the region's {@code fargate_spot} section has the architecture, else NaN (no Spot
     * offered there).
     */
    private static double spot(JsonNode r, String at, List<String> errors, String arch, String field) {
        JsonNode s = r.get("fargate_spot");
        if (s == null || s.isNull()) {
            return Double.NaN;
        }
        if (!s.isObject()) {
            if ("usd_per_vcpu_hour".equals(field) && "x86_64".equals(arch)) {
                errors.add(at + ".fargate_spot: must be an object (leave it out to offer no Spot)");
            }
            return Double.NaN;
        }
        if (!s.has(arch)) {
            return Double.NaN;
        }
        return price(r, at, errors, "fargate_spot", arch, field);
    }

    /** A finite number ≥ 0 at the path (0 is allowed: a free tier or a credit can make a price nothing). */
    private static double price(JsonNode r, String at, List<String> errors, String... path) {
        JsonNode n = r;
        for (String p : path) {
            n = n == null ? null : n.get(p);
        }
        String field = at + "." + String.join(".", path);
        if (n == null || n.isNull()) {
            errors.add(field + ": is required");
            return Double.NaN;
        }
        if (!n.isNumber() || !Double.isFinite(n.asDouble()) || n.asDouble() < 0) {
            errors.add(field + ": must be a finite number >= 0 (got " + n + ")");
            return Double.NaN;
        }
        return n.asDouble();
    }

    private static String text(JsonNode root, String field, List<String> errors) {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            errors.add(field + ": is required, a non-empty string");
            return null;
        }
        return n.asText();
    }

    private static PriceTable loadBundled() {
        try (InputStream in = PriceTable.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("classpath:" + BUNDLED + " is missing from this build");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "bundled");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read classpath:" + BUNDLED, e);
        }
    }
}
