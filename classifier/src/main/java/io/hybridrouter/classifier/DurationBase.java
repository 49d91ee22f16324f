package io.hybridrouter.classifier;

import java.util.Locale;

/**
 * What a work tree's prediction is relative to. A producer that sends {@code expected_duration_s} has
 * measured or estimated the job's run time on one x86_64 vCPU, which is what the work tree predicts; a
 * tree asked to learn ln(work) from the estimate as one feature among many can only approximate the
 * identity with steps, and mixes jobs whose estimate is close with jobs it has to guess. Learning
 * ln(work) − ln(estimate) instead (for jobs with one) leaves the tree to learn how far producers' estimates
 * are off, by type and size, and gives those jobs their own, narrower error spread. Jobs without an
 * estimate are learned as before. Kept in the model bundle, so a model is always read the way it was trained.
 */
public enum DurationBase {

    /** The tree predicts ln(work in ms) for every job (models of bundle format 1). */
    NONE,
    /** For a job with {@code expected_duration_s}, the tree predicts ln(work in ms) − ln(estimate in ms). */
    EXPECTED_DURATION;

    private static final double LN_10 = Math.log(10);
    private static final double LN_1000 = Math.log(1000);

    /** The offset to add to the tree's prediction for these feature values ({@link FeatureExtractor#values}). */
    public double of(double[] values) {
        if (this == NONE || values[FeatureExtractor.DURATION_FLAG] == 0) {
            return 0;
        }
        return values[FeatureExtractor.DURATION_FLAG + 1] * LN_10 + LN_1000;
    }

    /** The name in the bundle's {@code predictors.json}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The base named {@code name}; null for null (a bundle from before the base was written). */
    public static DurationBase fromWireName(String name) {
        if (name == null) {
            return null;
        }
        for (DurationBase b : values()) {
            if (b.wireName().equals(name)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown duration_base \"" + name + "\" (this router knows none, "
                + "expected_duration)");
    }
}
