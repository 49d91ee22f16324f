package io.hybridrouter.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridrouter.dispatch.idempotency.IdempotencyStore;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.JobParseResult;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Outcome;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.claim.JobCarrier;
import io.hybridrouter.shared.events.EventTypes;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobExecutorTest {

    private static final String JOB = "{\"job_id\":\"etl-7\",\"workload_type\":\"data_etl\",\"payload_size_kb\":64,"
            + "\"time_window\":\"night\",\"load_pattern\":\"low_load\"}";
    private static final String OTHER = JOB.replace("64", "640");

    private final ExecutorTestSupport support = new ExecutorTestSupport();

    private JobExecutor.Delivery deliver(String carrier) {
        return support.executor.deliver("etl-7", carrier, "cart-1", Platform.LAMBDA);
    }

    private static String fingerprint(String json) {
        return JobExecutor.fingerprint(((JobParseResult.Valid) new JobValidator().parse(json)).job());
    }

    @Test
    void runsTheJobItCarriesAndPublishesItsOutcome() {
        JobExecutor.Delivery d = deliver(JobCarrier.inline(JOB));
        assertThat(d).isInstanceOfSatisfying(JobExecutor.Ran.class, ran -> {
            assertThat(ran.outcome().status()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(ran.outcome().platform()).isEqualTo(Platform.LAMBDA);
            assertThat(ran.outcome().modelVersion()).isEqualTo("cart-1");
        });
        assertThat(support.bus.accepted(EventTypes.JOB_COMPLETED)).singleElement()
                .satisfies(e -> assertThat(Json.read(e.detail()).get("job_id").asText()).isEqualTo("etl-7"));
        assertThat(support.idempotency.claim("etl-7", fingerprint(JOB), Duration.ofMinutes(1)))
                .as("completed, so a later delivery is a duplicate").isEqualTo(IdempotencyStore.Claim.DUPLICATE);
    }

    @Test
    void theSameJobDeliveredAgainIsADuplicateAndRunsOnce() {
        deliver(JOB);
        assertThat(deliver(support.claims.put("etl-7", JOB))).isEqualTo(new JobExecutor.Duplicate("etl-7"));
        assertThat(support.bus.accepted(EventTypes.JOB_COMPLETED)).hasSize(1);
    }

    @Test
    void aJobThatIsNotTheOneTheDecisionNamesIsRejectedOnTheBusAndNotRun() {
        JobExecutor.Delivery d = support.executor.deliver("etl-8", JOB, "cart-1", Platform.ECS);
        assertThat(d).isInstanceOfSatisfying(JobExecutor.Rejected.class, r -> assertThat(r.rejection().errors())
                .singleElement().asString().startsWith("job_id: the decision is for etl-8"));
        assertThat(support.bus.accepted(EventTypes.JOB_REJECTED)).hasSize(1);
        assertThat(support.bus.accepted(EventTypes.JOB_COMPLETED)).isEmpty();
    }

    @Test
    void anotherJobUnderAnIdThatRanIsRejectedAsAConflict() {
        deliver(JOB);
        assertThat(deliver(OTHER)).isInstanceOfSatisfying(JobExecutor.Rejected.class, r -> assertThat(
                r.rejection().errors()).singleElement().asString().startsWith("job_id: already used by a different job"));
    }

    @Test
    void anOutcomeThatCannotBePublishedReleasesTheClaimSoARetryRunsTheJob() {
        support.bus.failEntriesWhere(e -> e.detailType().equals(EventTypes.JOB_COMPLETED));
        assertThatThrownBy(() -> deliver(JOB)).isInstanceOf(JobExecutor.ReportException.class)
                .hasMessageContaining("outcome not published").hasMessageContaining("released for retry");
        assertThat(support.idempotency.claim("etl-7", fingerprint(JOB), Duration.ofMinutes(1)))
                .as("released: the next delivery may claim it").isEqualTo(IdempotencyStore.Claim.CLAIMED);
        support.idempotency.release("etl-7", fingerprint(JOB));

        support.bus.failEntriesWhere(e -> false);
        assertThat(deliver(JOB)).isInstanceOf(JobExecutor.Ran.class);
        assertThat(support.bus.accepted(EventTypes.JOB_COMPLETED)).hasSize(1);
    }
}
