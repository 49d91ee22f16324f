package io.hybridrouter.bench;

import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.classifier.RoutingModel;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.training.sim.JobGenerator;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-job decisions with the bundled model: {@code assess} is features, the four predictors and
 * both platforms' cost and latency estimates; {@code decide} adds calibration, exploration and the
 * decision record. Jobs cycle through 1,024 generated ones so that branch
 * prediction cannot learn a single path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class ClassifyBenchmark {

    private RoutingModel model;
    private JobRouter router;
    private List<Job> jobs;
    private int next;

    @Setup
    public void setUp() {
        model = ModelArtefacts.loadBundled();
        router = new JobRouter(model, RouterConfig.defaults(), Clock.systemUTC());
        jobs = new JobGenerator().generate(1024, 99);
    }

    private Job nextJob() {
        next = (next + 1) & 1023;
        return jobs.get(next);
    }

    @Benchmark
    public JobRouter.Assessment assess() {
        return router.assess(nextJob());
    }

    @Benchmark
    public RoutingDecision decide() {
        return router.decide(nextJob());
    }
}
