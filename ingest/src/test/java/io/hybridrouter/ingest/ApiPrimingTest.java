package io.hybridrouter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.aws.AwsClientsModule;
import io.hybridrouter.shared.aws.AwsTarget;
import io.hybridrouter.shared.events.Backoff;
import io.hybridrouter.shared.snapstart.Jitter;
import io.hybridrouter.shared.snapstart.Priming;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;

class ApiPrimingTest {

    /** Where the snapshot is taken, nothing the function calls answers. */
    private static final AwsTarget NOTHING_LISTENS = AwsTarget.endpoint(URI.create("http://127.0.0.1:1"));

    @Test
    void beforeCheckpointRunsEveryStepWithNoEndpointReachableAndLeavesTheHandlerWorking() {
        List<String> log = new ArrayList<>();
        JobRouter router = new JobRouter(ModelArtefacts.loadBundled(), 0.6, Platform.LAMBDA, Clock.systemUTC());
        try (SqsClient unreachable = AwsClientsModule.configure(SqsClient.builder(), NOTHING_LISTENS,
                UrlConnectionHttpClient.builder().build()).build()) {
            Jitter jitter = new Jitter();
            Optional<JobProducer> producer = Optional.of(new JobProducer(unreachable, "http://127.0.0.1:1/q",
                    Backoff.DEFAULT, Backoff.Sleeper.REAL, jitter, new JobValidator()));
            ApiHandler handler = new ApiHandler(new JobValidator(), router, producer);

            ApiHandler.priming(handler, producer, jitter, (level, message, fields) -> log.add(level + " " + message))
                    .beforeCheckpoint(null);

            assertThat(log).noneMatch(l -> l.startsWith("WARN"))
                    .anySatisfy(l -> assertThat(l).startsWith("INFO api primed").contains("3 of 3 steps"));
            APIGatewayProxyResponseEvent r = handler.handleRequest(new APIGatewayProxyRequestEvent()
                    .withHttpMethod("POST").withPath("/predict").withBody(Priming.CANNED_JOB), null);
            assertThat(r.getStatusCode()).isEqualTo(200);
            assertThat(Json.read(r.getBody()).at("/prediction/platform").asText()).isIn("lambda", "ecs");
        }
    }
}
