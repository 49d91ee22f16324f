package io.hybridrouter.shared.claim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.cost.AwsPricing;
import io.hybridrouter.shared.option.RunOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one owner of the ECS target's input: the RunTask {@code overrides} object that the rule's
 * input transformer renders from a {@code RoutingDecision} event ({@link #render}), and the
 * worker container's environment read back from it ({@link #parse}), wherever overrides are
 * read in place of ECS (the embedded stack, the emulator harness, {@code rules explain}). The
 * template and paths here are the ones the routing topology deploys, so the classifier can measure
 * what ECS will receive before it publishes. The worker reads {@code ROUTER_JOB} (the job carrier,
 * see {@link JobCarrier}), {@code ROUTER_JOB_ID}, {@code ROUTER_MODEL_VERSION}, {@code ROUTER_DECIDED_AT}
 * (the decision's time, from which the worker measures its start-up) and {@code ROUTER_PROPENSITY} (the
 * decision's propensity, which the outcome carries so that off-policy estimates can weigh ECS outcomes).
 * Stateless and thread-safe.
 *
 * <p>Why base64 and quoted placeholders: EventBridge does not escape the values it inserts into an
 * input template, so a JSON string with quotes in it would break the overrides; base64, job ids and
 * model versions, instants and numbers contain no character that needs escaping, so the template renders to valid JSON
 * on EventBridge and on emulators alike.
 */
public final class EcsOverrides {

    /** The top-level field of the overrides object. */
    public static final String FIELD = "containerOverrides";
    /** The worker container's name in the task definition. */
    public static final String CONTAINER = "worker";
    public static final String ENV_JOB = "ROUTER_JOB";
    public static final String ENV_JOB_ID = "ROUTER_JOB_ID";
    public static final String ENV_MODEL_VERSION = "ROUTER_MODEL_VERSION";
    public static final String ENV_DECIDED_AT = "ROUTER_DECIDED_AT";
    public static final String ENV_PROPENSITY = "ROUTER_PROPENSITY";
    /** The option the task runs as ({@code ecs-x86_64-1vcpu-2gb-spot}); set by the option's own target. */
    public static final String ENV_OPTION = "ROUTER_OPTION";
    /** The attempt (1, or 2–3 for re-runs after Spot interruptions), from the decision's {@code attempt}. */
    public static final String ENV_ATTEMPT = "ROUTER_ATTEMPT";

    /** Input-transformer variables and the event paths they read (an option's target adds {@code attempt}). */
    public static final Map<String, String> INPUT_PATHS;
    /** The same, with the decision's attempt: what an option's target reads. */
    public static final Map<String, String> OPTION_INPUT_PATHS;
    /** Input-transformer template; every variable sits inside quotes and needs no escaping. */
    public static final String INPUT_TEMPLATE = "{\"" + FIELD + "\":[{\"name\":\"" + CONTAINER + "\","
            + "\"environment\":[{\"name\":\"" + ENV_JOB_ID + "\",\"value\":\"<jobId>\"},"
            + "{\"name\":\"" + ENV_MODEL_VERSION + "\",\"value\":\"<modelVersion>\"},"
            + "{\"name\":\"" + ENV_DECIDED_AT + "\",\"value\":\"<decidedAt>\"},"
            + "{\"name\":\"" + ENV_PROPENSITY + "\",\"value\":\"<propensity>\"},"
            + "{\"name\":\"" + ENV_JOB + "\",\"value\":\"<job>\"}]}]}";

    static {
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("jobId", "$.detail.job_id");
        paths.put("modelVersion", "$.detail.model_version");
        paths.put("decidedAt", "$.detail.decided_at");
        paths.put("propensity", "$.detail.propensity");
        paths.put("job", "$.detail.ecs_job");
        INPUT_PATHS = Collections.unmodifiableMap(new LinkedHashMap<>(paths));
        paths.put("attempt", "$.detail.attempt");
        OPTION_INPUT_PATHS = Collections.unmodifiableMap(paths);
    }

    /**
     * The input template of {@code option}'s target: the task size as task-level {@code cpu} (CPU units,
     * 1,024 per vCPU) and {@code memory} (MB) overrides, and the option's id and the decision's attempt in
     * the worker's environment besides the variables of {@link #INPUT_TEMPLATE}.
     */
    public static String inputTemplate(RunOption option) {
        return "{\"cpu\":\"" + cpuUnits(option) + "\",\"memory\":\"" + option.memoryMb() + "\","
                + "\"" + FIELD + "\":[{\"name\":\"" + CONTAINER + "\","
                + "\"environment\":[{\"name\":\"" + ENV_JOB_ID + "\",\"value\":\"<jobId>\"},"
                + "{\"name\":\"" + ENV_MODEL_VERSION + "\",\"value\":\"<modelVersion>\"},"
                + "{\"name\":\"" + ENV_DECIDED_AT + "\",\"value\":\"<decidedAt>\"},"
                + "{\"name\":\"" + ENV_PROPENSITY + "\",\"value\":\"<propensity>\"},"
                + "{\"name\":\"" + ENV_OPTION + "\",\"value\":\"" + option.id() + "\"},"
                + "{\"name\":\"" + ENV_ATTEMPT + "\",\"value\":\"<attempt>\"},"
                + "{\"name\":\"" + ENV_JOB + "\",\"value\":\"<job>\"}]}]}";
    }

    /** The task-level CPU of an ECS option in CPU units (1,024 per vCPU), as RunTask overrides spell it. */
    public static int cpuUnits(RunOption option) {
        return (int) Math.round(option.vcpu() * 1024);
    }

    /**
     * The overrides JSON as {@code option}'s input transformer renders it ({@link #inputTemplate}); the
     * attempt as the event's number.
     */
    public static String render(String jobId, String modelVersion, String decidedAt, Double propensity, String job,
            RunOption option, int attempt) {
        return overrides(jobId, modelVersion, decidedAt, propensity, job, option, attempt);
    }

    /** The attempt in a worker's environment: 1 when missing or unreadable, else 1–3. */
    public static int attempt(Map<String, String> env) {
        String v = env.get(ENV_ATTEMPT);
        try {
            int a = v == null ? 1 : Integer.parseInt(v.trim());
            return a >= 1 && a <= 3 ? a : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private EcsOverrides() {
    }

    /**
     * The overrides JSON as the input transformer renders it ({@code job} is the {@code ecs_job} value;
     * {@code propensity} as the event's JSON number, or empty when the decision has none).
     */
    public static String render(String jobId, String modelVersion, String decidedAt, Double propensity, String job) {
        return overrides(jobId, modelVersion, decidedAt, propensity, job, null, 1);
    }

    /** The rendered overrides; with an option, its task size first and its id and the attempt before the job. */
    private static String overrides(String jobId, String modelVersion, String decidedAt, Double propensity,
            String job, RunOption option, int attempt) {
        ObjectNode root = Json.object();
        if (option != null) {
            root.put("cpu", String.valueOf(cpuUnits(option)));
            root.put("memory", String.valueOf(option.memoryMb()));
        }
        ObjectNode container = root.putArray(FIELD).addObject();
        container.put("name", CONTAINER);
        ArrayNode env = container.putArray("environment");
        env.addObject().put("name", ENV_JOB_ID).put("value", jobId);
        env.addObject().put("name", ENV_MODEL_VERSION).put("value", modelVersion);
        env.addObject().put("name", ENV_DECIDED_AT).put("value", decidedAt);
        env.addObject().put("name", ENV_PROPENSITY).put("value", propensity == null ? "" : Json.write(propensity));
        if (option != null) {
            env.addObject().put("name", ENV_OPTION).put("value", option.id());
            env.addObject().put("name", ENV_ATTEMPT).put("value", String.valueOf(attempt));
        }
        env.addObject().put("name", ENV_JOB).put("value", job);
        return Json.write(root);
    }

    /** Whether a target input is container overrides (rather than the whole event). */
    public static boolean isOverrides(JsonNode input) {
        return input != null && input.has(FIELD);
    }

    /**
     * The worker container's environment (name → value, in the order given) in rendered overrides;
     * an {@link IllegalArgumentException} naming what is missing when they are not overrides for the
     * worker container.
     */
    public static Map<String, String> parse(String overrides) {
        JsonNode root = Json.read(overrides);
        if (!root.path(FIELD).isArray()) {
            throw new IllegalArgumentException("container overrides: " + FIELD + " is missing or not an array");
        }
        for (JsonNode container : root.get(FIELD)) {
            if (!CONTAINER.equals(container.path("name").asText())) {
                continue;
            }
            Map<String, String> env = new LinkedHashMap<>();
            for (JsonNode var : container.path("environment")) {
                env.put(var.path("name").asText(), var.path("value").asText());
            }
            return env;
        }
        throw new IllegalArgumentException("container overrides: no container named " + CONTAINER);
    }

    /**
     * The decision's propensity in a worker's environment: a probability above 0 and at most 1, or
     * empty when it is missing or unreadable (a decision from before propensities, or a placeholder
     * an emulator left): such an outcome is still recorded, without the weight.
     */
    public static Optional<Double> propensity(Map<String, String> env) {
        String v = env.get(ENV_PROPENSITY);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        try {
            double p = Double.parseDouble(v.trim());
            return p > 0 && p <= 1 ? Optional.of(p) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether RunTask accepts these overrides (at most 8,192 characters in all). */
    public static boolean fits(String renderedOverrides) {
        return renderedOverrides.length() <= AwsPricing.ECS_OVERRIDES_MAX_CHARS;
    }
}
