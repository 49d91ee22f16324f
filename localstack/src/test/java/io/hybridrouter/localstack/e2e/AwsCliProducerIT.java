package io.hybridrouter.localstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Any SQS producer works: here the AWS CLI, exactly as a user would type it. */
class AwsCliProducerIT {

    @Test
    void awsCliSendMessageIsClassifiedLikeAnyOtherJob() throws IOException, InterruptedException {
        EmulatorBackend backend = EmulatorBackend.get();
        try (E2eStack stack = new E2eStack(backend, "e2e-cli", 5, 30).start()) {
            String job = "{\"job_id\":\"cli-1\",\"workload_type\":\"data_etl\",\"payload_size_kb\":8000000,"
                    + "\"time_window\":\"night\",\"load_pattern\":\"low_load\"}";
            if (!AwsCli.sendMessage(backend.endpoint().toString(), stack.out.jobsQueueUrl(), job)) {
                Assumptions.abort("the AWS CLI (aws) is not on PATH");
                return;
            }

            List<JsonNode> decisions = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
                decisions.addAll(Queues.details(stack.aws.sqs, stack.out.auditQueueUrl()));
                return !decisions.isEmpty();
            });
            assertThat(decisions).singleElement().satisfies(d -> {
                assertThat(d.get("job_id").asText()).isEqualTo("cli-1");
                assertThat(d.get("platform").asText()).isEqualTo("ecs");
            });
            List<JsonNode> outcomes = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
                outcomes.addAll(Queues.details(stack.aws.sqs, stack.out.outcomesQueueUrl()));
                return !outcomes.isEmpty();
            });
            assertThat(outcomes.get(0).get("platform").asText()).isEqualTo("ecs");
        }
    }
}
