package io.hybridrouter.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.classifier.ModelMetadata;
import io.hybridrouter.classifier.RoutingModel;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.TimeWindow;
import io.hybridrouter.shared.WorkloadType;
import io.hybridrouter.training.sim.CostModel;
import io.hybridrouter.training.sim.JobGenerator;
import io.hybridrouter.training.sim.Simulation;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled model is exactly what {@code router train --generate 20000 --seed 42} makes: same
 * version, same metrics, same predictions. If this fails after a change to the simulator, the
 * features or the trainers, retrain the bundled model with that command.
 */
class GoldenModelTest {

    private static RoutingModel bundled;
    private static RoutingModel fresh;

    @BeforeAll
    static void train() {
        bundled = ModelArtefacts.loadBundled();
        CostModel cost = new CostModel();
        List<Simulation> data = new JobGenerator().generate(20_000, 42).stream().map(j -> cost.simulate(j, 42))
                .toList();
        fresh = new Trainer(Clock.systemUTC(), line -> { }).train(data, 42);
    }

    @Test
    void bundledModelIsReproducibleFromItsSeed() {
        ModelMetadata b = bundled.metadata();
        ModelMetadata f = fresh.metadata();
        assertThat(b.modelVersion()).isEqualTo(f.modelVersion());
        assertThat(b.dataHash()).isEqualTo(f.dataHash());
        assertThat(b.testAccuracy()).isEqualTo(f.testAccuracy());
        assertThat(b.confusionMatrix()).isEqualTo(f.confusionMatrix());
        assertThat(b.candidates()).extracting(ModelMetadata.Candidate::validationAccuracy)
                .isEqualTo(f.candidates().stream().map(ModelMetadata.Candidate::validationAccuracy).toList());
        assertThat(b.tribuoVersion()).isEqualTo("4.3.2");
    }

    @Test
    void bundledAndFreshModelsPredictTheSame() {
        for (Job job : new JobGenerator().generate(2_000, 7)) {
            RoutingModel.Score a = bundled.score(job);
            RoutingModel.Score b = fresh.score(job);
            assertThat(a).as(job.toString()).isEqualTo(b);
        }
    }

    @Test
    void bundledModelRoutesObviousJobsTheObviousWay() {
        Job api = Job.of("api", WorkloadType.LIGHTWEIGHT_API, 2, TimeWindow.MIDDAY, LoadPattern.BURST_LOAD);
        Job thumbnail = Job.of("thumb", WorkloadType.THUMBNAIL_PROCESSING, 300, TimeWindow.MORNING,
                LoadPattern.MEDIUM_LOAD);
        Job bigEtl = Job.of("etl", WorkloadType.DATA_ETL, 5_000_000, TimeWindow.NIGHT, LoadPattern.LOW_LOAD);
        Job longVideo = Job.of("video", WorkloadType.VIDEO_TRANSCODING, 1_500_000, TimeWindow.NIGHT,
                LoadPattern.LOW_LOAD);
        assertThat(bundled.score(api).platform()).isEqualTo(Platform.LAMBDA);
        assertThat(bundled.score(thumbnail).platform()).isEqualTo(Platform.LAMBDA);
        assertThat(bundled.score(bigEtl).platform()).isEqualTo(Platform.ECS);
        assertThat(bundled.score(longVideo).platform()).isEqualTo(Platform.ECS);
    }

    @Test
    void bundledModelIsSmall() throws Exception {
        assertThat(ModelArtefacts.serialise(bundled.tribuoModel()).length).isLessThan(1_000_000);
    }
}
