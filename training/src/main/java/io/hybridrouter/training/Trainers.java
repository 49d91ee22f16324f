package io.hybridrouter.training;

import org.tribuo.Trainer;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;

/** Named factories for the trainers this project uses; every seed is explicit. */
public final class Trainers {

    /** Depth of each predictor's tree: deep enough for type × size × hints, small on disk. */
    public static final int TREE_MAX_DEPTH = 10;
    /**
     * The fewest training rows in a leaf: each leaf keeps its own residual quantiles, and 5 % and 95 %
     * quantiles need a few dozen rows to mean anything.
     */
    public static final float TREE_MIN_CHILD_WEIGHT = 40f;

    private Trainers() {
    }

    /** A CART regression tree: every feature considered at every split, squared error. */
    public static Trainer<Regressor> regressionTree(int maxDepth, float minChildWeight, long seed) {
        return new CARTRegressionTrainer(maxDepth, minChildWeight, 0f, 1f, false, new MeanSquaredError(), seed);
    }
}
