package io.hybridrouter.classifier;

import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.RoutingDecision.Estimate;
import io.hybridrouter.shared.config.DecisionConfig;
import io.hybridrouter.shared.cost.AwsPricing;
import io.hybridrouter.shared.cost.FargateSize;
import io.hybridrouter.shared.cost.Prices;
import io.hybridrouter.shared.cost.Sizing;
import io.hybridrouter.shared.option.Arch;
import io.hybridrouter.shared.option.RunOption;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The trained predictors (per platform: the job's work and start-up latency, as distributions), the
 * calibration of the router's confidence, and the model's metadata: everything a decision needs
 * except the prices, which come from the price table in force. The duration predictors predict the
 * work on one x86_64 vCPU; the metadata's {@link OptionScaling} turns it into run time on any option.
 * Immutable and thread-safe.
 */
public final class RoutingModel {

    static final double LAMBDA_TIMEOUT_MS = AwsPricing.LAMBDA_TIMEOUT_S * 1000.0;
    static final double FARGATE_BILLED_SHARE = (Sizing.FARGATE_BILLED_STARTUP_SHARE_MIN
            + Sizing.FARGATE_BILLED_STARTUP_SHARE_MAX) / 2;

    /** Indices of the 10 %, 30 %, 50 %, 70 % and 90 % start-up quantiles. */
    private static final int[] START_POINTS = {1, 5, 9, 13, 17};

    private final Map<Platform, PlatformPredictor> predictors;
    private final Calibration calibration;
    private final ModelMetadata metadata;
    private final FeatureExtractor features = new FeatureExtractor();
    private final OptionScaling scaling;
    private final OptionScaling.Table table;

    public RoutingModel(Map<Platform, PlatformPredictor> predictors, Calibration calibration, ModelMetadata metadata) {
        this.predictors = new EnumMap<>(predictors);
        for (Platform p : Platform.values()) {
            if (!this.predictors.containsKey(p)) {
                throw new IllegalArgumentException("a routing model needs predictors for " + p);
            }
        }
        this.calibration = Objects.requireNonNull(calibration, "calibration");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        // a model built in code without option scaling decides with neutral values (files without it are
        // refused on load, see ModelArtefacts)
        this.scaling = metadata.options() != null ? metadata.options()
                : OptionScaling.neutral(DecisionConfig.DEFAULT_SPOT_INTERRUPTIONS_PER_HOUR);
        this.table = scaling.table();
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

    /** What the model learned across options (neutral values when its metadata has none, see {@link OptionScaling}). */
    public OptionScaling scaling() {
        return scaling;
    }

    OptionScaling.Table scalingTable() {
        return table;
    }

    /**
     * The job's run time on {@code option} over its run time on one x86_64 vCPU (what the duration
     * predictors predict): Amdahl's law at the option's vCPUs with the type's learned serial share, times
     * the type's arm64 factor on arm64.
     */
    public double scale(Job job, RunOption option) {
        return table.scale(job.workload(), option.arch(), option.vcpu());
    }

    /** The same for a run on {@code arch} with {@code vcpu} vCPUs. */
    public double scale(Job job, Arch arch, double vcpu) {
        return table.scale(job.workload(), arch, vcpu);
    }

    /** ln of the predicted median work in ms on {@code platform} at {@code arch} and {@code vcpu}. */
    public double durationPointAt(Platform platform, Job job, double[] example, Arch arch, double vcpu) {
        return predictors.get(platform).durationPoint(example) + Math.log(scale(job, arch, vcpu));
    }

    /** The job's work quantiles in ms on {@code option}, ascending. */
    public double[] durationQuantilesMs(Job job, double[] example, RunOption option) {
        return durationQuantilesMs(option.platform(), job, example, option.arch(), option.vcpu());
    }

    /** The job's work quantiles in ms on {@code platform} at {@code arch} and {@code vcpu}, ascending. */
    public double[] durationQuantilesMs(Platform platform, Job job, double[] example, Arch arch, double vcpu) {
        double[] q = predictors.get(platform).durationQuantilesMs(example);
        double k = scale(job, arch, vcpu);
        for (int i = 0; i < q.length; i++) {
            q[i] *= k;
        }
        return q;
    }

    /** The peak memory the router provisions for: the type's learned need share of the job's sizing memory. */
    public double memoryNeedMb(Job job) {
        return table.memoryShare()[job.workload().ordinal()] * Sizing.lambdaMemoryMb(job);
    }

    /**
     * A job's estimate on ECS Fargate at its sized task (on-demand x86_64): expected cost of its task (per
     * second, the minimum, from the image pull), its latency quantiles and P(latency ≤ objective).
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
        double k = scale(job, Arch.X86_64, size.vcpu());
        double billed = ecsMeanBilledS(work, k, mean(start) / 1000, prices);
        double cost = prices.fargateCostUsd(size.vcpu(), size.memoryMb(), billed);
        return estimate(cost, work, start, k, sloMs, pWithin(work, start, k, sloMs, Double.POSITIVE_INFINITY));
    }

    /**
     * A job's estimate on Lambda at its sized memory (x86_64): expected cost of the invocation (its
     * duration, cut at the timeout) plus, for the share of runs predicted to time out, the run on ECS that
     * follows; latency quantiles and P(latency ≤ objective), a run that would time out counting as a miss.
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
        double k = scale(job, Arch.X86_64, RunOption.lambdaVcpu(memoryMb));
        double cost = prices.lambdaCostUsd(memoryMb, lambdaMeanBilledMs(work, k));
        double timeoutShare = 1 - Residuals.cdf(work, LAMBDA_TIMEOUT_MS / k);
        if (timeoutShare > 0) {
            cost += timeoutShare * ecsCostUsd;
        }
        return estimate(cost, work, start, k, sloMs, pWithin(work, start, k, sloMs, LAMBDA_TIMEOUT_MS));
    }

    /**
     * P(start + k × work ≤ budget), start-up taken as uniform over its quantiles, work as given by its
     * quantiles on one x86_64 vCPU; a run whose work at this scale exceeds {@code limitMs} fails.
     */
    static double pWithin(double[] work, double[] start, double k, double budgetMs, double limitMs) {
        double p = 0;
        for (double s : start) {
            double b = Math.min(budgetMs - s, limitMs);
            p += b <= 0 ? 0 : Residuals.cdf(work, b / k);
        }
        return Math.min(1, Math.max(0, p / start.length));
    }

    /** The mean billed ms of a Lambda invocation whose work is {@code k ×} these quantiles, cut at the timeout. */
    static double lambdaMeanBilledMs(double[] work, double k) {
        double billed = 0;
        for (double w : work) {
            billed += Math.ceil(Math.min(w * k, LAMBDA_TIMEOUT_MS));
        }
        return billed / work.length;
    }

    /** The mean billed seconds of a Fargate task whose work is {@code k ×} these quantiles. */
    static double ecsMeanBilledS(double[] work, double k, double meanStartS, Prices prices) {
        double billed = 0;
        double unbilled = FARGATE_BILLED_SHARE * meanStartS;
        for (double w : work) {
            billed += prices.fargateBilledSeconds(unbilled + w * k / 1000);
        }
        return billed / work.length;
    }

    /** An estimate with latency quantiles from {@code k ×} work plus start-up. */
    static Estimate estimate(double cost, double[] work, double[] start, double k, double sloMs, double p) {
        // latency quantiles from work × five start-up quantiles (10 %, 30 %, ..., 90 %): close enough
        // for a report, and a fifth of the sorting of the full grid
        double[] sums = new double[work.length * START_POINTS.length];
        int n = 0;
        for (double w : work) {
            for (int j : START_POINTS) {
                sums[n++] = w * k + start[j];
            }
        }
        Arrays.sort(sums);
        return new Estimate(cost, sums[(int) Math.ceil(0.50 * sums.length) - 1],
                sums[(int) Math.ceil(0.95 * sums.length) - 1], p);
    }

    static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }
}
