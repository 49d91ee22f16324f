package io.hybridrouter.classifier;

import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.regression.Regressor;

import java.util.Objects;

/**
 * What one platform does with a job, as distributions: a regression tree for the job's own work
 * (natural log of its duration in ms on this platform) and one for its start-up latency (ms from
 * dispatch to the work starting: a Lambda cold start, a Fargate task start-up), each with the spread
 * of its errors ({@link Residuals}). The Tribuo models are kept for saving; predictions read them laid
 * out in arrays ({@link FlatTree}). Immutable and thread-safe.
 */
public final class PlatformPredictor {

    private final Model<Regressor> duration;
    private final Residuals durationResiduals;
    private final Model<Regressor> startup;
    private final Residuals startupResiduals;
    private final FlatTree durationTree;
    private final FlatTree startupTree;
    private final DurationBase durationBase;

    /** A predictor whose work tree predicts ln(work in ms) outright ({@link DurationBase#NONE}). */
    public PlatformPredictor(Model<Regressor> duration, Residuals durationResiduals, Model<Regressor> startup,
            Residuals startupResiduals) {
        this(duration, durationResiduals, startup, startupResiduals, DurationBase.NONE);
    }

    /**
     * A predictor whose work tree predicts relative to {@code durationBase}; its residuals are keyed by the
     * tree's own output (the leaf), the base added after.
     */
    public PlatformPredictor(Model<Regressor> duration, Residuals durationResiduals, Model<Regressor> startup,
            Residuals startupResiduals, DurationBase durationBase) {
        this.durationBase = Objects.requireNonNull(durationBase, "durationBase");
        this.duration = Objects.requireNonNull(duration, "duration");
        this.durationResiduals = Objects.requireNonNull(durationResiduals, "durationResiduals");
        this.startup = Objects.requireNonNull(startup, "startup");
        this.startupResiduals = Objects.requireNonNull(startupResiduals, "startupResiduals");
        this.durationTree = FlatTree.of(duration);
        this.startupTree = FlatTree.of(startup);
    }

    public Model<Regressor> duration() {
        return duration;
    }

    public Residuals durationResiduals() {
        return durationResiduals;
    }

    public Model<Regressor> startup() {
        return startup;
    }

    public Residuals startupResiduals() {
        return startupResiduals;
    }

    /** What the work tree's prediction is relative to. */
    public DurationBase durationBase() {
        return durationBase;
    }

    /**
     * The work prediction, ln(ms): the tree's output plus its {@link DurationBase}, for feature values from
     * {@link FeatureExtractor#values}.
     */
    public double durationPoint(double[] values) {
        return durationTree.predict(values) + durationBase.of(values);
    }

    /** The start-up tree's point prediction, ms. */
    public double startupPoint(double[] values) {
        return startupTree.predict(values);
    }

    /** The job's duration quantiles in ms, ascending, at {@link Residuals#level}. */
    public double[] durationQuantilesMs(double[] values) {
        double leaf = durationTree.predict(values);
        double[] r = durationResiduals.forPrediction(leaf);
        double mu = leaf + durationBase.of(values);
        double[] q = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            q[i] = Math.exp(mu + r[i]);
        }
        return q;
    }

    /** The job's start-up quantiles in ms, ascending, at {@link Residuals#level}; never below 0. */
    public double[] startupQuantilesMs(double[] values) {
        double mu = startupTree.predict(values);
        double[] r = startupResiduals.forPrediction(mu);
        double[] q = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            q[i] = Math.max(0, mu + r[i]);
        }
        return q;
    }

    /** A Tribuo model's own point prediction (what {@link FlatTree} must agree with). */
    public static double predict(Model<Regressor> model, Example<Regressor> example) {
        return model.predict(example).getOutput().getValues()[0];
    }
}
