package io.hybridrouter.localstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.ingest.JobProducer;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.aws.AwsClientsModule;
import io.hybridrouter.shared.aws.AwsTarget;
import io.hybridrouter.training.sim.JobGenerator;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** Transient failures: nothing is lost, what cannot be published ends in the DLQ. */
class FailureIT {

    @BeforeEach
    void failuresAreExpected() {
        E2eStack.expectFailures(true);
    }

    @AfterEach
    void failuresAreNotExpectedElsewhere() {
        E2eStack.expectFailures(false);
    }

    private static EventBridgeClient eventBridgeAt(URI endpoint) {
        return AwsClientsModule.configure(EventBridgeClient.builder(), AwsTarget.endpoint(endpoint),
                UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(1))
                        .socketTimeout(Duration.ofSeconds(20)).build()).build();
    }

    @Test
    void messageWhoseDecisionCannotBePublishedReturnsToTheQueueThenGoesToTheDlq() {
        EmulatorBackend backend = EmulatorBackend.get();
        try (E2eStack stack = new E2eStack(backend, "e2e-dlq", 5, 1);
                EventBridgeClient nowhere = eventBridgeAt(URI.create("http://127.0.0.1:9"))) {
            // the classifier's only way to the bus is an endpoint that refuses every connection
            stack.startWorker(nowhere);
            JobProducer.Result sent = stack.producer().send(List.of(new JobGenerator().generate(1, 5).get(0))).get(0);
            assertThat(sent.status()).isEqualTo(JobProducer.Status.SENT);

            List<String> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                dead.addAll(Queues.drain(stack.aws.sqs, stack.out.dlqUrl()));
                return !dead.isEmpty();
            });
            assertThat(dead).singleElement().asString().contains(sent.jobId());
            assertThat(Queues.approximateCount(stack.aws.sqs, stack.out.auditQueueUrl())).isZero();
            assertThat(Queues.approximateCount(stack.aws.sqs, stack.out.jobsQueueUrl())).isZero();
        }
    }

    @Test
    void eventBridgeOutageInTheMiddleOfARunLosesNothing() throws Exception {
        EmulatorBackend backend = EmulatorBackend.get();
        try (E2eStack stack = new E2eStack(backend, "e2e-outage", 10, 2);
                TcpProxy proxy = new TcpProxy(backend.endpoint().getPort());
                EventBridgeClient viaProxy = eventBridgeAt(URI.create("http://127.0.0.1:" + proxy.port()))) {
            List<Job> jobs = new JobGenerator().generate(60, 77);
            Set<String> ids = jobs.stream().map(Job::jobId).collect(Collectors.toSet());
            stack.startWorker(viaProxy);
            stack.producer().send(jobs.subList(0, 20));

            Set<String> decided = new HashSet<>();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                decided.addAll(jobIds(Queues.details(stack.aws.sqs, stack.out.auditQueueUrl())));
                return !decided.isEmpty();
            });
            proxy.down();
            stack.producer().send(jobs.subList(20, 60));
            Thread.sleep(4_000);
            decided.addAll(jobIds(Queues.details(stack.aws.sqs, stack.out.auditQueueUrl())));
            int decidedDuringOutage = decided.size();
            proxy.up();

            try {
                // generous: on a loaded machine the returned messages wait out their visibility timeout twice
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    decided.addAll(jobIds(Queues.details(stack.aws.sqs, stack.out.auditQueueUrl())));
                    return decided.size() >= ids.size();
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(decided.size() + " of " + ids.size() + " decided (" + decidedDuringOutage
                        + " during the outage); jobs queue " + Queues.approximateCount(stack.aws.sqs,
                        stack.out.jobsQueueUrl()) + ", DLQ " + Queues.approximateCount(stack.aws.sqs, stack.out.dlqUrl()),
                        e);
            }
            assertThat(decided).isEqualTo(ids);
            assertThat(decidedDuringOutage).isLessThan(ids.size());
            assertThat(Queues.approximateCount(stack.aws.sqs, stack.out.dlqUrl())).isZero();
        }
    }

    private static List<String> jobIds(List<JsonNode> details) {
        return details.stream().map(d -> d.get("job_id").asText()).toList();
    }
}
