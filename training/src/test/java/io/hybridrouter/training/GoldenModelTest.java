package io.hybridrouter.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.classifier.ModelMetadata;
import io.hybridrouter.classifier.RoutingModel;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.TimeWindow;
import io.hybridrouter.shared.WorkloadType;
import io.hybridrouter.training.data.OutcomeRecord;
import io.hybridrouter.training.sim.CostModel;
import io.hybridrouter.training.sim.JobGenerator;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled model is exactly what {@code router train --generate 20000 --seed 42} makes: same
 * version, same metrics, same decisions. If this fails after a change to the simulator, the
 * features or the trainers, retrain the bundled model with that command.
 */
class GoldenModelTest {

    private static final Clock CLOCK = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
    private static RoutingModel bundled;
    private static RoutingModel fresh;

    @BeforeAll
    static void train() {
        bundled = ModelArtefacts.loadBundled();
        CostModel cost = new CostModel();
        List<OutcomeRecord> data = new JobGenerator().generate(20_000, 42).stream().map(j -> cost.simulate(j, 42))
                .flatMap(s -> OutcomeRecord.fromSimulation(s).stream()).toList();
        fresh = new Trainer(Clock.systemUTC(), line -> { }).train(data, 42, ModelMetadata.SIMULATOR);
    }

    @Test
    void bundledModelIsReproducibleFromItsSeed() {
        ModelMetadata b = bundled.metadata();
        ModelMetadata f = fresh.metadata();
        assertThat(b.modelVersion()).isEqualTo(f.modelVersion());
        assertThat(b.dataHash()).isEqualTo(f.dataHash());
        assertThat(b.platforms()).isEqualTo(f.platforms());
        assertThat(b.decisions()).isEqualTo(f.decisions());
        assertThat(b.calibration()).isEqualTo(f.calibration());
        assertThat(b.trainedOn()).isEqualTo("simulator");
        assertThat(b.tribuoVersion()).isEqualTo("4.3.2");
    }

    @Test
    void bundledAndFreshModelsDecideTheSame() throws Exception {
        JobRouter a = new JobRouter(bundled, 0.6, Platform.LAMBDA, CLOCK);
        JobRouter b = new JobRouter(fresh.withMetadata(bundled.metadata()), 0.6, Platform.LAMBDA, CLOCK);
        for (Job job : new JobGenerator().generate(2_000, 7)) {
            assertThat(a.decide(job)).as(job.toString()).isEqualTo(b.decide(job));
        }
        // Tribuo's protobuf keeps the training time, so the files differ; what they hold must not
        for (Platform p : Platform.values()) {
            assertThat(fresh.predictor(p).durationResiduals()).usingRecursiveComparison()
                    .isEqualTo(bundled.predictor(p).durationResiduals());
            assertThat(fresh.predictor(p).startupResiduals()).usingRecursiveComparison()
                    .isEqualTo(bundled.predictor(p).startupResiduals());
        }
        assertThat(fresh.calibration()).usingRecursiveComparison().isEqualTo(bundled.calibration());
    }

    @Test
    void bundledModelRoutesObviousJobsTheObviousWay() {
        JobRouter router = new JobRouter(bundled, 0.6, Platform.LAMBDA, CLOCK);
        Job api = Job.of("api", WorkloadType.LIGHTWEIGHT_API, 2, TimeWindow.MIDDAY, LoadPattern.BURST_LOAD);
        Job thumbnail = Job.of("thumb", WorkloadType.THUMBNAIL_PROCESSING, 300, TimeWindow.MORNING,
                LoadPattern.MEDIUM_LOAD);
        Job bigEtl = Job.of("etl", WorkloadType.DATA_ETL, 5_000_000, TimeWindow.NIGHT, LoadPattern.LOW_LOAD);
        Job longVideo = Job.of("video", WorkloadType.VIDEO_TRANSCODING, 1_500_000, TimeWindow.NIGHT,
                LoadPattern.LOW_LOAD);
        assertThat(router.decide(api).platform()).isEqualTo(Platform.LAMBDA);
        assertThat(router.decide(thumbnail).platform()).isEqualTo(Platform.LAMBDA);
        assertThat(router.decide(bigEtl).platform()).isEqualTo(Platform.ECS);
        assertThat(router.decide(longVideo).platform()).isEqualTo(Platform.ECS);
    }

    @Test
    void bundledModelFilesAreUnderOneMegabyteInAll() throws Exception {
        long bytes = 0;
        for (String f : List.of(ModelArtefacts.MODEL_FILE, ModelArtefacts.COLUMNS_FILE, ModelArtefacts.METADATA_FILE)) {
            try (InputStream in = ModelArtefacts.class.getResourceAsStream(ModelArtefacts.BUNDLED + f)) {
                bytes += in.readAllBytes().length;
            }
        }
        assertThat(bytes).isLessThan(1_000_000);
    }
}
