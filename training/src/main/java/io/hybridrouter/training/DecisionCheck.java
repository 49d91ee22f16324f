package io.hybridrouter.training;

import io.hybridrouter.classifier.Calibration;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.ModelMetadata;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.training.data.OutcomeRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a router's decision rule on jobs whose outcome on both platforms is known: the oracle's
 * platform (the cheaper one that met the objective), the cost of each choice (a failed run costs
 * itself plus the run on the other platform) and the calibration of the router's confidence.
 * Stateless and thread-safe.
 */
final class DecisionCheck {

    private DecisionCheck() {
    }

    /** What the decision rule did on held-out jobs. */
    record Result(ModelMetadata.DecisionReport decisions, double brier) {
    }

    /** The oracle rule of the simulator, on two measured runs. */
    static Platform oracle(Trainer.Pair p) {
        boolean lambdaMeets = p.lambda().ok() && p.lambda().sloMet();
        boolean ecsMeets = p.ecs().ok() && p.ecs().sloMet();
        if (lambdaMeets && ecsMeets) {
            return p.lambda().billedUsd() <= p.ecs().billedUsd() ? Platform.LAMBDA : Platform.ECS;
        }
        if (lambdaMeets || ecsMeets) {
            return lambdaMeets ? Platform.LAMBDA : Platform.ECS;
        }
        if (!p.lambda().ok()) {
            return Platform.ECS;
        }
        return p.lambda().latencyMs() <= p.ecs().latencyMs() ? Platform.LAMBDA : Platform.ECS;
    }

    static double cost(Trainer.Pair p, Platform chosen) {
        OutcomeRecord run = chosen == Platform.LAMBDA ? p.lambda() : p.ecs();
        OutcomeRecord other = chosen == Platform.LAMBDA ? p.ecs() : p.lambda();
        return run.ok() ? run.billedUsd() : run.billedUsd() + other.billedUsd();
    }

    /**
     * Isotonic calibration per kind of decision; a kind with fewer than {@code minJobs} jobs gets a
     * constant, its share of right choices with Laplace's rule ((right + 1) / (jobs + 2)).
     */
    static Calibration calibrate(JobRouter router, List<Trainer.Pair> pairs, int minJobs) {
        List<double[]> both = new ArrayList<>();
        List<double[]> one = new ArrayList<>();
        List<double[]> none = new ArrayList<>();
        for (Trainer.Pair p : pairs) {
            JobRouter.Assessment a = router.assess(p.lambda().job());
            double correct = a.preferred() == oracle(p) ? 1 : 0;
            switch (a.kind()) {
                case "both" -> both.add(new double[] {a.margin(), correct});
                case "one" -> one.add(new double[] {a.margin(), correct});
                case "none" -> none.add(new double[] {a.margin(), correct});
                default -> {
                    // limit-bound: the choice is forced, nothing to calibrate
                }
            }
        }
        return new Calibration(fit(both, minJobs), fit(one, minJobs), fit(none, minJobs));
    }

    private static Calibration.Step fit(List<double[]> rows, int minJobs) {
        if (rows.size() < minJobs) {
            double right = rows.stream().mapToDouble(r -> r[1]).sum();
            return new Calibration.Step(new double[] {0}, new double[] {(right + 1) / (rows.size() + 2)}, rows.size());
        }
        return fit(rows);
    }

    private static Calibration.Step fit(List<double[]> rows) {
        double[] x = rows.stream().mapToDouble(r -> r[0]).toArray();
        double[] y = rows.stream().mapToDouble(r -> r[1]).toArray();
        return Isotonic.fit(x, y, 0.5);
    }

    static Result measure(JobRouter router, List<Trainer.Pair> pairs) {
        int correct = 0;
        int violations = 0;
        double cost = 0;
        double oracleCost = 0;
        double brier = 0;
        for (Trainer.Pair p : pairs) {
            JobRouter.Assessment a = router.assess(p.lambda().job());
            Platform oracle = oracle(p);
            Platform chosen = a.preferred();
            double hit = chosen == oracle ? 1 : 0;
            correct += (int) hit;
            double conf = router.confidence(a);
            brier += (conf - hit) * (conf - hit);
            cost += cost(p, chosen);
            oracleCost += cost(p, oracle);
            OutcomeRecord run = chosen == Platform.LAMBDA ? p.lambda() : p.ecs();
            if (!run.ok() || !run.sloMet()) {
                violations++;
            }
        }
        int n = Math.max(1, pairs.size());
        double regret = oracleCost > 0 ? cost / oracleCost - 1 : 0;
        return new Result(new ModelMetadata.DecisionReport(pairs.size(), PredictorTrainer.round(correct / (double) n,
                4), PredictorTrainer.round(regret, 4), violations), PredictorTrainer.round(brier / n, 4));
    }
}
