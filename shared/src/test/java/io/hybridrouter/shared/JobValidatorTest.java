package io.hybridrouter.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JobValidatorTest {

    private final JobValidator validator = new JobValidator(() -> "generated-id");

    private static final String VALID = """
            {"job_id":"job-1","workload_type":"data_etl","payload_size_kb":2048.5,"time_window":"night",
             "load_pattern":"low_load","expected_duration_s":12.5,"memory_mb":2048,"payload":{"rows":3},
             "unknown_field":true}""";

    private Job valid(String json) {
        JobParseResult result = validator.parse(json);
        assertThat(result).isInstanceOf(JobParseResult.Valid.class);
        return ((JobParseResult.Valid) result).job();
    }

    private List<String> errors(String json) {
        JobParseResult result = validator.parse(json);
        assertThat(result).isInstanceOf(JobParseResult.Invalid.class);
        return ((JobParseResult.Invalid) result).messages();
    }

    @Test
    void acceptsCompleteJobAndIgnoresUnknownFields() {
        Job job = valid(VALID);
        assertThat(job.jobId()).isEqualTo("job-1");
        assertThat(job.workload()).isEqualTo(WorkloadType.DATA_ETL);
        assertThat(job.payloadSizeKb()).isEqualTo(2048.5);
        assertThat(job.timeWindow()).isEqualTo(TimeWindow.NIGHT);
        assertThat(job.loadPattern()).isEqualTo(LoadPattern.LOW_LOAD);
        assertThat(job.expectedDurationS()).isEqualTo(12.5);
        assertThat(job.memoryMb()).isEqualTo(2048);
        assertThat(job.payload().get("rows").asInt()).isEqualTo(3);
    }

    @Test
    void generatesJobIdWhenAbsent() {
        Job job = valid("{\"workload_type\":\"lightweight_api\",\"payload_size_kb\":1,\"time_window\":\"morning\","
                + "\"load_pattern\":\"burst_load\"}");
        assertThat(job.jobId()).isEqualTo("generated-id");
        assertThat(new JobValidator().parse("{\"workload_type\":\"lightweight_api\",\"payload_size_kb\":1,"
                + "\"time_window\":\"morning\",\"load_pattern\":\"burst_load\"}"))
                .isInstanceOfSatisfying(JobParseResult.Valid.class,
                    v -> assertThat(v.job().jobId()).matches("[0-9a-f-]{36}"));
    }

    @Test
    void keepsUnknownWorkloadTypeAndTreatsItAsOther() {
        Job job = valid("{\"workload_type\":\"pdf_render\",\"payload_size_kb\":0,\"time_window\":\"midday\","
                + "\"load_pattern\":\"medium_load\"}");
        assertThat(job.workloadType()).isEqualTo("pdf_render");
        assertThat(job.workload()).isEqualTo(WorkloadType.OTHER);
    }

    @ParameterizedTest
    @CsvSource({
        "2026-11-26T07:30:00Z, morning",
        "2026-11-26T12:00:00Z, midday",
        "2026-11-26T21:59:59Z, evening",
        "2026-11-26T23:00:00+02:00, evening",
        "2026-11-26T03:00:00, night"
    })
    void derivesTimeWindowFromTimestamp(String timestamp, String window) {
        Job job = valid("{\"workload_type\":\"data_etl\",\"payload_size_kb\":1,\"load_pattern\":\"low_load\","
                + "\"timestamp\":\"" + timestamp + "\"}");
        assertThat(job.timeWindow().wireName()).isEqualTo(window);
        assertThat(job.timestamp()).isEqualTo(timestamp);
    }

    @Test
    void reportsEveryErrorAtOnceWithFieldAndRule() {
        List<String> errors = errors("{\"job_id\":\"\",\"workload_type\":\"\",\"payload_size_kb\":-1,"
                + "\"time_window\":\"dawn\",\"load_pattern\":null,\"expected_duration_s\":0,\"memory_mb\":64,"
                + "\"timestamp\":\"yesterday\"}");
        assertThat(errors).containsExactly(
                "job_id: must be 1-128 characters of [A-Za-z0-9._:-] (got \"\")",
                "workload_type: must be a non-empty string of at most 64 printable ASCII characters, space to ~ (known: "
                        + "lightweight_api, thumbnail_processing, data_etl, ml_inference, video_transcoding, "
                        + "batch_report)",
                "payload_size_kb: must be a finite number >= 0 (got -1)",
                "timestamp: must be ISO-8601, like 2026-11-26T14:30:00Z (got \"yesterday\")",
                "time_window: must be one of morning, midday, evening, night (got \"dawn\")",
                "load_pattern: is required",
                "expected_duration_s: must be a finite number > 0 (got 0)",
                "memory_mb: must be an integer from 128 to 122880 (got 64)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "\"12\"", "true", "[1]", "{}"})
    void rejectsPayloadSizeThatIsNotAFiniteNumber(String value) {
        assertThat(errors("{\"workload_type\":\"data_etl\",\"payload_size_kb\":" + value
                + ",\"time_window\":\"night\",\"load_pattern\":\"low_load\"}"))
                .singleElement().asString().startsWith("payload_size_kb: must be a finite number >= 0");
    }

    @Test
    void rejectsNegativePayloadSize() {
        assertThat(errors("{\"workload_type\":\"data_etl\",\"payload_size_kb\":-0.5,\"time_window\":\"night\","
                + "\"load_pattern\":\"low_load\"}"))
                .containsExactly("payload_size_kb: must be a finite number >= 0 (got -0.5)");
    }

    @Test
    void rejectsFractionalAndOversizedMemory() {
        assertThat(errors("{\"workload_type\":\"a\",\"payload_size_kb\":1,\"time_window\":\"night\","
                + "\"load_pattern\":\"low_load\",\"memory_mb\":1024.5}"))
                .containsExactly("memory_mb: must be an integer from 128 to 122880 (got 1024.5)");
        assertThat(errors("{\"workload_type\":\"a\",\"payload_size_kb\":1,\"time_window\":\"night\","
                + "\"load_pattern\":\"low_load\",\"memory_mb\":122881}"))
                .containsExactly("memory_mb: must be an integer from 128 to 122880 (got 122881)");
        assertThat(valid("{\"workload_type\":\"a\",\"payload_size_kb\":1,\"time_window\":\"night\","
                + "\"load_pattern\":\"low_load\",\"memory_mb\":1024.0}").memoryMb()).isEqualTo(1024);
    }

    @Test
    void rejectsControlCharactersInJobIdAndEscapesThemInTheMessage() {
        assertThat(errors("{\"job_id\":\"abc\\u0000\\n\",\"workload_type\":\"a\",\"payload_size_kb\":1,"
                + "\"time_window\":\"night\",\"load_pattern\":\"low_load\"}"))
                .containsExactly("job_id: must be 1-128 characters of [A-Za-z0-9._:-] (got \"abc\\u0000\\u000a\")");
    }

    @Test
    void rejectsJobIdOverLimitButKeepsReadableIdOfOtherwiseInvalidJob() {
        String longId = "x".repeat(129);
        assertThat(errors("{\"job_id\":\"" + longId + "\",\"workload_type\":\"a\",\"payload_size_kb\":1,"
                + "\"time_window\":\"night\",\"load_pattern\":\"low_load\"}"))
                .singleElement().asString().startsWith("job_id: must be 1-128 characters");
        JobParseResult r = validator.parse("{\"job_id\":\"ok-1\",\"payload_size_kb\":1}");
        assertThat(((JobParseResult.Invalid) r).jobId()).contains("ok-1");
    }

    @Test
    void rejectsEnumValuesOfWrongType() {
        assertThat(errors("{\"workload_type\":\"a\",\"payload_size_kb\":1,\"time_window\":3,"
                + "\"load_pattern\":\"LOW_LOAD\"}"))
                .containsExactly("time_window: must be one of morning, midday, evening, night, got a number",
                        "load_pattern: must be one of low_load, medium_load, burst_load, steady_high_load "
                                + "(got \"LOW_LOAD\")");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[1,2]|job: must be a JSON object, got array",
        "\"job\"|job: must be a JSON object, got string",
        "42|job: must be a JSON object, got number",
        "null|job: must be a JSON object, got null",
        "'   '|job: must be a JSON object, got an empty body"
    })
    void rejectsNonObjectJson(String json, String message) {
        assertThat(errors(json)).containsExactly(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\":}", "{\"a\":1}}", "{\"a\":1,\"a\":2}", "{'a':1}"})
    void rejectsMalformedJsonWithPosition(String json) {
        assertThat(errors(json)).singleElement().asString().startsWith("job: malformed JSON: ").contains("line 1");
    }

    /** A job whose payload is {@code depth} nested objects: {"payload":{"a":{"a":...{}}}}. */
    static String jobWithPayloadDepth(int depth) {
        return "{\"job_id\":\"deep-" + depth + "\",\"workload_type\":\"data_etl\",\"payload_size_kb\":1,"
                + "\"time_window\":\"night\",\"load_pattern\":\"low_load\",\"payload\":"
                + "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1) + "}";
    }

    @Test
    void acceptsAPayloadNestedAsDeepAsEveryEnvelopeAllows() {
        Job job = valid(jobWithPayloadDepth(992));
        assertThat(job.jobId()).isEqualTo("deep-992");
    }

    @Test
    void rejectsAPayloadNestedOneLevelDeeperThanEveryEnvelopeAllows() {
        assertThat(errors(jobWithPayloadDepth(993))).containsExactly("payload: nests 993 levels; at most 992");
        assertThat(errors(jobWithPayloadDepth(998))).containsExactly("payload: nests 998 levels; at most 992");
    }

    @Test
    void rejectsAnUnpairedSurrogateInAPayloadValueNamingItsPath() {
        String json = VALID.replace("{\"rows\":3}", "{\"notes\":\"ok \\ud800 then\",\"items\":[\"x\",\"\\udc00\"]}");
        assertThat(errors(json)).containsExactly(
                "payload.notes: contains an unpaired UTF-16 surrogate (\\ud800); text must be valid Unicode",
                "payload.items[1]: contains an unpaired UTF-16 surrogate (\\udc00); text must be valid Unicode");
    }

    @Test
    void rejectsAnUnpairedSurrogateInAPayloadKey() {
        // Jackson refuses an escaped one in a key itself; a raw one in the text reaches the validator
        String json = VALID.replace("{\"rows\":3}", "{\"k\ud83d\":1}");
        assertThat(errors(json)).singleElement().asString()
                .isEqualTo("payload: key \"k\\ud83d\" contains an unpaired UTF-16 surrogate (\\ud83d); text must be valid Unicode");
    }

    @Test
    void rejectsAnUnpairedSurrogateInEveryEchoedFieldWithoutEchoingIt() {
        String json = "{\"job_id\":\"a\\ud800\",\"workload_type\":\"x\\udbff\",\"payload_size_kb\":1,"
                + "\"time_window\":\"\\ud800night\",\"load_pattern\":\"low_load\",\"timestamp\":\"2026\\udfff\"}";
        List<String> errors = errors(json);
        assertThat(errors).extracting(e -> e.substring(0, e.indexOf(':')))
                .containsExactlyInAnyOrder("job_id", "workload_type", "time_window", "timestamp");
        assertThat(errors).allSatisfy(e -> assertThat(Utf16.firstUnpaired(e)).isEqualTo(-1));
        assertThat(String.join("\n", errors)).contains("\\ud800").contains("\\udfff");
    }

    @Test
    void acceptsSurrogatePairsAnywhereInThePayload() {
        Job job = valid(VALID.replace("{\"rows\":3}", "{\"\\ud83d\\ude00\":\"smile \\ud83d\\ude00\"}"));
        assertThat(job.payload().get("\ud83d\ude00").asText()).isEqualTo("smile \ud83d\ude00");
    }

    @Test
    void acceptsAJobThatStartsWithAByteOrderMark() {
        assertThat(valid("\uFEFF" + VALID).jobId()).isEqualTo("job-1");
    }

    @Test
    void saysAnUnpairedSurrogateEscapeInAFieldNameIsNotValidUnicode() {
        assertThat(errors("{\"workload_type\":\"data_etl\",\"payload\":{\"\\ud800\":1}}"))
                .containsExactly("job: malformed JSON: a field name or string holds an unpaired UTF-16 surrogate "
                        + "escape; text must be valid Unicode");
    }

    @Test
    void malformedJsonNamesTheProblemWithoutJacksonsSourceDetail() {
        assertThat(errors("{\"source\":\"hybrid.router\""))
                .singleElement().asString()
                .startsWith("job: malformed JSON: Unexpected end-of-input: expected close marker for Object")
                .doesNotContain("Source").doesNotContain("REDACTED");
    }
}
