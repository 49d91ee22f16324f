package io.hybridrouter.training.offpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridrouter.shared.Platform;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoggedOutcomesTest {

    private static final String JOB = "{\"workload_type\":\"data_etl\",\"payload_size_kb\":5000,"
            + "\"time_window\":\"night\",\"load_pattern\":\"low_load\"}";

    private static LoggedOutcomes.Read read(String text) throws IOException {
        return new LoggedOutcomes().read(new BufferedReader(new StringReader(text)), "log.jsonl");
    }

    @Test
    void readsPlainOutcomeLinesAndJobCompletedEventsAndSkipsOtherEvents() throws IOException {
        String text = "{\"job\":" + JOB + ",\"platform\":\"ecs\",\"propensity\":0.1,\"billed_usd\":0.02,"
                + "\"slo_met\":false}\n"
                + "{\"detail-type\":\"RoutingDecision\",\"detail\":{\"platform\":\"lambda\"}}\n"
                + "\n"
                + "{\"detail-type\":\"JobCompleted\",\"detail\":{\"job\":" + JOB + ",\"propensity\":0.9,"
                + "\"measured\":{\"platform\":\"lambda\",\"billed_usd\":0.001,\"slo_met\":true}}}\n";

        LoggedOutcomes.Read r = read(text);

        assertThat(r.skipped()).isEqualTo(1);
        assertThat(r.outcomes()).hasSize(2);
        LoggedOutcome plain = r.outcomes().get(0);
        assertThat(plain.platform()).isEqualTo(Platform.ECS);
        assertThat(plain.propensity()).isEqualTo(0.1);
        assertThat(plain.loggingProbability(Platform.LAMBDA)).isEqualTo(0.9);
        assertThat(plain.sloMet()).isFalse();
        LoggedOutcome event = r.outcomes().get(1);
        assertThat(event.line()).isEqualTo(4);
        assertThat(event.platform()).isEqualTo(Platform.LAMBDA);
        assertThat(event.billedUsd()).isEqualTo(0.001);
        assertThat(event.job().payloadSizeKb()).isEqualTo(5000);
    }

    @Test
    void aMissingPropensityMeansTheRouterDidNotExplore() throws IOException {
        LoggedOutcome o = read("{\"job\":" + JOB + ",\"platform\":\"lambda\",\"billed_usd\":0.001,\"slo_met\":true}")
                .outcomes().get(0);

        assertThat(o.propensity()).isEqualTo(1.0);
        assertThat(o.propensityLogged()).isFalse();
        assertThat(o.loggingProbability(Platform.ECS)).isZero();
    }

    @Test
    void refusesTheFileNamingEachBadLineItsFieldAndTheRule() {
        String text = "{\"job\":" + JOB + ",\"platform\":\"lambda\",\"billed_usd\":0.001,\"slo_met\":true}\n"
                + "{\"job\":" + JOB + ",\"platform\":\"fargate\",\"slo_met\":\"yes\",\"propensity\":0}\n"
                + "{\"detail-type\":\"JobCompleted\",\"detail\":{\"job_id\":\"j1\",\"platform\":\"ecs\","
                + "\"status\":\"succeeded\"}}\n"
                + "not json\n";

        assertThatThrownBy(() -> read(text)).isInstanceOf(LoggedOutcomes.InvalidLines.class)
                .hasMessageStartingWith("log.jsonl: 3 lines break the outcome rules")
                .extracting(e -> String.join("\n", ((LoggedOutcomes.InvalidLines) e).lines())).asString()
                .contains("line 2: platform: must be lambda or ecs (got \"fargate\"); billed_usd: required, "
                        + "a finite number >= 0; slo_met: required, true or false (got \"yes\"); propensity: must be a "
                        + "number in (0, 1] (got 0)")
                .contains("line 3: detail.job: required")
                .contains("line 4: malformed JSON");
    }

    @Test
    void whatIsWrittenReadsBackTheSame() throws IOException {
        List<LoggedOutcome> in = read("{\"job\":" + JOB + ",\"platform\":\"ecs\",\"propensity\":0.1,"
                + "\"billed_usd\":0.02,\"slo_met\":false}").outcomes();
        StringWriter out = new StringWriter();

        LoggedOutcomes.write(in, out);

        assertThat(read(out.toString()).outcomes()).isEqualTo(in);
    }
}
