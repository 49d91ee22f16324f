package io.hybridrouter.dispatch.runner;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.dispatch.WorkloadRunner;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Json;
import java.util.SplittableRandom;

/**
 * {@code ml_inference}: a two-layer perceptron (128 → 64 → 4, ReLU, softmax) over the job's inputs,
 * one forward pass per 4 KB of payload (up to 2,000 passes).
 */
public final class InferenceRunner implements WorkloadRunner {

    private static final int IN = 128;
    private static final int HIDDEN = 64;
    private static final int OUT = 4;

    @Override
    public String workloadType() {
        return "ml_inference";
    }

    @Override
    public JsonNode run(Job job) {
        int passes = Work.units(job, 0.25, 1, 2_000);
        SplittableRandom weights = new SplittableRandom(20261126);
        double[][] w1 = matrix(weights, HIDDEN, IN);
        double[][] w2 = matrix(weights, OUT, HIDDEN);
        SplittableRandom inputs = Work.random(job);
        int[] votes = new int[OUT];
        double[] x = new double[IN];
        double[] h = new double[HIDDEN];
        double[] y = new double[OUT];
        for (int p = 0; p < passes; p++) {
            for (int i = 0; i < IN; i++) {
                x[i] = inputs.nextDouble() * 2 - 1;
            }
            for (int j = 0; j < HIDDEN; j++) {
                double s = 0;
                for (int i = 0; i < IN; i++) {
                    s += w1[j][i] * x[i];
                }
                h[j] = Math.max(0, s);
            }
            int best = 0;
            for (int k = 0; k < OUT; k++) {
                double s = 0;
                for (int j = 0; j < HIDDEN; j++) {
                    s += w2[k][j] * h[j];
                }
                y[k] = s;
                if (y[k] > y[best]) {
                    best = k;
                }
            }
            votes[best]++;
        }
        int label = 0;
        for (int k = 1; k < OUT; k++) {
            if (votes[k] > votes[label]) {
                label = k;
            }
        }
        return Json.object().put("passes", passes).put("label", "class-" + label)
                .put("score", votes[label] / (double) passes);
    }

    private static double[][] matrix(SplittableRandom r, int rows, int cols) {
        double[][] m = new double[rows][cols];
        double scale = Math.sqrt(2.0 / cols);
        for (double[] row : m) {
            for (int i = 0; i < cols; i++) {
                row[i] = (r.nextDouble() * 2 - 1) * scale;
            }
        }
        return m;
    }
}
