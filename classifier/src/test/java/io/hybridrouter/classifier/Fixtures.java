package io.hybridrouter.classifier;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.TimeWindow;
import io.hybridrouter.shared.WorkloadType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Event fixtures parsed by the Lambda runtime's own serialiser into the real event types. */
final class Fixtures {

    private Fixtures() {
    }

    static SQSEvent sqs(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/events/" + resource)) {
            return LambdaEventSerializers.serializerFor(SQSEvent.class, Fixtures.class.getClassLoader()).fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An SQS event with one record per body, message ids {@code m0}, {@code m1}, ... */
    static SQSEvent sqsOf(List<String> bodies) {
        List<Object> records = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            records.add(Json.object().put("messageId", "m" + i).put("receiptHandle", "rh" + i)
                    .put("body", bodies.get(i)).put("eventSource", "aws:sqs"));
        }
        String json = Json.write(Json.object().set("Records", Json.MAPPER.valueToTree(records)));
        return LambdaEventSerializers.serializerFor(SQSEvent.class, Fixtures.class.getClassLoader()).fromJson(json);
    }

    /**
     * {@code n} jobs spread over every workload type, window and load pattern, with payloads
     * log-uniform from 1 KB to 20 GB: inputs for inference tests (the simulator's generator lives in
     * the training module, which the classifier does not depend on).
     */
    static List<Job> jobs(int n, long seed) {
        Random random = new Random(seed);
        WorkloadType[] types = WorkloadType.values();
        TimeWindow[] windows = TimeWindow.values();
        LoadPattern[] loads = LoadPattern.values();
        List<Job> jobs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double kb = Math.pow(10, random.nextDouble() * Math.log10(20_971_520.0));
            jobs.add(Job.of("job-" + i, types[random.nextInt(types.length)], kb, windows[random.nextInt(windows.length)],
                    loads[random.nextInt(loads.length)]));
        }
        return jobs;
    }
}
