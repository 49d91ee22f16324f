package io.hybridrouter.training.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.TimeWindow;
import io.hybridrouter.shared.WorkloadType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JobGeneratorTest {

    private final JobGenerator generator = new JobGenerator();

    @Test
    void sameSeedGivesSameJobs() {
        assertThat(generator.generate(500, 9)).isEqualTo(generator.generate(500, 9));
        assertThat(generator.generate(50, 9)).isNotEqualTo(generator.generate(50, 10));
    }

    @Test
    void coversEveryTypeWindowAndPattern() {
        List<Job> jobs = generator.generate(5000, 1);
        Set<WorkloadType> types = jobs.stream().map(Job::workload).collect(Collectors.toCollection(
                () -> EnumSet.noneOf(WorkloadType.class)));
        assertThat(types).containsExactlyInAnyOrder(WorkloadType.values());
        for (WorkloadType t : WorkloadType.values()) {
            List<Job> ofType = jobs.stream().filter(j -> j.workload() == t).toList();
            assertThat(ofType.stream().map(Job::timeWindow).distinct()).hasSize(TimeWindow.values().length);
            assertThat(ofType.stream().map(Job::loadPattern).distinct()).hasSize(LoadPattern.values().length);
        }
        assertThat(jobs.stream().filter(j -> j.expectedDurationS() != null).count()).isBetween(2300L, 2700L);
        assertThat(jobs.stream().filter(j -> j.memoryMb() != null && j.memoryMb() > 10_240).count()).isPositive();
    }

    @Test
    void everyGeneratedJobPassesValidationAsJson() {
        JobValidator validator = new JobValidator();
        for (Job job : generator.generate(300, 5)) {
            assertThat(validator.parse(Json.write(job))).isInstanceOfSatisfying(
                    io.hybridrouter.shared.JobParseResult.Valid.class, v -> assertThat(v.job()).isEqualTo(job));
        }
    }

    @Test
    void durationHintAgreesWithTheSimulatedWork() {
        CostModel model = new CostModel();
        for (Job job : generator.generate(400, 3)) {
            if (job.expectedDurationS() == null) {
                continue;
            }
            Job withoutHint = job.withHints(null, job.memoryMb());
            Simulation hinted = model.simulate(job, 3);
            Simulation plain = model.simulate(withoutHint, 3);
            assertThat(hinted.ecs().latencyMs()).isCloseTo(plain.ecs().latencyMs(),
                    org.assertj.core.data.Percentage.withPercentage(1));
        }
    }
}
