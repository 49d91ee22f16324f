package io.hybridrouter.shared.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridrouter.shared.Json;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A job put in a carrier comes out as the same job: inline, by reference, or as JSON set by hand. */
class JobCarrierPropertyTest {

    @Provide
    Arbitrary<String> jobJson() {
        Arbitrary<String> text = new WireText().get();
        return Arbitraries.maps(text, text).ofMaxSize(5).map(Json::write);
    }

    @Property(tries = 300)
    void decodeGivesBackTheJobThatInlineEncoded(@ForAll("jobJson") String json) {
        assertThat(JobCarrier.decode(JobCarrier.inline(json))).isEqualTo(new JobCarrier.Inline(json));
    }

    @Property(tries = 100)
    void aClaimCheckReferenceIsCarriedAsItIs(@ForAll("jobJson") String json) {
        String reference = ClaimCheckRef.of("claims", "job-1", json).reference();
        assertThat(JobCarrier.decode(reference)).isEqualTo(new JobCarrier.Reference(reference));
    }

    @Example
    void jsonSetByHandIsTakenAsItIs() {
        assertThat(JobCarrier.decode("  {\"job_id\":\"x\"}\n")).isEqualTo(new JobCarrier.Inline("{\"job_id\":\"x\"}"));
    }

    @Example
    void anythingElseIsRefusedSayingWhatACarrierIs() {
        assertThatThrownBy(() -> JobCarrier.decode("%%%not-base64"))
                .hasMessage("routed job is neither JSON, base64 JSON nor an s3:// reference");
    }

    @Example
    void theCarrierFitsTheOverridesTemplateWithoutEscaping() {
        String carrier = JobCarrier.inline(Json.write(Map.of("q", "\"quoted\" and \\ back")));
        assertThat(carrier).matches("[A-Za-z0-9+/=]*");
    }
}
