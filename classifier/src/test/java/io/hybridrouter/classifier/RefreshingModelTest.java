package io.hybridrouter.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridrouter.classifier.ModelArtefacts.ModelLoadException;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.TimeWindow;
import io.hybridrouter.shared.WorkloadType;
import io.hybridrouter.shared.config.DecisionConfig;
import io.hybridrouter.shared.cost.Prices;
import io.hybridrouter.shared.events.EventPublisher;
import io.hybridrouter.shared.events.EventTypes;
import io.hybridrouter.shared.log.RouterLog;
import io.hybridrouter.shared.testing.FakeEventBridge;
import io.hybridrouter.shared.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefreshingModelTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @TempDir
    Path tmp;

    private final MemoryModelStore store = new MemoryModelStore();
    private final MutableClock clock = new MutableClock();
    private final List<String> log = new ArrayList<>();

    private RefreshingModel started() throws Exception {
        store.promote(Models.saved(tmp, "v1"), clock);
        return RefreshingModel.start(store, clock, MINUTE, RouterLog.plain(log::add));
    }

    @Test
    void takesANewlyPromotedModelOnlyOnceTheRefreshIntervalHasPassed() throws Exception {
        RefreshingModel models = started();
        store.promote(Models.saved(tmp, "v2"), clock);

        clock.advance(Duration.ofSeconds(59));
        models.refresh();
        assertThat(models.current().version()).isEqualTo("v1");

        clock.advance(Duration.ofSeconds(1));
        models.refresh();
        assertThat(models.current().version()).isEqualTo("v2");
        assertThat(log).last().asString().contains("model: took v2 from mem://models/ (was v1)");
    }

    @Test
    void decisionsAndEarlyRefreshesNeverReadTheStore() throws Exception {
        RefreshingModel models = started();
        int readsAtStart = store.reads.get();
        JobRouter router = new JobRouter(models, Prices.defaults(), 0.6, Platform.LAMBDA,
                DecisionConfig.defaults(), clock);
        for (int i = 0; i < 100; i++) {
            router.decide(Job.of("j-" + i, WorkloadType.DATA_ETL, 100,
                    TimeWindow.NIGHT, LoadPattern.LOW_LOAD));
            clock.advance(Duration.ofMillis(500));
            router.refreshModel();
        }
        // 50 s of decisions and refresh calls: not one read
        assertThat(store.reads.get()).isEqualTo(readsAtStart);
        clock.advance(Duration.ofSeconds(10));
        router.refreshModel();
        router.refreshModel();
        // due once: one read of the pointer, which names the model in force
        assertThat(store.reads.get()).isEqualTo(readsAtStart + 1);
    }

    @Test
    void keepsTheModelInForceWhenTheNewOneFailsToLoadLogsOneLineAndRetriesAfterTheInterval() throws Exception {
        RefreshingModel models = started();
        store.putFiles("v2", Models.saved(tmp, "v2"));
        store.objects.put("v2/model.tribuo", "not a zip".getBytes(StandardCharsets.UTF_8));
        store.point("v2");

        clock.advance(MINUTE);
        models.refresh();
        assertThat(models.current().version()).isEqualTo("v1");
        List<String> warnings = log.stream().filter(l -> l.contains("cannot use")).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("mem://models/v2/").contains("model.tribuo").contains("keeping v1")
                .contains("next try in PT1M");

        store.putFiles("v2", tmp.resolve("v2"));
        clock.advance(Duration.ofSeconds(30));
        models.refresh();
        assertThat(models.current().version()).as("not retried before the interval").isEqualTo("v1");

        clock.advance(Duration.ofSeconds(30));
        models.refresh();
        assertThat(models.current().version()).isEqualTo("v2");
    }

    @Test
    void refusesAVersionWhoseMetadataNamesAnotherVersion() throws Exception {
        RefreshingModel models = started();
        store.putFiles("v2", Models.saved(tmp, "v3"));
        store.point("v2");

        clock.advance(MINUTE);
        models.refresh();

        assertThat(models.current().version()).isEqualTo("v1");
        assertThat(log).last().asString().contains("mem://models/v2/")
                .contains("model_metadata.json says model_version v3 but the folder and current.json name v2");
    }

    @Test
    void keepsTheModelInForceWhileTheStoreCannotBeReached() throws Exception {
        RefreshingModel models = started();
        store.promote(Models.saved(tmp, "v2"), clock);
        store.unreachable = true;

        clock.advance(MINUTE);
        models.refresh();
        assertThat(models.current().version()).isEqualTo("v1");
        assertThat(log).last().asString().contains("mem://models/").contains("connection refused")
                .contains("keeping v1");

        store.unreachable = false;
        clock.advance(MINUTE);
        models.refresh();
        assertThat(models.current().version()).isEqualTo("v2");
    }

    @Test
    void aRouterWithNoModelToLoadAtStartFailsNamingTheLocationAndTheCause() {
        assertThatThrownBy(() -> RefreshingModel.start(store, clock, MINUTE, RouterLog.NONE))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage("cannot load any model: mem://models/: no model published (no current.json); publish one "
                        + "with `router model promote DIR --to mem://models/`");
        store.point("v9");
        assertThatThrownBy(() -> RefreshingModel.start(store, clock, MINUTE, RouterLog.NONE))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage("cannot load any model: mem://models/v9/: model.tribuo is missing");
    }

    @Test
    void aBatchClassifierDecidesWithANewlyPromotedModelAtItsNextBatch() throws Exception {
        RefreshingModel models = started();
        FakeEventBridge bus = new FakeEventBridge();
        JobRouter router = new JobRouter(models, Prices.defaults(), 0.6, Platform.LAMBDA,
                DecisionConfig.defaults(), clock);
        BatchClassifier classifier = BatchClassifier.builder(router, EventPublisher.builder(bus, "bus-1").build())
                .clock(clock).build();
        String job = "{\"job_id\":\"%s\",\"workload_type\":\"data_etl\",\"payload_size_kb\":100,"
                + "\"time_window\":\"night\",\"load_pattern\":\"low_load\"}";

        classifier.classify(Fixtures.sqsOf(List.of(job.formatted("a-1"))).getRecords());
        store.promote(Models.saved(tmp, "v2"), clock);
        clock.advance(MINUTE);
        classifier.classify(Fixtures.sqsOf(List.of(job.formatted("b-1"))).getRecords());

        assertThat(bus.accepted(EventTypes.ROUTING_DECISION)).extracting(e -> Json.read(e.detail()))
                .extracting(d -> d.get("job_id").asText() + "@" + d.get("model_version").asText())
                .containsExactly("a-1@v1", "b-1@v2");
    }
}
