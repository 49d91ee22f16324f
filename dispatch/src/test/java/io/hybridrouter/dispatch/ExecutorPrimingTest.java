package io.hybridrouter.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridrouter.dispatch.idempotency.DynamoDbIdempotencyStore;
import io.hybridrouter.shared.aws.AwsClientsModule;
import io.hybridrouter.shared.aws.AwsTarget;
import io.hybridrouter.shared.events.EventPublisher;
import io.hybridrouter.shared.snapstart.Jitter;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

class ExecutorPrimingTest {

    /** Where the snapshot is taken, nothing the function calls answers. */
    private static final AwsTarget NOTHING_LISTENS = AwsTarget.endpoint(URI.create("http://127.0.0.1:1"));

    @Test
    void beforeCheckpointRunsEveryStepWithNoEndpointReachable() {
        List<String> log = new ArrayList<>();
        SdkHttpClient http = UrlConnectionHttpClient.builder().build();
        try (EventBridgeClient events = AwsClientsModule.configure(EventBridgeClient.builder(), NOTHING_LISTENS, http,
                AwsClientsModule.putEventsOverrides()).build();
                DynamoDbClient dynamo = AwsClientsModule.configure(DynamoDbClient.builder(), NOTHING_LISTENS, http)
                        .build()) {
            ExecutorPriming priming = new ExecutorPriming(EventPublisher.builder(events, "bus-1").build(),
                    new DynamoDbIdempotencyStore(dynamo, "claims", Clock.systemUTC()), Clock.systemUTC(), new Jitter(),
                    (level, message, fields) -> log.add(level + " " + message));

            priming.hooks().beforeCheckpoint(null);
        }
        assertThat(log).noneMatch(l -> l.startsWith("WARN"))
                .anySatisfy(l -> assertThat(l).startsWith("INFO executor primed").contains("3 of 3 steps"));
    }
}
