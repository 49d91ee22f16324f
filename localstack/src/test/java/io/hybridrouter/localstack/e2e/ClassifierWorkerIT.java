package io.hybridrouter.localstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.hybridrouter.dispatch.topology.RoutingTopology;
import io.hybridrouter.ingest.JobProducer;
import io.hybridrouter.localstack.embedded.EmbeddedBus;
import io.hybridrouter.localstack.worker.ClassifierWorker;
import io.hybridrouter.shared.Job;
import io.hybridrouter.training.sim.JobGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The classifier worker as {@code classifier run} builds it, on the emulator's queue. */
class ClassifierWorkerIT {

    @Test
    void drainsAHundredJobsInOneRun_whenABatchTakesLongerThanMaxIdle() {
        EmulatorBackend backend = EmulatorBackend.get();
        try (E2eStack stack = new E2eStack(backend, "e2e-drain", 5, 30)) {
            List<Job> jobs = new JobGenerator().generate(100, 10);
            assertThat(stack.producer().send(jobs)).allMatch(r -> r.status() == JobProducer.Status.SENT);
            Duration maxIdle = Duration.ofSeconds(2);
            // decisions go to an in-process bus: moto takes about a second per matched PutEvents entry, and
            // what is under test here is the worker draining the emulator's queue
            List<String> decided = Collections.synchronizedList(new ArrayList<>());
            EmbeddedBus bus = new EmbeddedBus(stack.out.busName(), (target, event, input) -> {
                if (target.resource() == RoutingTopology.Resource.AUDIT_QUEUE) {
                    decided.add(event.get("detail").get("job_id").asText());
                }
            }, Clock.systemUTC());
            RequestHandler<SQSEvent, SQSBatchResponse> classifier = stack.classifier(bus);
            AtomicInteger batches = new AtomicInteger();
            // the first batch takes longer than --max-idle, as a cold start or a slow bus can make it
            RequestHandler<SQSEvent, SQSBatchResponse> slowAtFirst = (event, context) -> {
                if (batches.incrementAndGet() == 1) {
                    pause(maxIdle.plusMillis(500));
                }
                return classifier.handleRequest(event, context);
            };

            ClassifierWorker.Stats stats = ClassifierWorker.builder(stack.aws.sqs, stack.out.jobsQueueUrl(),
                    slowAtFirst).maxIdle(maxIdle).log(E2eStack::log).build().run(new AtomicBoolean());

            assertThat(stats.failure()).isEmpty();
            assertThat(stats.messages()).isEqualTo(100);
            assertThat(stats.deleted()).isEqualTo(100);
            assertThat(Queues.approximateCount(stack.aws.sqs, stack.out.jobsQueueUrl())).isZero();
            assertThat(decided).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(jobs.stream().map(Job::jobId).toList());
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
