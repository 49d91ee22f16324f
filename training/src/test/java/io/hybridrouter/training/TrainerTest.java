package io.hybridrouter.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridrouter.classifier.ModelMetadata;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.training.sim.CostModel;
import io.hybridrouter.training.sim.JobGenerator;
import io.hybridrouter.training.sim.Simulation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private final Trainer trainer = new Trainer(Clock.systemUTC(), line -> { });

    private static List<Simulation> data(int n, long seed) {
        CostModel cost = new CostModel();
        return new JobGenerator().generate(n, seed).stream().map(j -> cost.simulate(j, seed)).toList();
    }

    @Test
    void sameDataAndSeedGiveTheSameModelAndMetrics() {
        List<Simulation> rows = data(3_000, 5);
        ModelMetadata a = trainer.train(rows, 5).metadata();
        ModelMetadata b = trainer.train(rows, 5).metadata();
        assertThat(a.modelVersion()).isEqualTo(b.modelVersion()).startsWith(a.trainer() + "-");
        assertThat(a.testAccuracy()).isEqualTo(b.testAccuracy());
        assertThat(a.confusionMatrix()).isEqualTo(b.confusionMatrix());
        assertThat(a.candidates()).extracting(ModelMetadata.Candidate::name).containsExactly("cart", "random-forest");
        assertThat(a.classBalance().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3_000);
        assertThat(a.topFeatures()).isNotEmpty();
        assertThat(a.dataRows()).isEqualTo(3_000);
    }

    @Test
    void refusesTooLittleData() {
        assertThatThrownBy(() -> trainer.train(data(50, 1), 1)).hasMessageContaining("at least 100 labelled jobs");
    }

    @Test
    void refusesDataWithOnlyOnePlatform() {
        List<Simulation> onlyLambda = new ArrayList<>();
        for (Simulation s : data(400, 2)) {
            onlyLambda.add(new Simulation(s.job(), s.lambda(), s.ecs(), s.sloMs(), Platform.LAMBDA));
        }
        assertThatThrownBy(() -> trainer.train(onlyLambda, 1)).hasMessageContaining("no job labelled ecs");
    }
}
