package io.hybridrouter.shared.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimCheckKeysTest {

    private static final String A = "{\"job_id\":\"etl-42\",\"payload\":\"a\"}";
    private static final String B = "{\"job_id\":\"etl-42\",\"payload\":\"b\"}";

    private final InMemoryClaimCheckStore store = new InMemoryClaimCheckStore();

    @Test
    void twoJobsWithTheSameIdGetTheirOwnKeyAndKeepTheirOwnBody() {
        String a = store.put("etl-42", A);
        String b = store.put("etl-42", B);
        assertThat(a).isNotEqualTo(b);
        assertThat(store.get(a)).contains(A);
        assertThat(store.get(b)).contains(B);
    }

    @Test
    void theSameJobStoredTwiceGetsTheSameKeyWithItsIdInIt() {
        assertThat(store.put("etl-42", A)).isEqualTo(store.put("etl-42", A))
                .startsWith("s3://in-memory/jobs/etl-42.").endsWith(".json");
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void keysCannotLeaveThePrefixWhateverTheJobId() {
        String ref = store.put("..", A);
        assertThat(ref).startsWith("s3://in-memory/jobs/...").doesNotContain("/../");
        assertThat(ClaimCheckRef.parse(ref, "in-memory").jobId()).isEqualTo("..");
        assertThat(store.get(ref)).contains(A);
    }

    @Test
    void refusesReferencesOutsideItsBucketOrPrefix() {
        String key = store.put("etl-42", A).substring("s3://in-memory/".length());
        String hash = key.substring("jobs/etl-42.".length(), key.length() - ".json".length());
        List<String> forged = List.of(
                "s3://other/" + key,
                "s3://in-memory.evil/" + key,
                "s3://in-memory/secrets/etl-42." + hash + ".json",
                "s3://in-memory/jobs/../secrets/etl-42." + hash + ".json",
                "s3://in-memory/jobs/%2e%2e/etl-42." + hash + ".json",
                "s3://in-memory/jobs/sub/etl-42." + hash + ".json",
                "s3://in-memory//" + key,
                "s3://in-memory/" + key.toUpperCase(java.util.Locale.ROOT),
                "s3://in-memory/" + key + "?versionId=1",
                "s3://in-memory/jobs/etl-42.json",
                "https://in-memory/" + key,
                "s3://in-memory");
        for (String ref : forged) {
            assertThatThrownBy(() -> store.get(ref)).as(ref).isInstanceOf(ClaimCheckRef.UntrustedReferenceException.class)
                    .hasMessageStartingWith("job_ref: ");
        }
    }
}
