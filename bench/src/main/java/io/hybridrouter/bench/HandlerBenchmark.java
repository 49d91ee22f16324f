package io.hybridrouter.bench;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.hybridrouter.classifier.BatchClassifier;
import io.hybridrouter.classifier.ClassifierHandler;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.shared.events.EventPublisher;
import io.hybridrouter.training.sim.JobGenerator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * The classifier handler on one SQS batch of 10 records (parse, validate, decide, serialise,
 * publish) against an EventBridge client that accepts everything in memory: the handler's own cost,
 * without the network.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class HandlerBenchmark {

    private ClassifierHandler handler;
    private final List<SQSEvent> batches = new ArrayList<>();
    private int next;

    /** Accepts every entry; no network. */
    static final class AcceptingEventBridge implements EventBridgeClient {
        @Override
        public PutEventsResponse putEvents(PutEventsRequest request) {
            List<PutEventsResultEntry> entries = new ArrayList<>(request.entries().size());
            for (int i = 0; i < request.entries().size(); i++) {
                entries.add(PutEventsResultEntry.builder().eventId("e" + i).build());
            }
            return PutEventsResponse.builder().failedEntryCount(0).entries(entries).build();
        }

        @Override
        public String serviceName() {
            return "events";
        }

        @Override
        public void close() {
        }
    }

    @Setup
    public void setUp() {
        JobRouter router = new JobRouter(ModelArtefacts.loadBundled(), RouterConfig.defaults(), Clock.systemUTC());
        EventPublisher publisher = EventPublisher.builder(new AcceptingEventBridge(), "bus").build();
        handler = new ClassifierHandler(BatchClassifier.builder(router, publisher).build());
        var jobs = new JobGenerator().generate(640, 5);
        for (int b = 0; b < 64; b++) {
            List<SQSEvent.SQSMessage> records = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
                m.setMessageId("m" + b + "-" + i);
                m.setBody(Json.write(jobs.get(b * 10 + i)));
                records.add(m);
            }
            SQSEvent event = new SQSEvent();
            event.setRecords(records);
            batches.add(event);
        }
    }

    @Benchmark
    public SQSBatchResponse batchOfTen() {
        next = (next + 1) & 63;
        return handler.handleRequest(batches.get(next), null);
    }
}
