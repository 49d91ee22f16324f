package io.hybridrouter.training.offpolicy;

import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.WorkloadType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The direct model of the doubly robust estimator: per platform (and, for a log with options, per option),
 * the expected cost and the probability of meeting the objective of a job, as the mean of the logged
 * outcomes in the job's cell. An option the log never ran is predicted from its platform's cells: the
 * mix of options the logging router ran there, a biased guess that is reported as such (the direct
 * method, without the propensity-weighted correction, is all that can be said of it). A cell is
 * (action, workload type, whether a Lambda limit binds, whether the job states its run time, size
 * decile within that group: the stated run time when there is one, else the payload), falling back to
 * the group without the decile and then to the action when a cell holds fewer than {@value #MIN_CELL}
 * outcomes.
 *
 * <p>Why cells and not a fitted regression: cost and run time grow with the payload or the stated run
 * time, differently per type, and jump where a limit binds; a decile step function per group follows
 * that without assuming a shape, and is cheap enough to refit on each of a thousand bootstrap resamples.
 * Its remaining error costs variance, not bias: the estimator corrects it with the propensity-weighted
 * residuals of the outcomes actually logged. Two choices keep it from adding bias: outcomes are weighted
 * by their inverse propensity (so a cell's mean is that of its jobs, not of the jobs the logging router
 * preferred to send to that platform), and the fit is cross-fitted over two folds (a job's prediction
 * never uses its own outcome, which would cancel its residual). Decile edges are computed once from all
 * logged jobs (they use no outcome). Not thread-safe: {@link #fit} overwrites the estimates.
 */
final class DirectModel {

    static final int MIN_CELL = 5;
    private static final int FOLDS = 2;
    private static final int BINS = 10;
    private static final int TYPES = WorkloadType.values().length;
    private static final int GROUPS = TYPES * 2 * 2;
    private static final int PLATFORMS = 2;
    private static final int SLOTS_PER_ACTION = GROUPS * BINS + GROUPS + 1;

    private final int n;
    private final int[] fineKey;
    private final int[] midKey;
    /** Per outcome: its platform's action (0 Lambda, 1 ECS) and its option's action (-1: not by option). */
    private final int[] platformAction;
    private final int[] optionAction;
    /** Per action: the platform action it falls back to when it holds no outcome (itself for a platform). */
    private final int[] parent;
    private final double[][] count;
    private final double[][] sumW;
    private final double[][] sumCost;
    private final double[][] sumMet;
    private double allCost;
    private double allMet;

    /** A model per platform only (a log without options). */
    DirectModel(List<LoggedOutcome> log) {
        this(log, List.of());
    }

    /**
     * A model per platform and per option of {@code options} (id and platform; action {@code 2 + k} is option
     * {@code k}); an
     * outcome counts for its platform and, when its option ({@link LoggedOutcome#optionOrSized}) is listed, for
     * its option. An option with no outcome (in the fold) is predicted by its platform's cells.
     */
    DirectModel(List<LoggedOutcome> log, List<Map.Entry<String, Platform>> options) {
        n = log.size();
        double[][] edges = edges(log);
        fineKey = new int[n];
        midKey = new int[n];
        platformAction = new int[n];
        optionAction = new int[n];
        Map<String, Integer> optionIndex = new HashMap<>();
        parent = new int[PLATFORMS + options.size()];
        parent[0] = 0;
        parent[1] = 1;
        for (int k = 0; k < options.size(); k++) {
            optionIndex.put(options.get(k).getKey(), PLATFORMS + k);
            parent[PLATFORMS + k] = index(options.get(k).getValue());
        }
        for (int i = 0; i < n; i++) {
            LoggedOutcome o = log.get(i);
            Job job = o.job();
            int group = group(job);
            int bin = Math.abs(Arrays.binarySearch(edges[group], size(job)) + 1);
            bin = Math.min(BINS - 1, bin);
            midKey[i] = group;
            fineKey[i] = group * BINS + bin;
            platformAction[i] = index(o.platform());
            optionAction[i] = options.isEmpty() ? -1 : optionIndex.getOrDefault(o.optionOrSized(), -1);
        }
        int slots = parent.length * SLOTS_PER_ACTION;
        count = new double[FOLDS][slots];
        sumW = new double[FOLDS][slots];
        sumCost = new double[FOLDS][slots];
        sumMet = new double[FOLDS][slots];
    }

    /** How many actions: the two platforms, then the options. */
    int actions() {
        return parent.length;
    }

    /** The coarse group of a job: its type, whether a Lambda limit binds, whether it states its run time. */
    private static int group(Job job) {
        int limit = JobRouter.limit(job).isPresent() ? 1 : 0;
        int hinted = job.expectedDurationS() != null ? 1 : 0;
        return (job.workload().ordinal() * 2 + limit) * 2 + hinted;
    }

    /** What orders jobs by size within a group: the stated run time when there is one, else the payload. */
    private static double size(Job job) {
        return job.expectedDurationS() != null ? job.expectedDurationS() : job.payloadSizeKb();
    }

    /** Per group, the size deciles' inner edges. */
    private static double[][] edges(List<LoggedOutcome> log) {
        double[][] byGroup = new double[GROUPS][];
        for (int g = 0; g < GROUPS; g++) {
            final int group = g;
            double[] sizes = log.stream().filter(o -> group(o.job()) == group).mapToDouble(o -> size(o.job()))
                    .sorted().toArray();
            double[] e = new double[BINS - 1];
            for (int b = 1; b < BINS; b++) {
                e[b - 1] = sizes.length == 0 ? 0 : sizes[Math.min(sizes.length - 1, b * sizes.length / BINS)];
            }
            byGroup[g] = e;
        }
        return byGroup;
    }

    private static int fineSlot(int action, int fine) {
        return action * SLOTS_PER_ACTION + fine;
    }

    private static int midSlot(int action, int mid) {
        return action * SLOTS_PER_ACTION + GROUPS * BINS + mid;
    }

    private static int actionSlot(int action) {
        return action * SLOTS_PER_ACTION + GROUPS * BINS + GROUPS;
    }

    /**
     * Refits on the outcomes with these weights (1 each, or bootstrap counts).
     *
     * @param propensity the logged propensity per outcome
     */
    void fit(double[] weight, double[] propensity, double[] billed, double[] sloMet) {
        for (int f = 0; f < FOLDS; f++) {
            Arrays.fill(count[f], 0);
            Arrays.fill(sumW[f], 0);
            Arrays.fill(sumCost[f], 0);
            Arrays.fill(sumMet[f], 0);
        }
        double allW = 0;
        double cost = 0;
        double met = 0;
        for (int i = 0; i < n; i++) {
            if (weight[i] == 0) {
                continue;
            }
            // weighted by the inverse propensity, so that a cell's mean is its jobs' mean, not that of the
            // jobs the logging router preferred to send there
            double w = weight[i] / propensity[i];
            int f = i % FOLDS;
            add(f, platformAction[i], i, weight[i], w, billed[i], sloMet[i]);
            if (optionAction[i] >= 0) {
                add(f, optionAction[i], i, weight[i], w, billed[i], sloMet[i]);
            }
            allW += w;
            cost += w * billed[i];
            met += w * sloMet[i];
        }
        allCost = allW > 0 ? cost / allW : 0;
        allMet = allW > 0 ? met / allW : 0;
    }

    private void add(int f, int a, int i, double weight, double w, double billed, double met) {
        for (int slot : new int[] {fineSlot(a, fineKey[i]), midSlot(a, midKey[i]), actionSlot(a)}) {
            count[f][slot] += weight;
            sumW[f][slot] += w;
            sumCost[f][slot] += w * billed;
            sumMet[f][slot] += w * met;
        }
    }

    /**
     * The slot outcome {@code i}'s job is predicted from on action {@code a}, or -1 when neither the action nor
     * its platform holds an outcome. Cross-fitting: a job is predicted from the other fold, never from its own
     * outcome.
     */
    private int slot(int i, int a) {
        int f = (i + 1) % FOLDS;
        if (sumW[f][actionSlot(a)] <= 0) {
            if (parent[a] == a) {
                return -1;
            }
            a = parent[a];
            if (sumW[f][actionSlot(a)] <= 0) {
                return -1;
            }
        }
        int slot = fineSlot(a, fineKey[i]);
        if (count[f][slot] < MIN_CELL) {
            slot = midSlot(a, midKey[i]);
        }
        if (count[f][slot] < MIN_CELL) {
            slot = actionSlot(a);
        }
        return slot;
    }

    /** The fitted expected cost of outcome {@code i}'s job on action {@code a}. */
    double cost(int i, int a) {
        int slot = slot(i, a);
        // an action never logged: any value works, the weights of a supported policy are 0 there
        return slot < 0 ? allCost : sumCost[(i + 1) % FOLDS][slot] / sumW[(i + 1) % FOLDS][slot];
    }

    /** The fitted probability that outcome {@code i}'s job meets its objective on action {@code a}. */
    double met(int i, int a) {
        int slot = slot(i, a);
        return slot < 0 ? allMet : sumMet[(i + 1) % FOLDS][slot] / sumW[(i + 1) % FOLDS][slot];
    }

    static int index(Platform p) {
        return p == Platform.LAMBDA ? 0 : 1;
    }
}
