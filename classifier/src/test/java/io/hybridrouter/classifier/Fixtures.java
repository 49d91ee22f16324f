package io.hybridrouter.classifier;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.hybridrouter.shared.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

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
}
