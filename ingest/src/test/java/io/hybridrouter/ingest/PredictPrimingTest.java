package io.hybridrouter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.snapstart.Priming;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictPrimingTest {

    @Test
    void beforeCheckpointRunsEveryStepAndLeavesTheHandlerWorking() {
        List<String> log = new ArrayList<>();
        JobRouter router = new JobRouter(ModelArtefacts.loadBundled(), 0.6, Platform.LAMBDA, Clock.systemUTC());
        PredictHandler handler = new PredictHandler(new JobValidator(), router, (level, message, fields) -> { });

        PredictHandler.priming(handler, (level, message, fields) -> log.add(level + " " + message))
                .beforeCheckpoint(null);

        assertThat(log).noneMatch(l -> l.startsWith("WARN"))
                .anySatisfy(l -> assertThat(l).startsWith("INFO predict primed").contains("3 of 3 steps"));
        JsonNode r = handler.respond(Priming.CANNED_JOB.getBytes(StandardCharsets.UTF_8), null);
        assertThat(r.get("statusCode").asInt()).isEqualTo(200);
        assertThat(Json.read(r.get("body").asText()).at("/prediction/platform").asText()).isIn("lambda", "ecs");
    }
}
