package io.hybridrouter.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RejectionTest {

    @Test
    void cutsALongBodyWithoutSplittingASurrogatePair() {
        String body = "x".repeat(Rejection.MAX_BODY_CHARS - 1) + "\ud83d\ude00" + "tail";
        Rejection r = Rejection.of(null, List.of("job: bad"), body, "m1", "2026-01-01T00:00:00Z");
        assertThat(r.truncated()).isTrue();
        assertThat(r.body()).hasSize(Rejection.MAX_BODY_CHARS - 1);
        assertThat(Utf16.firstUnpaired(r.body())).isEqualTo(-1);
        assertThat(Json.read(Json.write(r)).get("body").asText()).isEqualTo(r.body());
    }

    @Test
    void escapesUnpairedSurrogatesInTheBodyAndTheErrors() {
        Rejection r = Rejection.of(null, List.of("payload: bad \ud800"), "{\"a\":\"\udc00\"}", "m1",
                "2026-01-01T00:00:00Z");
        assertThat(r.body()).isEqualTo("{\"a\":\"\\udc00\"}");
        assertThat(r.errors()).containsExactly("payload: bad \\ud800");
    }
}
