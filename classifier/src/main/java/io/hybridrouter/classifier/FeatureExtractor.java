package io.hybridrouter.classifier;

import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.LoadPattern;
import org.tribuo.Example;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * Turns a job into the predictors' features (see {@link FeatureSchema}). Stateless and thread-safe;
 * allocation is one name array reference and one value array per job.
 */
public final class FeatureExtractor {

    private static final String[] NAMES = FeatureSchema.NAMES.toArray(new String[0]);
    private static final int WORKLOADS = 0;
    private static final int PAYLOAD = FeatureSchema.NAMES.indexOf(FeatureSchema.PAYLOAD_LOG10_KB);
    private static final int WINDOWS = PAYLOAD + 1;
    private static final int LOADS = FeatureSchema.NAMES.indexOf(FeatureSchema.load(LoadPattern.values()[0]));
    /** Index of the duration-estimate flag; the estimate's log10 seconds follows it. */
    static final int DURATION_FLAG = FeatureSchema.NAMES.indexOf(FeatureSchema.HAS_DURATION_HINT);
    private static final int MEMORY_FLAG = FeatureSchema.NAMES.indexOf(FeatureSchema.HAS_MEMORY_HINT);
    /** Used for an unknown target when predicting; Tribuo ignores it. */
    private static final Regressor UNKNOWN_VALUE = RegressionFactory.UNKNOWN_REGRESSOR;

    /** The feature values, in {@link FeatureSchema#NAMES} order. */
    public double[] values(Job job) {
        double[] v = new double[NAMES.length];
        v[WORKLOADS + job.workload().ordinal()] = 1;
        v[PAYLOAD] = Math.log10(1 + job.payloadSizeKb());
        v[WINDOWS + job.timeWindow().ordinal()] = 1;
        v[LOADS + job.loadPattern().ordinal()] = 1;
        if (job.expectedDurationS() != null) {
            v[DURATION_FLAG] = 1;
            v[DURATION_FLAG + 1] = Math.log10(job.expectedDurationS());
        } else {
            v[DURATION_FLAG + 1] = -1;
        }
        if (job.memoryMb() != null) {
            v[MEMORY_FLAG] = 1;
            v[MEMORY_FLAG + 1] = Math.log10(job.memoryMb());
        } else {
            v[MEMORY_FLAG + 1] = -1;
        }
        return v;
    }

    /** An example for the regression predictors to predict on. */
    public Example<Regressor> regressionExample(Job job) {
        return new ArrayExample<>(UNKNOWN_VALUE, NAMES, values(job));
    }

    /** An example for a regression predictor to train on, with its target value. */
    public Example<Regressor> regressionExample(Job job, String target, double value) {
        return new ArrayExample<>(new Regressor(target, value), NAMES, values(job));
    }
}
