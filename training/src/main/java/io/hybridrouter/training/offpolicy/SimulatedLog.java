package io.hybridrouter.training.offpolicy;

import io.hybridrouter.shared.Platform;
import io.hybridrouter.training.Policy;
import io.hybridrouter.training.RunOutcome;
import io.hybridrouter.training.sim.PlatformRun;
import io.hybridrouter.training.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Logs simulated jobs as a router that explores would: each job goes where the logging policy sends
 * it, except that a share {@code exploreRate} of jobs goes to a platform drawn uniformly at random
 * (either one, limits or not, so that every platform has support on every job). The propensity
 * logged is the probability of the platform taken: {@code (1 − ε)·[policy's choice] + ε/2} for a
 * deterministic policy. The cost and objective logged are the simulator's ({@link RunOutcome}),
 * so the true value of any policy on the same jobs is known and estimates can be checked against it.
 * Deterministic for a seed; stateless and thread-safe.
 */
public final class SimulatedLog {

    private SimulatedLog() {
    }

    public static List<LoggedOutcome> generate(List<Simulation> jobs, Policy logging, double exploreRate, long seed) {
        if (!(exploreRate >= 0 && exploreRate <= 1)) {
            throw new IllegalArgumentException("explore rate must be from 0 to 1, got " + exploreRate);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        List<LoggedOutcome> out = new ArrayList<>(jobs.size());
        for (Simulation s : jobs) {
            Platform taken;
            if (rnd.nextDouble() < exploreRate) {
                taken = rnd.nextBoolean() ? Platform.LAMBDA : Platform.ECS;
            } else {
                // draw as the policy would (a deterministic policy always takes its choice)
                taken = rnd.nextDouble() < logging.probability(s.job(), Platform.LAMBDA) ? Platform.LAMBDA
                        : Platform.ECS;
            }
            double propensity = (1 - exploreRate) * logging.probability(s.job(), taken) + exploreRate / 2;
            RunOutcome o = RunOutcome.of(s, taken);
            out.add(new LoggedOutcome(out.size() + 1, s.job(), taken, propensity, true, o.costUsd(), o.sloMet()));
        }
        return out;
    }

    /**
     * Logs simulated jobs option by option, as a router that explores over options would: each job runs on
     * the option the logging policy picks ({@link Policy#option}), except that a share {@code exploreRate} of
     * jobs runs on an option drawn uniformly from the K the job was simulated on (so every declared option
     * has support on every job). The propensity logged is that of the option taken: {@code (1 − ε)·[policy's
     * option] + ε/K}. Jobs simulated without options are logged by platform, as {@link #generate} does.
     */
    public static List<LoggedOutcome> generateByOption(List<Simulation> jobs, Policy logging, double exploreRate,
            long seed) {
        if (!(exploreRate >= 0 && exploreRate <= 1)) {
            throw new IllegalArgumentException("explore rate must be from 0 to 1, got " + exploreRate);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        List<LoggedOutcome> out = new ArrayList<>(jobs.size());
        for (Simulation s : jobs) {
            if (s.options().isEmpty()) {
                Platform taken = rnd.nextDouble() < exploreRate ? (rnd.nextBoolean() ? Platform.LAMBDA : Platform.ECS)
                        : logging.choose(s.job());
                double propensity = (1 - exploreRate) * logging.probability(s.job(), taken) + exploreRate / 2;
                RunOutcome o = RunOutcome.of(s, taken);
                out.add(new LoggedOutcome(out.size() + 1, s.job(), taken, propensity, true, o.costUsd(), o.sloMet()));
                continue;
            }
            List<String> ids = new ArrayList<>(s.options().keySet());
            String chosen = logging.option(s.job());
            Platform chosenPlatform = logging.choose(s.job());
            String taken = rnd.nextDouble() < exploreRate ? ids.get(rnd.nextInt(ids.size())) : chosen;
            Platform platform = taken.equals(chosen) ? chosenPlatform : s.options().get(taken).platform();
            double propensity = (taken.equals(chosen) ? 1 - exploreRate : 0)
                    + (s.options().containsKey(taken) ? exploreRate / ids.size() : 0);
            RunOutcome o = RunOutcome.of(s, platform, taken);
            out.add(new LoggedOutcome(out.size() + 1, s.job(), platform, propensity, true, o.costUsd(), o.sloMet(),
                    taken, 1));
        }
        return out;
    }

    /**
     * The true cost per million jobs of a deterministic {@code policy} run on the options it picks, or of the
     * logging policy of {@link #generateByOption} at {@code exploreRate}.
     */
    public static double trueCostPerMillionByOption(List<Simulation> jobs, Policy policy, double exploreRate) {
        return byOption(jobs, policy, exploreRate, true) * 1_000_000;
    }

    /** The true share of jobs that miss their objective, as {@link #trueCostPerMillionByOption}. */
    public static double trueSloViolationRateByOption(List<Simulation> jobs, Policy policy, double exploreRate) {
        return byOption(jobs, policy, exploreRate, false);
    }

    private static double byOption(List<Simulation> jobs, Policy policy, double exploreRate, boolean cost) {
        double total = 0;
        for (Simulation s : jobs) {
            RunOutcome chosen = RunOutcome.of(s, policy.choose(s.job()), policy.option(s.job()));
            double value = (cost ? chosen.costUsd() : chosen.sloMet() ? 0 : 1) * (1 - exploreRate);
            if (exploreRate > 0) {
                for (Map.Entry<String, PlatformRun> e : s.options().entrySet()) {
                    RunOutcome o = RunOutcome.of(s, e.getValue().platform(), e.getKey());
                    value += exploreRate / s.options().size() * (cost ? o.costUsd() : o.sloMet() ? 0 : 1);
                }
            }
            total += value;
        }
        return total / jobs.size();
    }

    /** The true cost per million jobs of {@code policy} on these jobs, as the simulator scores it. */
    public static double trueCostPerMillion(List<Simulation> jobs, Policy policy) {
        double cost = 0;
        for (Simulation s : jobs) {
            cost += expected(s, policy, true);
        }
        return cost / jobs.size() * 1_000_000;
    }

    /** The true share of jobs that miss their objective under {@code policy}. */
    public static double trueSloViolationRate(List<Simulation> jobs, Policy policy) {
        double v = 0;
        for (Simulation s : jobs) {
            v += expected(s, policy, false);
        }
        return v / jobs.size();
    }

    private static double expected(Simulation s, Policy policy, boolean cost) {
        double total = 0;
        for (Platform p : Platform.values()) {
            double pi = policy.probability(s.job(), p);
            if (pi > 0) {
                RunOutcome o = RunOutcome.of(s, p);
                total += pi * (cost ? o.costUsd() : o.sloMet() ? 0 : 1);
            }
        }
        return total;
    }
}
