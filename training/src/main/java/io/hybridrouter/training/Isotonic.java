package io.hybridrouter.training;

import io.hybridrouter.classifier.Calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Isotonic regression by pool-adjacent-violators: a non-decreasing step function of a margin fitted
 * to 0/1 outcomes. Each block's value is its share of ones with Laplace's rule ((ones + 1) / (count + 2)),
 * and blocks are pooled until those values increase, so a block of a few jobs (the lowest margins
 * often hold one or two) never claims a probability of exactly 0 or 1. Tribuo 4.3 has no isotonic trainer
 * in the artefacts this project uses, and the algorithm is twenty lines. Stateless and thread-safe.
 */
final class Isotonic {

    private Isotonic() {
    }

    /** Fits {@code y} (0 or 1) on {@code x}; {@code prior} when there is nothing to fit on. */
    static Calibration.Step fit(double[] x, double[] y, double prior) {
        int n = x.length;
        if (n == 0) {
            return Calibration.Step.constant(prior);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> x[i]));
        List<double[]> blocks = new ArrayList<>(); // {start x, sum y, count}
        for (int idx : order) {
            blocks.add(new double[] {x[idx], y[idx], 1});
            while (blocks.size() > 1) {
                double[] last = blocks.get(blocks.size() - 1);
                double[] prev = blocks.get(blocks.size() - 2);
                boolean sameX = last[0] == prev[0];
                if (sameX || laplace(prev) >= laplace(last)) {
                    prev[1] += last[1];
                    prev[2] += last[2];
                    blocks.remove(blocks.size() - 1);
                } else {
                    break;
                }
            }
        }
        double[] xs = new double[blocks.size()];
        double[] ys = new double[blocks.size()];
        for (int i = 0; i < blocks.size(); i++) {
            xs[i] = blocks.get(i)[0];
            ys[i] = laplace(blocks.get(i));
        }
        return new Calibration.Step(xs, ys, n);
    }

    private static double laplace(double[] block) {
        return (block[1] + 1) / (block[2] + 2);
    }
}
