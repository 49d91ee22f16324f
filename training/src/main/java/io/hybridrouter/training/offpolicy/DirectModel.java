package io.hybridrouter.training.offpolicy;

import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.WorkloadType;
import java.util.Arrays;
import java.util.List;

/**
 * The direct model of the doubly robust estimator: per platform, the expected cost and the probability
 * of meeting the objective of a job, as the mean of the logged outcomes in the job's cell. A cell is
 * (platform, workload type, whether a Lambda limit binds, whether the job states its run time, size
 * decile within that group: the stated run time when there is one, else the payload), falling back to
 * the group without the decile and then to the platform when a cell holds fewer than {@value #MIN_CELL}
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

    private final int n;
    private final int[] fineKey;
    private final int[] midKey;
    private final double[][] count;
    private final double[][] sumW;
    private final double[][] sumCost;
    private final double[][] sumMet;
    private final double[][] cost;
    private final double[][] met;

    DirectModel(List<LoggedOutcome> log) {
        n = log.size();
        double[][] edges = edges(log);
        fineKey = new int[n];
        midKey = new int[n];
        for (int i = 0; i < n; i++) {
            Job job = log.get(i).job();
            int group = group(job);
            int bin = Math.abs(Arrays.binarySearch(edges[group], size(job)) + 1);
            bin = Math.min(BINS - 1, bin);
            midKey[i] = group;
            fineKey[i] = group * BINS + bin;
        }
        int slots = PLATFORMS * (GROUPS * BINS + GROUPS + 1);
        count = new double[FOLDS][slots];
        sumW = new double[FOLDS][slots];
        sumCost = new double[FOLDS][slots];
        sumMet = new double[FOLDS][slots];
        cost = new double[n][PLATFORMS];
        met = new double[n][PLATFORMS];
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

    private static int fineSlot(int platform, int fine) {
        return platform * GROUPS * BINS + fine;
    }

    private static int midSlot(int platform, int mid) {
        return PLATFORMS * GROUPS * BINS + platform * GROUPS + mid;
    }

    private static int platformSlot(int platform) {
        return PLATFORMS * (GROUPS * BINS + GROUPS) + platform;
    }

    /**
     * Refits on the outcomes with these weights (1 each, or bootstrap counts).
     *
     * @param platform   index of the logged platform per outcome (0 Lambda, 1 ECS)
     * @param propensity the logged propensity per outcome
     */
    void fit(double[] weight, int[] platform, double[] propensity, double[] billed, double[] sloMet) {
        for (int f = 0; f < FOLDS; f++) {
            Arrays.fill(count[f], 0);
            Arrays.fill(sumW[f], 0);
            Arrays.fill(sumCost[f], 0);
            Arrays.fill(sumMet[f], 0);
        }
        double allW = 0;
        double allCost = 0;
        double allMet = 0;
        for (int i = 0; i < n; i++) {
            if (weight[i] == 0) {
                continue;
            }
            // weighted by the inverse propensity, so that a cell's mean is its jobs' mean, not that of the
            // jobs the logging router preferred to send there
            double w = weight[i] / propensity[i];
            int a = platform[i];
            int f = i % FOLDS;
            for (int slot : new int[] {fineSlot(a, fineKey[i]), midSlot(a, midKey[i]), platformSlot(a)}) {
                count[f][slot] += weight[i];
                sumW[f][slot] += w;
                sumCost[f][slot] += w * billed[i];
                sumMet[f][slot] += w * sloMet[i];
            }
            allW += w;
            allCost += w * billed[i];
            allMet += w * sloMet[i];
        }
        for (int i = 0; i < n; i++) {
            // cross-fitting: a job is predicted from the other fold, never from its own outcome
            int f = (i + 1) % FOLDS;
            for (int a = 0; a < PLATFORMS; a++) {
                int slot = fineSlot(a, fineKey[i]);
                if (count[f][slot] < MIN_CELL) {
                    slot = midSlot(a, midKey[i]);
                }
                if (count[f][slot] < MIN_CELL) {
                    slot = platformSlot(a);
                }
                if (sumW[f][slot] > 0) {
                    cost[i][a] = sumCost[f][slot] / sumW[f][slot];
                    met[i][a] = sumMet[f][slot] / sumW[f][slot];
                } else {
                    // the platform was never logged: any value works, the weights of a supported policy are 0 there
                    cost[i][a] = allCost / allW;
                    met[i][a] = allMet / allW;
                }
            }
        }
    }

    /** The fitted expected cost of outcome {@code i}'s job on platform index {@code a}. */
    double cost(int i, int a) {
        return cost[i][a];
    }

    /** The fitted probability that outcome {@code i}'s job meets its objective on platform index {@code a}. */
    double met(int i, int a) {
        return met[i][a];
    }

    static int index(Platform p) {
        return p == Platform.LAMBDA ? 0 : 1;
    }
}
