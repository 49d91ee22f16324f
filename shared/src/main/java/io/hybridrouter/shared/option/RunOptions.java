package io.hybridrouter.shared.option;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.cost.FargateSize;
import io.hybridrouter.shared.cost.Prices;
import io.hybridrouter.shared.cost.Sizing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The declared set of options ({@link RunOption}): the one place that says which Lambda sizes and
 * architectures and which Fargate sizes and capacity providers exist. The routing rules, the stack
 * deploy, the embedded stack and the SAM template all follow it; the router chooses among the options
 * the price table in force can price (no Spot without Spot prices). Read from the bundled
 * {@code options.json} ({@link #BUNDLED}). Immutable and thread-safe.
 */
public final class RunOptions {

    /** Where the declaration lives on the classpath. */
    public static final String BUNDLED = "/io/hybridrouter/shared/option/options.json";
    private static final RunOptions DECLARED = loadBundled();

    private final List<RunOption> all;
    private final Map<String, RunOption> byId;

    /** Thrown for a declaration that cannot be used; the message names the field and the rule. */
    public static final class OptionsException extends IllegalArgumentException {
        public OptionsException(String message) {
            super(message);
        }
    }

    public RunOptions(List<RunOption> options) {
        if (options.isEmpty()) {
            throw new OptionsException("no options declared");
        }
        Map<String, RunOption> m = new LinkedHashMap<>();
        for (RunOption o : options) {
            if (m.put(o.id(), o) != null) {
                throw new OptionsException("option " + o.id() + " is declared twice");
            }
        }
        for (Platform p : Platform.values()) {
            if (m.values().stream().noneMatch(o -> o.platform() == p)) {
                throw new OptionsException("no " + p + " option declared: every platform needs at least one");
            }
        }
        this.all = List.copyOf(options);
        this.byId = Map.copyOf(m);
    }

    /** The project's declaration (the bundled {@code options.json}). */
    public static RunOptions declared() {
        return DECLARED;
    }

    /** Every declared option: Lambda first (by architecture, then memory), then ECS (by size, then capacity). */
    public List<RunOption> all() {
        return all;
    }

    public List<RunOption> of(Platform platform) {
        return all.stream().filter(o -> o.platform() == platform).toList();
    }

    public Optional<RunOption> byId(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** The options the router may choose at these prices: all, less Spot when the table has no Spot prices. */
    public List<RunOption> offered(Prices prices) {
        return all.stream().filter(o -> !o.spot() || prices.spotAvailable(o.arch())).toList();
    }

    /**
     * How a job was sized before options existed (one Lambda size and one Fargate size per workload
     * type, or what the job asks for): Lambda x86_64 at {@link Sizing#lambdaConfiguredMemoryMb}, Fargate
     * on-demand at {@link Sizing#fargateSize}. What {@code evaluate}'s {@code hybrid-2} chooses between.
     */
    public static RunOption sized(Job job, Platform platform) {
        return platform == Platform.LAMBDA ? RunOption.lambda(Arch.X86_64, Sizing.lambdaConfiguredMemoryMb(job))
                : RunOption.fargate(Sizing.fargateSize(job), Capacity.ON_DEMAND);
    }

    /**
     * The smallest declared option like {@code wanted} (same platform, architecture and capacity) with at
     * least its memory and vCPUs; the largest such option when none is that big.
     */
    public RunOption nearest(RunOption wanted) {
        RunOption best = null;
        RunOption largest = null;
        for (RunOption o : all) {
            if (o.platform() != wanted.platform() || o.arch() != wanted.arch() || o.capacity() != wanted.capacity()) {
                continue;
            }
            if (largest == null || o.memoryMb() > largest.memoryMb()
                    || (o.memoryMb() == largest.memoryMb() && o.vcpu() > largest.vcpu())) {
                largest = o;
            }
            if (o.memoryMb() >= wanted.memoryMb() && o.vcpu() + 1e-9 >= wanted.vcpu()
                    && (best == null || cheaperShape(o, best))) {
                best = o;
            }
        }
        if (best != null) {
            return best;
        }
        if (largest != null) {
            return largest;
        }
        return of(wanted.platform()).get(0);
    }

    private static boolean cheaperShape(RunOption a, RunOption b) {
        double wa = a.vcpu() * 9.1 + a.memoryMb() / 1024.0;
        double wb = b.vcpu() * 9.1 + b.memoryMb() / 1024.0;
        return wa < wb;
    }

    /** Parses and validates a declaration; {@code where} names it in errors. */
    public static RunOptions parse(String json, String where) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new OptionsException("options " + where + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new OptionsException("options " + where + ": must be a JSON object");
        }
        List<String> errors = new ArrayList<>();
        List<RunOption> options = new ArrayList<>();
        JsonNode lambda = root.path("lambda");
        List<Arch> archs = new ArrayList<>();
        for (JsonNode a : array(lambda, "lambda.architectures", errors)) {
            Optional<Arch> arch = Arch.fromWire(a.asText());
            if (arch.isEmpty() || !a.isTextual()) {
                errors.add("lambda.architectures: " + a + " is not x86_64 or arm64");
            } else if (!archs.contains(arch.get())) {
                archs.add(arch.get());
            }
        }
        for (Arch arch : archs) {
            for (JsonNode m : array(lambda, "lambda.memory_mb", errors)) {
                try {
                    if (!m.canConvertToInt() || !m.isIntegralNumber()) {
                        throw new IllegalArgumentException("must be a whole number of MB");
                    }
                    options.add(RunOption.lambda(arch, m.intValue()));
                } catch (IllegalArgumentException e) {
                    errors.add("lambda.memory_mb: " + m + ": " + e.getMessage());
                }
            }
        }
        JsonNode fargate = root.path("fargate");
        List<Capacity> capacities = new ArrayList<>();
        for (JsonNode c : array(fargate, "fargate.capacity_providers", errors)) {
            Optional<Capacity> cap = Capacity.fromWire(c.asText());
            if (cap.isEmpty() || !c.isTextual()) {
                errors.add("fargate.capacity_providers: " + c + " is not FARGATE or FARGATE_SPOT");
            } else if (!capacities.contains(cap.get())) {
                capacities.add(cap.get());
            }
        }
        List<Arch> ecsArchs = new ArrayList<>();
        for (JsonNode a : array(fargate, "fargate.architectures", errors)) {
            Optional<Arch> arch = Arch.fromWire(a.asText());
            if (arch.isEmpty() || !a.isTextual()) {
                errors.add("fargate.architectures: " + a + " is not x86_64 or arm64");
            } else if (!ecsArchs.contains(arch.get())) {
                ecsArchs.add(arch.get());
            }
        }
        for (JsonNode s : array(fargate, "fargate.sizes", errors)) {
            if (!s.path("vcpu").isNumber() || !s.path("memory_mb").isIntegralNumber()) {
                errors.add("fargate.sizes: " + s + " needs a number vcpu and a whole memory_mb");
                continue;
            }
            FargateSize size = new FargateSize(s.get("vcpu").asDouble(), s.get("memory_mb").asInt());
            try {
                for (Arch arch : ecsArchs) {
                    for (Capacity c : capacities) {
                        options.add(RunOption.fargate(size, arch, c));
                    }
                }
            } catch (IllegalArgumentException e) {
                errors.add("fargate.sizes: " + e.getMessage());
            }
        }
        if (errors.isEmpty()) {
            try {
                return new RunOptions(options);
            } catch (OptionsException e) {
                errors.add(e.getMessage());
            }
        }
        throw new OptionsException("options " + where + ": " + String.join("; ", errors));
    }

    private static List<JsonNode> array(JsonNode parent, String field, List<String> errors) {
        JsonNode n = parent.path(field.substring(field.indexOf('.') + 1));
        if (!n.isArray() || n.isEmpty()) {
            errors.add(field + ": is required, a non-empty array");
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>();
        n.forEach(out::add);
        return out;
    }

    private static RunOptions loadBundled() {
        try (InputStream in = RunOptions.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("classpath:" + BUNDLED + " is missing from this build");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "bundled");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read classpath:" + BUNDLED, e);
        }
    }
}
