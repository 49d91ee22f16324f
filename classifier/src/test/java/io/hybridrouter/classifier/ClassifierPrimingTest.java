package io.hybridrouter.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.aws.AwsClientsModule;
import io.hybridrouter.shared.aws.AwsTarget;
import io.hybridrouter.shared.events.EventPublisher;
import io.hybridrouter.shared.events.EventTypes;
import io.hybridrouter.shared.log.RouterLog;
import io.hybridrouter.shared.snapstart.Jitter;
import io.hybridrouter.shared.snapstart.Priming;
import io.hybridrouter.shared.testing.FakeEventBridge;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

class ClassifierPrimingTest {

    /** Where the snapshot is taken, nothing the function calls answers. */
    private static final AwsTarget NOTHING_LISTENS = AwsTarget.endpoint(URI.create("http://127.0.0.1:1"));

    private final JobRouter router = new JobRouter(ModelArtefacts.loadBundled(), 0.6, Platform.LAMBDA,
            Clock.systemUTC());
    private final JobValidator validator = new JobValidator();
    private final List<String> log = new ArrayList<>();
    private final List<String> emf = new ArrayList<>();

    @Test
    void beforeCheckpointRunsEveryStepWithNoEndpointReachableAndLeavesTheHandlerWorking() {
        try (EventBridgeClient unreachable = AwsClientsModule.configure(EventBridgeClient.builder(), NOTHING_LISTENS,
                UrlConnectionHttpClient.builder().build(), AwsClientsModule.putEventsOverrides()).build()) {
            ClassifierPriming priming = new ClassifierPriming(validator, router, new DecisionDispatch(Optional.empty()),
                    EventPublisher.builder(unreachable, "bus-1").build(), ClassifierMetrics.emf(emf::add,
                            Clock.systemUTC()), new Jitter(), (level, message, fields) -> log.add(level + " " + message));

            priming.hooks().beforeCheckpoint(null);
        }

        assertThat(log).noneMatch(l -> l.startsWith("WARN"))
                .anySatisfy(l -> assertThat(l).startsWith("INFO classifier primed").contains("3 of 3 steps"));
        assertThat(emf).singleElement().satisfies(line -> {
            JsonNode n = Json.read(line);
            assertThat(n.get("DecisionsLambda").asInt() + n.get("DecisionsEcs").asInt()).isZero();
            assertThat(n.get("PublishFailures").asInt()).isZero();
        });

        FakeEventBridge bus = new FakeEventBridge();
        ClassifierHandler handler = new ClassifierHandler(BatchClassifier.builder(router,
                EventPublisher.builder(bus, "bus-1").log(RouterLog.NONE).build()).validator(validator).build());
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("m-1");
        message.setBody(Priming.CANNED_JOB);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        SQSBatchResponse response = handler.handleRequest(event, null);
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(bus.accepted(EventTypes.ROUTING_DECISION)).singleElement()
                .satisfies(e -> assertThat(Json.read(e.detail()).get("job_id").asText()).isEqualTo("snapstart-priming"));
    }
}
