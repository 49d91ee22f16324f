package io.hybridrouter.training;

import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.common.tree.RandomForestTrainer;

/** Named factories for the trainers this project compares; every seed is explicit. */
public final class Trainers {

    /** Depth of the single tree; deeper trees gained nothing on the default mix. */
    public static final int CART_MAX_DEPTH = 12;
    public static final int FOREST_TREES = 10;
    public static final int FOREST_MAX_DEPTH = 14;
    /** A forest needs a fraction below 1 so that its trees differ. */
    public static final float FOREST_FEATURE_FRACTION = 0.7f;
    private static final float MIN_CHILD_WEIGHT = 5f;

    private Trainers() {
    }

    /** A single CART tree: every feature considered at every split, Gini impurity. */
    public static Trainer<Label> cart(int maxDepth, long seed) {
        return new CARTClassificationTrainer(maxDepth, MIN_CHILD_WEIGHT, 0f, 1f, false, new GiniIndex(), seed);
    }

    /** A random forest of CART trees on bootstrap samples, combined by vote. */
    public static Trainer<Label> randomForest(int trees, int maxDepth, float featureFraction, long seed) {
        CARTClassificationTrainer tree = new CARTClassificationTrainer(maxDepth, MIN_CHILD_WEIGHT, 0f,
                featureFraction, false, new GiniIndex(), seed);
        return new RandomForestTrainer<>(tree, new VotingCombiner(), trees, seed);
    }
}
