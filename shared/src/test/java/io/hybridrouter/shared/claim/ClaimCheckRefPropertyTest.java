package io.hybridrouter.shared.claim;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A reference made for a job parses back to itself in its bucket and checks the body it was made for. */
class ClaimCheckRefPropertyTest {

    @Provide
    Arbitrary<String> jobIds() {
        return Arbitraries.strings().withChars("ABCXYZabcxyz0189._:-").ofMinLength(1).ofMaxLength(128);
    }

    @Provide
    Arbitrary<String> buckets() {
        return Arbitraries.strings().withChars("abcxyz0189-.").ofMinLength(3).ofMaxLength(63);
    }

    @Property(tries = 300)
    void parseGivesBackTheReferenceThatWasMade(@ForAll("buckets") String bucket, @ForAll("jobIds") String jobId,
            @ForAll @From(supplier = WireText.class) String body) {
        ClaimCheckRef made = ClaimCheckRef.of(bucket, jobId, body);
        ClaimCheckRef parsed = ClaimCheckRef.parse(made.reference(), bucket);
        assertThat(parsed).isEqualTo(made);
        assertThat(parsed.jobId()).isEqualTo(jobId);
        assertThat(parsed.key()).isEqualTo(ClaimCheckRef.key(jobId, body));
        assertThat(parsed.verified(body)).isEqualTo(body);
        assertThat(ClaimCheckRef.isReference(made.reference())).isTrue();
    }
}
