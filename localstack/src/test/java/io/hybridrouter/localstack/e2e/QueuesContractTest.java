package io.hybridrouter.localstack.e2e;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What the end-to-end tests read off a queue is checked against the contracts when it is a router event. */
class QueuesContractTest {

    private static final String DELIVERED = "{\"version\":\"0\",\"id\":\"e-1\",\"detail-type\":\"JobRejected\","
            + "\"source\":\"hybrid.router\",\"account\":\"123456789012\",\"time\":\"2026-11-26T02:00:00Z\","
            + "\"region\":\"us-east-1\",\"resources\":[],\"detail\":{\"errors\":[\"job: must be a JSON object, got an array\"],"
            + "\"body\":\"[]\",\"truncated\":false,\"rejected_at\":\"2026-11-26T02:00:00Z\"}}";

    @Test
    void aDeliveredEventThatMeetsItsContractPasses() {
        assertThatCode(() -> Queues.requireContract(DELIVERED)).doesNotThrowAnyException();
    }

    @Test
    void aDeliveredEventThatBreaksItsContractFailsTheTest() {
        String broken = DELIVERED.replace("\"truncated\":false", "\"truncated\":\"no\"");
        assertThatThrownBy(() -> Queues.requireContract(broken)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("/detail/truncated");
    }

    @Test
    void aBodyThatIsNotARouterEventIsNotChecked() {
        assertThatCode(() -> Queues.requireContract("{\"workload_type\":\"data_etl\"}")).doesNotThrowAnyException();
        assertThatCode(() -> Queues.requireContract("not json")).doesNotThrowAnyException();
    }
}
