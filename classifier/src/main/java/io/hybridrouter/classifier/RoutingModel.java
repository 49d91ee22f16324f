package io.hybridrouter.classifier;

import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.RoutingDecision.Estimate;
import io.hybridrouter.shared.cost.AwsPricing;
import io.hybridrouter.shared.cost.FargateSize;
import io.hybridrouter.shared.cost.Prices;
import io.hybridrouter.shared.cost.Sizing;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The trained predictors (per platform: the job's work and start-up latency, as distributions), the
 * calibration of the router's confidence, and the model's metadata: everything a decision needs
 * except the prices, which come from the price table in force. Immutable and thread-safe.
 */
public final class RoutingModel {

    private static final double LAMBDA_TIMEOUT_MS = AwsPricing.LAMBDA_TIMEOUT_S * 1000.0;
    private static final double FARGATE_BILLED_SHARE = (Sizing.FARGATE_BILLED_STARTUP_SHARE_MIN
            + Sizing.FARGATE_BILLED_STARTUP_SHARE_MAX) / 2;

    /** Indices of the 10 %, 30 %, 50 %, 70 % and 90 % start-up quantiles. */
    private static final int[] START_POINTS = {1, 5, 9, 13, 17};

    private final Map<Platform, PlatformPredictor> predictors;
    private final Calibration calibration;
    private final ModelMetadata metadata;
    private final FeatureExtractor features = new FeatureExtractor();

    public RoutingModel(Map<Platform, PlatformPredictor> predictors, Calibration calibration, ModelMetadata metadata) {
        this.predictors = new EnumMap<>(predictors);
        for (Platform p : Platform.values()) {
            if (!this.predictors.containsKey(p)) {
                throw new IllegalArgumentException("a routing model needs predictors for " + p);
            }
        }
        this.calibration = Objects.requireNonNull(calibration, "calibration");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public String version() {
        return metadata.modelVersion();
    }

    public PlatformPredictor predictor(Platform platform) {
        return predictors.get(platform);
    }

    public Map<Platform, PlatformPredictor> predictors() {
        return Map.copyOf(predictors);
    }

    public Calibration calibration() {
        return calibration;
    }

    /** The same predictors and calibration with other metadata. */
    public RoutingModel withMetadata(ModelMetadata m) {
        return new RoutingModel(predictors, calibration, m);
    }

    /** The feature values all predictors read for a job. */
    public double[] example(Job job) {
        return features.values(job);
    }

    /**
     * A job's estimate on ECS Fargate: expected cost of its task (per second, the minimum, from the image
     * pull), its latency quantiles and P(latency ≤ objective).
     */
    public Estimate ecs(Job job, double[] example, Prices prices) {
        return ecs(job, example, prices, Sizing.sloMs(job));
    }

    /** The same, against another objective. */
    public Estimate ecs(Job job, double[] example, Prices prices, double sloMs) {
        PlatformPredictor p = predictors.get(Platform.ECS);
        double[] work = p.durationQuantilesMs(example);
        double[] start = p.startupQuantilesMs(example);
        FargateSize size = Sizing.fargateSize(job);
        double meanStartS = mean(start) / 1000;
        double cost = 0;
        for (double w : work) {
            cost += prices.fargateCostUsd(size.vcpu(), size.memoryMb(),
                    prices.fargateBilledSeconds(FARGATE_BILLED_SHARE * meanStartS + w / 1000));
        }
        return estimate(cost / work.length, work, start, sloMs, Double.POSITIVE_INFINITY);
    }

    /**
     * A job's estimate on Lambda: expected cost of the invocation (its duration, cut at the timeout)
     * plus, for the share of runs predicted to time out, the run on ECS that follows; latency quantiles
     * and P(latency ≤ objective), a run that would time out counting as a miss.
     */
    public Estimate lambda(Job job, double[] example, Prices prices, double ecsCostUsd) {
        return lambda(job, example, prices, ecsCostUsd, Sizing.sloMs(job));
    }

    /** The same, against another objective. */
    public Estimate lambda(Job job, double[] example, Prices prices, double ecsCostUsd, double sloMs) {
        PlatformPredictor p = predictors.get(Platform.LAMBDA);
        double[] work = p.durationQuantilesMs(example);
        double[] start = p.startupQuantilesMs(example);
        int memoryMb = Sizing.lambdaConfiguredMemoryMb(job);
        double cost = 0;
        for (double w : work) {
            cost += prices.lambdaCostUsd(memoryMb, Math.ceil(Math.min(w, LAMBDA_TIMEOUT_MS)));
        }
        cost /= work.length;
        double timeoutShare = 1 - Residuals.cdf(work, LAMBDA_TIMEOUT_MS);
        if (timeoutShare > 0) {
            cost += timeoutShare * ecsCostUsd;
        }
        return estimate(cost, work, start, sloMs, LAMBDA_TIMEOUT_MS);
    }

    private static Estimate estimate(double cost, double[] work, double[] start, double sloMs, double workLimitMs) {
        // P(start + work <= slo), start taken as uniform over its quantiles; work beyond the limit fails
        double p = 0;
        for (double s : start) {
            double budget = Math.min(sloMs - s, workLimitMs);
            p += budget <= 0 ? 0 : Residuals.cdf(work, budget);
        }
        p /= start.length;
        // latency quantiles from work × five start-up quantiles (10 %, 30 %, ..., 90 %): close enough
        // for a report, and a fifth of the sorting of the full grid
        double[] sums = new double[work.length * START_POINTS.length];
        int k = 0;
        for (double w : work) {
            for (int j : START_POINTS) {
                sums[k++] = w + start[j];
            }
        }
        Arrays.sort(sums);
        return new Estimate(cost, sums[(int) Math.ceil(0.50 * sums.length) - 1],
                sums[(int) Math.ceil(0.95 * sums.length) - 1], Math.min(1, Math.max(0, p)));
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }
}
