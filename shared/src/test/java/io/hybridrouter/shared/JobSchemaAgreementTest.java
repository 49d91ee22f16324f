package io.hybridrouter.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.contracts.Contract;
import io.hybridrouter.contracts.Contracts;
import io.hybridrouter.contracts.PayloadSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link JobValidator} and {@code contracts/job.schema.json} accept and refuse the same jobs: a
 * table of edge cases at every limit, and random jobs mixing valid and invalid values per field.
 * The one rule the schema cannot say, a timestamp that is not a real calendar date, is listed apart.
 */
class JobSchemaAgreementTest {

    private static final JobValidator VALIDATOR = new JobValidator(() -> "generated");

    private static boolean validatorAccepts(JsonNode job) {
        return VALIDATOR.validate(job) instanceof JobParseResult.Valid;
    }

    private static boolean schemaAccepts(JsonNode job) {
        return Contracts.violations(Contract.JOB, job).isEmpty();
    }

    private static ObjectNode base() {
        return Json.object().put("job_id", "j-1").put("workload_type", "data_etl").put("payload_size_kb", 10)
                .put("time_window", "night").put("load_pattern", "low_load");
    }

    private static ObjectNode baseWithout(String field) {
        ObjectNode job = base();
        job.remove(field);
        return job;
    }

    private static Arguments valid(String why, JsonNode job) {
        return Arguments.of(why, job, true);
    }

    private static Arguments invalid(String why, JsonNode job) {
        return Arguments.of(why, job, false);
    }

    private static JsonNode nestedPayload(int levels, boolean objects) {
        ObjectNode job = base();
        JsonNode leaf = Json.MAPPER.getNodeFactory().textNode("leaf");
        JsonNode at = leaf;
        for (int i = 0; i < levels; i++) {
            if (objects && i % 2 == 0) {
                ObjectNode o = Json.object();
                o.set("k", at);
                at = o;
            } else {
                ArrayNode a = Json.MAPPER.createArrayNode();
                a.add(at);
                at = a;
            }
        }
        job.set("payload", at);
        return job;
    }

    static Stream<Arguments> table() {
        int max = JobValidator.MAX_PAYLOAD_DEPTH;
        List<Arguments> rows = new ArrayList<>();
        rows.add(valid("the minimal job", base()));
        rows.add(valid("no job_id", baseWithout("job_id")));
        rows.add(valid("job_id null", base().putNull("job_id")));
        rows.add(valid("job_id of 128 characters", base().put("job_id", "a".repeat(128))));
        rows.add(invalid("job_id of 129 characters", base().put("job_id", "a".repeat(129))));
        rows.add(invalid("job_id empty", base().put("job_id", "")));
        rows.add(invalid("job_id with a slash", base().put("job_id", "a/b")));
        rows.add(valid("job_id of every allowed kind", base().put("job_id", "Az09._:-")));
        rows.add(invalid("job_id a number", base().put("job_id", 7)));
        rows.add(invalid("workload_type missing", baseWithout("workload_type")));
        rows.add(invalid("workload_type null", base().putNull("workload_type")));
        rows.add(invalid("workload_type empty", base().put("workload_type", "")));
        rows.add(invalid("workload_type blank", base().put("workload_type", "   ")));
        rows.add(valid("workload_type unknown", base().put("workload_type", "gpu training v2")));
        rows.add(valid("workload_type of 64 characters", base().put("workload_type", "w".repeat(64))));
        rows.add(invalid("workload_type of 65 characters", base().put("workload_type", "w".repeat(65))));
        rows.add(invalid("workload_type with a tab", base().put("workload_type", "data\tetl")));
        rows.add(invalid("workload_type not ASCII", base().put("workload_type", "données")));
        rows.add(valid("workload_type all of printable ASCII's ends", base().put("workload_type", " ~!")));
        rows.add(invalid("payload_size_kb missing", baseWithout("payload_size_kb")));
        rows.add(valid("payload_size_kb 0", base().put("payload_size_kb", 0)));
        rows.add(valid("payload_size_kb -0.0", base().put("payload_size_kb", -0.0)));
        rows.add(invalid("payload_size_kb negative", base().put("payload_size_kb", -0.001)));
        rows.add(valid("payload_size_kb the largest double", base().put("payload_size_kb", Double.MAX_VALUE)));
        rows.add(invalid("payload_size_kb a string", base().put("payload_size_kb", "10")));
        rows.add(invalid("payload_size_kb null", base().putNull("payload_size_kb")));
        rows.add(invalid("time_window unknown", base().put("time_window", "noon")));
        rows.add(invalid("time_window in capitals", base().put("time_window", "NIGHT")));
        rows.add(invalid("neither time_window nor timestamp", baseWithout("time_window")));
        rows.add(invalid("time_window null, no timestamp", base().putNull("time_window")));
        rows.add(valid("timestamp instead of time_window", baseWithout("time_window")
                .put("timestamp", "2026-11-26T14:30:00Z")));
        rows.add(valid("time_window null and a timestamp", base().putNull("time_window")
                .put("timestamp", "2026-11-26T14:30:00Z")));
        rows.add(valid("timestamp without offset", base().put("timestamp", "2026-11-26T14:30:00")));
        rows.add(valid("timestamp without seconds", base().put("timestamp", "2026-11-26T14:30Z")));
        rows.add(valid("timestamp with nanoseconds and offset", base().put("timestamp", "2026-11-26T14:30:00.123456789+05:30")));
        rows.add(valid("timestamp offset of hours only", base().put("timestamp", "2026-11-26T14:30:00-08")));
        rows.add(valid("timestamp offset +18:00", base().put("timestamp", "2026-11-26T14:30:00+18:00")));
        rows.add(invalid("timestamp offset +19:00", base().put("timestamp", "2026-11-26T14:30:00+19:00")));
        rows.add(invalid("timestamp a date only", base().put("timestamp", "2026-11-26")));
        rows.add(invalid("timestamp with a space", base().put("timestamp", "2026-11-26 14:30:00Z")));
        rows.add(invalid("timestamp hour 24", base().put("timestamp", "2026-11-26T24:00:00Z")));
        rows.add(invalid("timestamp month 13", base().put("timestamp", "2026-13-26T14:30:00Z")));
        rows.add(invalid("timestamp epoch seconds", base().put("timestamp", 1_790_000_000)));
        rows.add(invalid("load_pattern missing", baseWithout("load_pattern")));
        rows.add(invalid("load_pattern unknown", base().put("load_pattern", "spiky")));
        rows.add(invalid("load_pattern null", base().putNull("load_pattern")));
        rows.add(valid("expected_duration_s tiny", base().put("expected_duration_s", 0.001)));
        rows.add(invalid("expected_duration_s 0", base().put("expected_duration_s", 0)));
        rows.add(invalid("expected_duration_s negative", base().put("expected_duration_s", -1)));
        rows.add(valid("expected_duration_s null", base().putNull("expected_duration_s")));
        rows.add(invalid("memory_mb 127", base().put("memory_mb", 127)));
        rows.add(valid("memory_mb 128", base().put("memory_mb", 128)));
        rows.add(valid("memory_mb 122880", base().put("memory_mb", 122_880)));
        rows.add(invalid("memory_mb 122881", base().put("memory_mb", 122_881)));
        rows.add(valid("memory_mb 1024.0", base().put("memory_mb", 1024.0)));
        rows.add(invalid("memory_mb 1024.5", base().put("memory_mb", 1024.5)));
        rows.add(invalid("memory_mb a string", base().put("memory_mb", "1024")));
        rows.add(valid("unknown fields", base().put("priority", "high").put("tenant", 42)));
        rows.add(valid("an unknown field nested deeper than the payload limit", base()
                .set("extra", nestedPayload(max + 5, false).get("payload"))));
        rows.add(valid("payload null", base().putNull("payload")));
        rows.add(valid("payload a scalar", base().put("payload", "text")));
        rows.add(valid("payload of arrays nested " + max + " levels", nestedPayload(max, false)));
        rows.add(invalid("payload of arrays nested " + (max + 1) + " levels", nestedPayload(max + 1, false)));
        rows.add(valid("payload of objects and arrays nested " + max + " levels", nestedPayload(max, true)));
        rows.add(invalid("payload of objects and arrays nested " + (max + 1) + " levels", nestedPayload(max + 1, true)));
        rows.add(valid("payload with a surrogate pair", base().set("payload", Json.object().put("emoji", "\uD83D\uDE00"))));
        rows.add(invalid("payload with an unpaired high surrogate", base().set("payload", Json.object().put("s", "a\uD800b"))));
        rows.add(invalid("payload with an unpaired low surrogate", base().set("payload",
                Json.MAPPER.createArrayNode().add("\uDC00"))));
        rows.add(invalid("payload key with an unpaired surrogate", base().set("payload", Json.object().put("k\uD800", 1))));
        rows.add(invalid("unknown field with an unpaired surrogate", base().put("note", "\uDBFF")));
        rows.add(invalid("unknown key with an unpaired surrogate", base().put("\uDFFFnote", 1)));
        rows.add(invalid("surrogate pair reversed", base().put("note", "\uDE00\uD83D")));
        rows.add(invalid("a job that is an array", Json.MAPPER.createArrayNode().add(base())));
        rows.add(invalid("a job that is a string", Json.MAPPER.getNodeFactory().textNode("job")));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void validatorAndSchemaAgree(String why, JsonNode job, boolean expected) {
        assertThat(validatorAccepts(job)).as("JobValidator: " + why).isEqualTo(expected);
        assertThat(schemaAccepts(job)).as("job.schema.json: " + why + " " + Contracts.violations(Contract.JOB, job))
                .isEqualTo(expected);
    }

    @Test
    void payloadDepthOfTheSchemaIsTheValidators() {
        assertThat(PayloadSchema.maxDepth(Contracts.tree(Contract.PAYLOAD.file())))
                .isEqualTo(JobValidator.MAX_PAYLOAD_DEPTH);
    }

    @Test
    void sizeLimitsOfTheSchemaAreTheValidators() {
        JsonNode props = Contracts.tree(Contract.JOB.file()).get("properties");
        assertThat(props.at("/job_id/pattern").asText()).endsWith("{1," + JobValidator.MAX_JOB_ID_LENGTH + "}$");
        assertThat(props.at("/workload_type/maxLength").asInt()).isEqualTo(JobValidator.MAX_WORKLOAD_TYPE_LENGTH);
        assertThat(props.at("/memory_mb/minimum").asInt()).isEqualTo(JobValidator.MIN_MEMORY_MB);
        assertThat(props.at("/memory_mb/maximum").asInt()).isEqualTo(JobValidator.MAX_MEMORY_MB);
        assertThat(props.at("/load_pattern/enum")).extracting(JsonNode::asText)
                .containsExactly(Stream.of(LoadPattern.values()).map(LoadPattern::wireName).toArray(String[]::new));
        List<String> windows = new ArrayList<>();
        props.at("/time_window/enum").forEach(n -> windows.add(n.isNull() ? null : n.asText()));
        assertThat(windows).containsExactly("morning", "midday", "evening", "night", null);
        assertThat(Stream.of(TimeWindow.values()).map(TimeWindow::wireName)).containsExactly("morning", "midday",
                "evening", "night");
        JsonNode rejected = Contracts.tree(Contract.JOB_REJECTED.file());
        assertThat(rejected.at("/properties/body/maxLength").asInt()).isEqualTo(Rejection.MAX_BODY_CHARS);
        JsonNode decision = Contracts.tree(Contract.ROUTING_DECISION.file());
        assertThat(decision.at("/$defs/reason/enum")).extracting(JsonNode::asText)
                .containsExactly(Stream.of(DecisionReason.values()).map(DecisionReason::wireName).toArray(String[]::new));
        assertThat(decision.at("/$defs/platform/enum")).extracting(JsonNode::asText)
                .containsExactly(Stream.of(Platform.values()).map(Platform::wireName).toArray(String[]::new));
    }

    @Test
    void onlyCalendarValidityIsTheValidatorsAlone() {
        ObjectNode feb30 = base().put("timestamp", "2026-02-30T10:00:00Z");
        assertThat(schemaAccepts(feb30)).isTrue();
        assertThat(validatorAccepts(feb30)).isFalse();
    }

    @Property(tries = 200)
    void randomJobsAreAcceptedByBothOrByNeither(@ForAll("jobs") JsonNode job) {
        assertThat(schemaAccepts(job)).as(job.toString()).isEqualTo(validatorAccepts(job));
    }

    @Provide
    Arbitrary<JsonNode> jobs() {
        Arbitrary<Object> jobId = Arbitraries.oneOf(absent(), Arbitraries.just(null),
                Arbitraries.strings().withChars("AZaz09._:-").ofMinLength(1).ofMaxLength(130).map(Object.class::cast),
                Arbitraries.strings().ofMaxLength(5).map(Object.class::cast), Arbitraries.integers().map(Object.class::cast));
        Arbitrary<Object> workload = Arbitraries.oneOf(absent(), Arbitraries.just(null),
                Arbitraries.of("data_etl", "ml_inference", "x", " ", "", "tab\there", "é", "w".repeat(64), "w".repeat(65))
                        .map(Object.class::cast),
                Arbitraries.strings().ascii().ofMaxLength(70).map(Object.class::cast));
        Arbitrary<Object> size = Arbitraries.oneOf(absent(), Arbitraries.just(null),
                Arbitraries.doubles().between(-10, 1e6).map(Object.class::cast), Arbitraries.of(0, -1, 5, "5")
                        .map(Object.class::cast));
        Arbitrary<Object> window = Arbitraries.oneOf(absent(), Arbitraries.just(null),
                Arbitraries.of("morning", "midday", "evening", "night", "noon", "Night", "").map(Object.class::cast),
                Arbitraries.integers().between(0, 3).map(Object.class::cast));
        Arbitrary<Object> load = Arbitraries.oneOf(absent(), Arbitraries.just(null),
                Arbitraries.of("low_load", "medium_load", "burst_load", "steady_high_load", "high", "LOW_LOAD")
                        .map(Object.class::cast));
        Arbitrary<Object> timestamp = Arbitraries.oneOf(absent(), Arbitraries.just(null),
                Arbitraries.of("2026-11-26T14:30:00Z", "2026-11-26T14:30:00", "2026-11-26T14:30+01:00",
                        "2026-11-26T23:59:59.5-0330", "2026-11-26", "yesterday", "2026-11-26T25:00:00Z")
                        .map(Object.class::cast));
        Arbitrary<Object> duration = Arbitraries.oneOf(absent(), Arbitraries.just(null),
                Arbitraries.doubles().between(-5, 5000).map(Object.class::cast), Arbitraries.of(0, "60")
                        .map(Object.class::cast));
        Arbitrary<Object> memory = Arbitraries.oneOf(absent(), Arbitraries.just(null),
                Arbitraries.integers().between(0, 130_000).map(Object.class::cast),
                Arbitraries.of(127, 128, 122_880, 122_881, 1024.0, 1024.5, "512").map(Object.class::cast));
        Arbitrary<Object> payload = Arbitraries.oneOf(absent(), Arbitraries.just(null),
                Arbitraries.of("a\uD800", "\uD83D\uDE00", "plain").map(Object.class::cast),
                Arbitraries.integers().between(JobValidator.MAX_PAYLOAD_DEPTH - 2, JobValidator.MAX_PAYLOAD_DEPTH + 2)
                        .map(depth -> (Object) nestedPayload(depth, depth % 2 == 0).get("payload")));
        Arbitrary<Object> extra = Arbitraries.oneOf(absent(), Arbitraries.of("x", "\uDC01", 3).map(Object.class::cast));
        return Combinators.combine(List.of(jobId, workload, size, window, load, timestamp, duration, memory, payload,
                extra)).as(values -> {
                    String[] names = {"job_id", "workload_type", "payload_size_kb", "time_window", "load_pattern",
                        "timestamp", "expected_duration_s", "memory_mb", "payload", "extra"};
                    ObjectNode job = Json.object();
                    for (int i = 0; i < names.length; i++) {
                        Object v = values.get(i);
                        if (v != ABSENT) {
                            job.set(names[i], Json.MAPPER.valueToTree(v));
                        }
                    }
                    return job;
                });
    }

    private static final Object ABSENT = new Object();

    private static Arbitrary<Object> absent() {
        return Arbitraries.just(ABSENT);
    }
}
