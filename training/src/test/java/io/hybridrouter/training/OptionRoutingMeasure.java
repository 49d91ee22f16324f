package io.hybridrouter.training;

import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.classifier.OptionMenu;
import io.hybridrouter.classifier.RoutingModel;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.shared.config.DecisionConfig;
import io.hybridrouter.shared.cost.Prices;
import io.hybridrouter.training.sim.CostModel;
import io.hybridrouter.training.sim.JobGenerator;
import io.hybridrouter.training.sim.PlatformRun;
import io.hybridrouter.training.sim.Simulation;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The router on every option against the same router on the sized pair ({@code hybrid-2}) and the
 * all-options oracle, on simulated held-out jobs: cost, SLO violations, regret; and the oracle itself held to a
 * premium cap like the router's, to show what meeting objectives costs at each cap. {@link #main} prints both
 * (the figures in bench/RESULTS.md, issue 14).
 */
final class OptionRoutingMeasure {

    record Figures(double hybridUsd, double hybrid2Usd, double oracleUsd, int hybridViolations,
            int hybrid2Violations, int oracleViolations, Map<String, Integer> reasons, Map<String, Integer> options) {

        double ratio() {
            return hybridUsd / hybrid2Usd;
        }

        double regret() {
            return hybridUsd / oracleUsd - 1;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "hybrid $%.4f, hybrid-2 $%.4f, oracle $%.4f: hybrid/hybrid-2 %.3f, "
                    + "regret %.4f; SLO violations hybrid %d, hybrid-2 %d, oracle %d; reasons %s", hybridUsd,
                    hybrid2Usd, oracleUsd, ratio(), regret(), hybridViolations, hybrid2Violations, oracleViolations,
                    reasons);
        }
    }

    private OptionRoutingMeasure() {
    }

    /** {@code jobs} jobs of {@code seed} priced with {@code prices}, decided without exploration. */
    static Figures measure(RoutingModel model, Prices prices, int jobs, long seed) {
        CostModel world = new CostModel(prices);
        JobRouter router = new JobRouter(model, prices, 0, Platform.LAMBDA,
                DecisionConfig.defaults().withExploreRate(0), Clock.systemUTC());
        JobRouter pair = router.withMenu(OptionMenu.sizedPair());
        double hybrid = 0;
        double hybrid2 = 0;
        double oracle = 0;
        int[] violations = new int[3];
        Map<String, Integer> reasons = new TreeMap<>();
        Map<String, Integer> options = new TreeMap<>();
        List<Job> generated = new JobGenerator().generate(jobs, seed);
        for (Job job : generated) {
            Simulation s = world.simulate(job, seed);
            RoutingDecision d = router.decide(job);
            reasons.merge(d.reason().wireName(), 1, Integer::sum);
            options.merge(d.option(), 1, Integer::sum);
            PlatformRun run = s.options().get(d.option());
            hybrid += cost(run, s);
            violations[0] += missed(run, s) ? 1 : 0;
            RoutingDecision d2 = pair.decide(job);
            PlatformRun run2 = s.on(d2.platform());
            hybrid2 += cost(run2, s);
            violations[1] += missed(run2, s) ? 1 : 0;
            PlatformRun best = s.options().get(s.optionLabel().orElseThrow());
            oracle += best.costUsd();
            violations[2] += missed(best, s) ? 1 : 0;
        }
        return new Figures(hybrid, hybrid2, oracle, violations[0], violations[1], violations[2], reasons, options);
    }

    /** A failed run costs itself plus the run on on-demand ECS at the sized task that follows. */
    private static double cost(PlatformRun run, Simulation s) {
        return run.ok() ? run.costUsd() : run.costUsd() + s.ecs().costUsd();
    }

    private static boolean missed(PlatformRun run, Simulation s) {
        return !run.ok() || run.latencyMs() > s.sloMs();
    }

    /**
     * The all-knowing oracle held to a premium cap: the cheapest option that meets the objective unless it costs
     * more than {@code premium} times the cheapest option on its platform that completes, then that one; with
     * none meeting, the cheapest that completes. Its cost over hybrid-2's and its SLO violations.
     */
    static String cappedOracle(Prices prices, int jobs, long seed, double premium) {
        CostModel world = new CostModel(prices);
        double capped = 0;
        double pair = 0;
        int violations = 0;
        for (Job job : new JobGenerator().generate(jobs, seed)) {
            Simulation s = world.simulate(job, seed);
            pair += cost(s.on(s.label()), s);
            PlatformRun meeting = null;
            for (PlatformRun r : s.options().values()) {
                if (!missed(r, s) && (meeting == null || r.costUsd() < meeting.costUsd())) {
                    meeting = r;
                }
            }
            PlatformRun pick = meeting;
            Platform on = meeting == null ? null : meeting.platform();
            PlatformRun cheapest = null;
            for (PlatformRun r : s.options().values()) {
                if (r.ok() && (on == null || r.platform() == on) && (cheapest == null
                        || r.costUsd() < cheapest.costUsd())) {
                    cheapest = r;
                }
            }
            if (pick == null || pick.costUsd() > premium * cheapest.costUsd()) {
                pick = cheapest;
            }
            capped += cost(pick, s);
            violations += missed(pick, s) ? 1 : 0;
        }
        return String.format(Locale.ROOT, "oracle capped at %s: %.3f of the pair oracle's cost, %d SLO violations",
                Double.isInfinite(premium) ? "inf" : String.valueOf(premium), capped / pair, violations);
    }

    public static void main(String[] args) {
        RoutingModel model = ModelArtefacts.loadBundled();
        System.out.println("with Spot:    " + measure(model, Prices.defaults(), 5_000, 7));
        System.out.println("without Spot: " + measure(model, Prices.defaults().withoutSpot(), 5_000, 7));
        for (Prices p : List.of(Prices.defaults(), Prices.defaults().withoutSpot())) {
            System.out.println(p.spotAvailable() ? "with Spot:" : "without Spot:");
            for (double premium : new double[] {1.5, 2, 3, 4, 10, Double.POSITIVE_INFINITY}) {
                System.out.println("  " + cappedOracle(p, 5_000, 7, premium));
            }
        }
    }
}
