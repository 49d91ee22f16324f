package io.hybridrouter.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Measured;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what the ECS task metadata endpoint v4 says of the running task ({@code
 * $ECS_CONTAINER_METADATA_URI_V4/task}): when the image pull started (Fargate bills from there), when
 * the task started, and its CPU and memory limits. A plain {@link HttpURLConnection}: the worker needs
 * one GET, not an HTTP library. Stateless and thread-safe.
 *
 * <p>Fields read ({@code docs.aws.amazon.com/AmazonECS/latest/developerguide/task-metadata-endpoint-v4-fargate.html},
 * checked 2026-11): {@code PullStartedAt}, {@code StartedAt} (ISO-8601), {@code Limits.CPU} (vCPUs) and
 * {@code Limits.Memory} (MiB). Any of them may be absent; what is absent stays null.
 */
public final class TaskMetadata {

    /** The variable ECS sets in every container of a task on Fargate platform 1.4+. */
    public static final String ENV_URI = "ECS_CONTAINER_METADATA_URI_V4";
    private static final int TIMEOUT_MS = 2_000;

    /**
     * What the endpoint said of the task.
     *
     * @param pullStartedAt when the image pull started, or null
     * @param startedAt     when the task started, or null
     * @param vcpu          the task's CPU limit in vCPUs, or null
     * @param memoryMb      the task's memory limit in MiB, or null
     */
    public record Task(Instant pullStartedAt, Instant startedAt, Double vcpu, Integer memoryMb) {
    }

    private TaskMetadata() {
    }

    /**
     * The run site of an ECS task: sized and billed from the metadata endpoint when the environment
     * names one and it answers, else from the router's sizing and the job's start, saying why.
     */
    public static RunSite site(Map<String, String> env) {
        String uri = env.get(ENV_URI);
        if (uri == null || uri.isBlank()) {
            return new RunSite(Measured.ECS, null, null, null, null, null, null, null, null,
                    "fargate: from the job's start (no " + ENV_URI + ": task metadata unavailable; "
                            + "the image pull and start-up are not billed here)");
        }
        Optional<Task> task;
        String why;
        try {
            task = Optional.of(fetch(URI.create(uri + "/task")));
            why = null;
        } catch (IOException | IllegalArgumentException | UncheckedIOException e) {
            task = Optional.empty();
            why = e.getMessage();
        }
        if (task.isEmpty()) {
            return new RunSite(Measured.ECS, null, null, null, null, null, null, null, null,
                    "fargate: from the job's start (task metadata unreadable: " + why + ")");
        }
        Task t = task.get();
        boolean sized = t.memoryMb() != null && t.vcpu() != null;
        return new RunSite(Measured.ECS, sized ? t.memoryMb() : null, sized ? t.vcpu() : null,
                sized ? "task-metadata" : null, null, null, null, t.pullStartedAt(), null,
                t.pullStartedAt() != null ? "fargate: from the image pull (task metadata PullStartedAt)"
                        : "fargate: from the job's start (task metadata has no PullStartedAt)");
    }

    /** GETs and parses {@code uri}. */
    public static Task fetch(URI uri) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout(TIMEOUT_MS);
        c.setReadTimeout(TIMEOUT_MS);
        try {
            int code = c.getResponseCode();
            if (code != HttpURLConnection.HTTP_OK) {
                throw new IOException(uri + " answered HTTP " + code);
            }
            try (InputStream in = c.getInputStream()) {
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            c.disconnect();
        }
    }

    /** Parses a {@code /task} response; {@link IllegalArgumentException} when it is not a JSON object. */
    public static Task parse(String json) {
        JsonNode root;
        try {
            root = Json.read(json);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("task metadata: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("task metadata: not a JSON object");
        }
        JsonNode limits = root.path("Limits");
        return new Task(instant(root.get("PullStartedAt")), instant(root.get("StartedAt")),
                limits.path("CPU").isNumber() ? limits.get("CPU").asDouble() : null,
                limits.path("Memory").isNumber() ? limits.get("Memory").asInt() : null);
    }

    private static Instant instant(JsonNode n) {
        if (n == null || !n.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(n.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
