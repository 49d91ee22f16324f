package io.hybridrouter.training.offpolicy;

import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.training.Calibration;
import io.hybridrouter.training.Policy;
import io.hybridrouter.training.RouterPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Estimates, from outcomes a running router logged, what other policies would have cost per million
 * jobs and how often they would have missed the latency objective (off-policy evaluation).
 *
 * <ul>
 *   <li><b>IPS</b>, self-normalised: each logged outcome weighted by π(logged platform | job) / its
 *       logged propensity, the weighted mean over the weights' sum.</li>
 *   <li><b>DR</b>, doubly robust (the headline): the {@link DirectModel}'s prediction under the policy,
 *       Σ<sub>a</sub> π(a | job)·q̂(job, a), plus the weighted residual of the logged outcome,
 *       w·(outcome − q̂(job, logged platform)), averaged over jobs. Unbiased when the propensities are
 *       right, whatever the direct model's error.</li>
 *   <li><b>Intervals</b>: percentile bootstrap, jobs resampled with replacement ({@code resamples}
 *       times, seeded), the direct model refitted on each resample.</li>
 *   <li><b>Support</b>: a policy that would send a job to a platform the logging router had no
 *       chance of choosing for it (the other platform of a propensity-1 outcome) cannot be estimated
 *       from the log at all: its value there was never observable. It is refused, with the count of
 *       such jobs, rather than estimated from the jobs that happen to agree. A log without exploration
 *       (every propensity 1) therefore supports only policies that agree with it on every job.</li>
 *   <li><b>Options</b>: when the log names options ({@code option} on the outcomes), a policy's action is
 *       the option it picks (the baselines: the job's sized option on their platform; a router: the
 *       option it names), the propensity is that of the logged option, and the direct model is per option
 *       (falling back to the platform for an option never logged). The attempts of a job that Fargate Spot
 *       interrupted are summed into one outcome first ({@link LoggedOutcomes#perJob}). Where a policy picks
 *       an option the logging router had no chance of running (an option it never ran, or another option on
 *       a job it did not explore on), inverse propensity weighting has no
 *       support: that row is the direct method alone ({@code estimator: dm}, with its bootstrap interval
 *       and a note saying so), not refused. Platforms the logging router could not take are still refused.</li>
 *   <li>{@code logged} is the logging policy itself: the plain mean of what was logged.</li>
 * </ul>
 *
 * <p>Stateless between calls and thread-safe; the policies must be deterministic per job.
 */
public final class OffPolicyEvaluator {

    public static final String LOGGED = "logged";
    public static final int DEFAULT_RESAMPLES = 1_000;
    public static final long DEFAULT_SEED = 1;
    /** What the model's confidence is scored against on a log. */
    public static final String CALIBRATION_OUTCOME = "the decided platform is the cheaper one that meets the "
            + "objective, estimated: the logged platform's outcome as measured, the other's from the direct model";

    private final int resamples;
    private final long seed;

    public OffPolicyEvaluator() {
        this(DEFAULT_RESAMPLES, DEFAULT_SEED);
    }

    public OffPolicyEvaluator(int resamples, long seed) {
        if (resamples < 100) {
            throw new IllegalArgumentException("at least 100 bootstrap resamples are needed, got " + resamples);
        }
        this.resamples = resamples;
        this.seed = seed;
    }

    /**
     * Estimates {@code logged} and each policy, in that order.
     *
     * @param model      the router whose confidence is scored (may be null: no calibration)
     * @param modelVersion its version, for the result
     * @param thresholds the {@code table} baseline's thresholds, for the result (may be null)
     */
    public OffPolicyResult evaluate(List<LoggedOutcome> log, List<Policy> policies, RouterPolicy model,
            String modelVersion, Map<String, Double> thresholds) {
        if (log.isEmpty()) {
            throw new IllegalArgumentException("no logged outcomes to evaluate");
        }
        int attempts = log.size();
        log = LoggedOutcomes.perJob(log);
        int n = log.size();
        boolean byOption = log.stream().anyMatch(o -> o.option() != null);
        // the options the logging router ran, each an action of the direct model
        Map<String, Platform> tried = new LinkedHashMap<>();
        if (byOption) {
            log.forEach(o -> tried.putIfAbsent(o.optionOrSized(), o.platform()));
        }
        List<Map.Entry<String, Platform>> actions = new ArrayList<>(tried.entrySet());
        Map<String, Integer> actionOf = new HashMap<>();
        for (int k = 0; k < actions.size(); k++) {
            actionOf.put(actions.get(k).getKey(), 2 + k);
        }
        int[] taken = new int[n];
        double[] mu = new double[n];
        double[] billed = new double[n];
        double[] met = new double[n];
        for (int i = 0; i < n; i++) {
            LoggedOutcome o = log.get(i);
            taken[i] = byOption ? actionOf.get(o.optionOrSized()) : DirectModel.index(o.platform());
            mu[i] = o.propensity();
            billed[i] = o.billedUsd();
            met[i] = o.sloMet() ? 1 : 0;
        }

        // per policy: what it does on each logged job, and whether the log supports it
        Map<String, Target> targets = new LinkedHashMap<>();
        Map<String, Unsupported> refusals = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        for (Policy p : policies) {
            Target t = byOption ? optionTarget(p, log, actionOf, tried.keySet()) : platformTarget(p, log);
            if (t.refused() != null) {
                refusals.put(p.name(), t.refused());
            } else {
                targets.put(p.name(), t);
                if (t.note() != null) {
                    notes.put(p.name(), t.note());
                }
            }
        }

        DirectModel dm = new DirectModel(log, actions);
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        double[] point = estimates(dm, ones, taken, mu, billed, met, targets.values());
        int k = 2 + targets.size() * 4;
        double[][] boot = new double[k][resamples];
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] counts = new double[n];
        for (int r = 0; r < resamples; r++) {
            Arrays.fill(counts, 0);
            for (int j = 0; j < n; j++) {
                counts[rnd.nextInt(n)]++;
            }
            double[] e = estimates(dm, counts, taken, mu, billed, met, targets.values());
            for (int c = 0; c < k; c++) {
                boot[c][r] = e[c];
            }
        }

        Map<String, OffPolicyResult.PolicyEstimate> out = new LinkedHashMap<>();
        OffPolicyResult.Estimate mean = estimate(point, boot, 0, 1);
        out.put(LOGGED, OffPolicyResult.PolicyEstimate.of("mean", mean, mean));
        int c = 2;
        for (Policy p : policies) {
            Target t = targets.get(p.name());
            if (t != null) {
                OffPolicyResult.Estimate main = estimate(point, boot, c, c + 1);
                if (t.directOnly()) {
                    out.put(p.name(), OffPolicyResult.PolicyEstimate.of("dm", main, null).withNote(t.note()));
                } else {
                    out.put(p.name(), OffPolicyResult.PolicyEstimate.of("dr", main, estimate(point, boot, c + 2, c + 3)));
                }
                c += 4;
            } else {
                Unsupported u = refusals.get(p.name());
                out.put(p.name(), OffPolicyResult.PolicyEstimate.refused(String.format(Locale.ROOT,
                        "not identifiable from this log: on %,d of %,d logged jobs (first: line %d) it would choose "
                                + "a platform the logging router had no chance of choosing (propensity 1 for the "
                                + "other); only a log collected with exploration (ROUTER_EXPLORE_RATE > 0) on such "
                                + "jobs can estimate it", u.jobs(), n, u.firstLine())));
            }
        }

        Calibration calibration = null;
        if (model != null) {
            dm.fit(ones, mu, billed, met);
            calibration = calibrate(log, model, dm, taken, byOption, billed, met);
        }
        return new OffPolicyResult(out, n, attempts, byOption, modelVersion, propensities(log), estimators(),
                thresholds, calibration);
    }

    private record Unsupported(int jobs, int firstLine) {
    }

    /**
     * A policy on the logged jobs. Without options: {@code lambdaShare} is π(Lambda | job). With options:
     * {@code action} is the direct model's action for the option it picks (its platform when the log never
     * ran that option) and {@code hit} whether that is the option logged; {@code directOnly} when IPS has no
     * support for it ({@code note} says why), {@code refused} when nothing can be said.
     */
    private record Target(double[] lambdaShare, int[] action, boolean[] hit, boolean directOnly, String note,
            Unsupported refused) {
    }

    /** A policy on a log without options: the platform-level support rule. */
    private static Target platformTarget(Policy p, List<LoggedOutcome> log) {
        int n = log.size();
        double[] pl = new double[n];
        int unsupported = 0;
        int firstLine = 0;
        for (int i = 0; i < n; i++) {
            LoggedOutcome o = log.get(i);
            pl[i] = p.probability(o.job(), Platform.LAMBDA);
            for (Platform a : Platform.values()) {
                double pi = a == Platform.LAMBDA ? pl[i] : 1 - pl[i];
                if (pi > 0 && o.loggingProbability(a) <= 0) {
                    unsupported++;
                    if (firstLine == 0) {
                        firstLine = o.line();
                    }
                    break;
                }
            }
        }
        return new Target(pl, null, null, false, null, unsupported > 0 ? new Unsupported(unsupported, firstLine) : null);
    }

    /**
     * A (deterministic) policy on a log with options. Refused, as without options, where it would take a
     * platform the logging router had no chance of taking. IPS needs, on every job, a chance that the logging
     * router ran the option the policy picks: the logged option itself, or, where the router explored
     * (propensity below 1), an option the log shows it ran on some job (the log cannot say more of where
     * the rest of the mass went). Where that fails (a policy picking options the logging router never ran,
     * as the sized pair's undeclared Lambda sizes, or a job it did not explore on), the row is the direct
     * method alone, and says so.
     */
    private static Target optionTarget(Policy p, List<LoggedOutcome> log, Map<String, Integer> actionOf,
            Set<String> tried) {
        int n = log.size();
        int[] action = new int[n];
        boolean[] hit = new boolean[n];
        int refused = 0;
        int firstRefused = 0;
        int unsupported = 0;
        int firstUnsupported = 0;
        Set<String> neverTried = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            LoggedOutcome o = log.get(i);
            Platform platform = p.choose(o.job());
            String option = p.option(o.job());
            Integer a = actionOf.get(option);
            action[i] = a != null ? a : DirectModel.index(platform);
            hit[i] = option.equals(o.optionOrSized());
            if (hit[i]) {
                continue;
            }
            if (platform != o.platform() && o.loggingProbability(platform) <= 0) {
                refused++;
                firstRefused = firstRefused == 0 ? o.line() : firstRefused;
            } else if (o.propensity() >= 1 || !tried.contains(option)) {
                unsupported++;
                firstUnsupported = firstUnsupported == 0 ? o.line() : firstUnsupported;
                if (!tried.contains(option)) {
                    neverTried.add(option);
                }
            }
        }
        if (refused > 0) {
            return new Target(null, action, hit, false, null, new Unsupported(refused, firstRefused));
        }
        if (unsupported == 0) {
            return new Target(null, action, hit, false, null, null);
        }
        String never = neverTried.isEmpty() ? "" : "; never logged at all: " + String.join(", ",
                neverTried.stream().limit(6).toList()) + (neverTried.size() > 6 ? " and " + (neverTried.size() - 6)
                + " more" : "");
        String note = String.format(Locale.ROOT, "no IPS support: on %,d of %,d logged jobs (first: line %d) it picks "
                + "an option the logging router had no chance of running there%s; direct method (the option's own "
                + "outcomes where logged, else its platform's), bootstrap interval, no propensity correction",
                unsupported, n, firstUnsupported, never);
        return new Target(null, action, hit, true, note, null);
    }

    /**
     * With these weights per outcome: [logged cost, logged violations], then per target
     * [DR (or DM) cost, DR (or DM) violations, IPS cost, IPS violations]; cost per million jobs, violations as a
     * share; NaN for IPS where the target is estimated by the direct method alone.
     */
    private static double[] estimates(DirectModel dm, double[] weight, int[] taken, double[] mu, double[] billed,
            double[] met, Collection<Target> targets) {
        int n = weight.length;
        dm.fit(weight, mu, billed, met);
        double[] out = new double[2 + targets.size() * 4];
        double total = 0;
        double cost = 0;
        double viol = 0;
        for (int i = 0; i < n; i++) {
            total += weight[i];
            cost += weight[i] * billed[i];
            viol += weight[i] * (1 - met[i]);
        }
        out[0] = cost / total * 1_000_000;
        out[1] = viol / total;
        int c = 2;
        for (Target t : targets) {
            double drCost = 0;
            double drViol = 0;
            double ipsW = 0;
            double ipsCost = 0;
            double ipsViol = 0;
            for (int i = 0; i < n; i++) {
                double w = weight[i];
                if (w == 0) {
                    continue;
                }
                double qCost;
                double qViol;
                double ratio;
                if (t.lambdaShare() != null) {
                    double piLambda = t.lambdaShare()[i];
                    double piTaken = taken[i] == 0 ? piLambda : 1 - piLambda;
                    ratio = piTaken / mu[i];
                    qCost = piLambda * dm.cost(i, 0) + (1 - piLambda) * dm.cost(i, 1);
                    qViol = 1 - (piLambda * dm.met(i, 0) + (1 - piLambda) * dm.met(i, 1));
                } else {
                    ratio = t.hit()[i] ? 1 / mu[i] : 0;
                    qCost = dm.cost(i, t.action()[i]);
                    qViol = 1 - dm.met(i, t.action()[i]);
                }
                if (t.directOnly()) {
                    drCost += w * qCost;
                    drViol += w * qViol;
                    continue;
                }
                drCost += w * (qCost + ratio * (billed[i] - dm.cost(i, taken[i])));
                drViol += w * (qViol + ratio * ((1 - met[i]) - (1 - dm.met(i, taken[i]))));
                ipsW += w * ratio;
                ipsCost += w * ratio * billed[i];
                ipsViol += w * ratio * (1 - met[i]);
            }
            out[c] = drCost / total * 1_000_000;
            out[c + 1] = drViol / total;
            out[c + 2] = ipsW > 0 ? ipsCost / ipsW * 1_000_000 : Double.NaN;
            out[c + 3] = ipsW > 0 ? ipsViol / ipsW : Double.NaN;
            c += 4;
        }
        return out;
    }

    private static OffPolicyResult.Estimate estimate(double[] point, double[][] boot, int costCol, int violCol) {
        return new OffPolicyResult.Estimate(point[costCol], interval(boot[costCol]), point[violCol],
                interval(boot[violCol]));
    }

    /** Percentile interval, 2.5% and 97.5%, of the resamples that gave a value (NaN, NaN when none did). */
    public static List<Double> interval(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return List.of(Double.NaN, Double.NaN);
        }
        return List.of(quantile(v, 0.025), quantile(v, 0.975));
    }

    /** Linear interpolation between order statistics (type 7). */
    private static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * The model's confidence against whether its choice was the cheaper platform that meets the
     * objective. The logged platform's cost and objective are measured; the other's come from the
     * direct model (its mean cost, its probability of meeting the objective), so the outcome is a
     * probability, not a 0/1: an estimate, and labelled so.
     */
    private static Calibration calibrate(List<LoggedOutcome> log, RouterPolicy model, DirectModel dm, int[] taken,
            boolean byOption, double[] billed, double[] met) {
        int n = log.size();
        double[] confidence = new double[n];
        double[] right = new double[n];
        for (int i = 0; i < n; i++) {
            RoutingDecision d = model.decide(log.get(i).job());
            confidence[i] = d.confidence();
            int chosen = DirectModel.index(d.platform());
            int other = 1 - chosen;
            double chosenMet;
            double chosenCost;
            double otherMet;
            double otherCost;
            // scored at the platform level: the logged outcome stands for its platform
            int loggedPlatform = byOption ? DirectModel.index(log.get(i).platform()) : taken[i];
            if (chosen == loggedPlatform) {
                chosenMet = met[i];
                chosenCost = billed[i];
                otherMet = dm.met(i, other);
                otherCost = dm.cost(i, other);
            } else {
                chosenMet = dm.met(i, chosen);
                chosenCost = dm.cost(i, chosen);
                otherMet = met[i];
                otherCost = billed[i];
            }
            // right when the choice meets the objective and the other does not, or does at a higher cost
            right[i] = chosenMet * ((1 - otherMet) + otherMet * (chosenCost <= otherCost ? 1 : 0));
        }
        return Calibration.of(CALIBRATION_OUTCOME, confidence, right);
    }

    private static OffPolicyResult.Propensities propensities(List<LoggedOutcome> log) {
        int logged = 0;
        int below = 0;
        double min = 1;
        for (LoggedOutcome o : log) {
            logged += o.propensityLogged() ? 1 : 0;
            below += o.propensity() < 1 ? 1 : 0;
            min = Math.min(min, o.propensity());
        }
        return new OffPolicyResult.Propensities(logged, log.size() - logged, below, min);
    }

    private Map<String, Object> estimators() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dr", "doubly robust: direct model under the policy plus propensity-weighted residuals of the logged "
                + "outcomes (the headline figures)");
        m.put("ips", "self-normalised inverse propensity scoring");
        m.put("mean", "the logged policy: the plain mean of what was logged");
        m.put("direct_model", "per platform, inverse-propensity-weighted mean cost and share meeting the objective "
                + "(and per option, in a log with options) per (workload type, Lambda limit binds, run time stated, decile of stated run time or payload), "
                + "coarser cells below " + DirectModel.MIN_CELL + " outcomes; cross-fitted over two folds");
        Map<String, Object> bootstrap = new LinkedHashMap<>();
        bootstrap.put("resamples", resamples);
        bootstrap.put("seed", seed);
        bootstrap.put("interval", "percentile, 2.5% to 97.5%; jobs resampled, the direct model refitted each time");
        m.put("bootstrap", bootstrap);
        m.put("support", "a policy is refused when it would choose, on some logged job, a platform the logging "
                + "router had no chance of choosing there; with options, a policy that picks an option the logging "
                + "router had no chance of running on some job is estimated by the direct method alone (dm)");
        m.put("dm", "direct method: the direct model under the policy, no propensity correction; for an option the "
                + "log never ran, its platform's cells (the mix of options logged there), a biased guess");
        m.put("attempts", "the attempts of a job interrupted by Fargate Spot are one outcome: billed for every "
                + "attempt, meeting the objective as the last did, at the first attempt's option and propensity");
        return m;
    }

    /** The names estimated, {@code logged} first. */
    public static List<String> names(List<Policy> policies) {
        List<String> names = new ArrayList<>();
        names.add(LOGGED);
        policies.forEach(p -> names.add(p.name()));
        return names;
    }
}
