package io.hybridrouter.classifier;

import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.Platform;
import org.tribuo.Example;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;

/**
 * Turns a job into the model's features (see {@link FeatureSchema}). Stateless and thread-safe;
 * allocation is one name array reference and one value array per job.
 */
public final class FeatureExtractor {

    private static final String[] NAMES = FeatureSchema.NAMES.toArray(new String[0]);
    private static final int WORKLOADS = 0;
    private static final int PAYLOAD = FeatureSchema.NAMES.indexOf(FeatureSchema.PAYLOAD_LOG10_KB);
    private static final int WINDOWS = PAYLOAD + 1;
    private static final int LOADS = FeatureSchema.NAMES.indexOf(FeatureSchema.load(LoadPattern.values()[0]));
    private static final int DURATION_FLAG = FeatureSchema.NAMES.indexOf(FeatureSchema.HAS_DURATION_HINT);
    private static final int MEMORY_FLAG = FeatureSchema.NAMES.indexOf(FeatureSchema.HAS_MEMORY_HINT);
    /** Used for an unknown label when predicting; Tribuo ignores it. */
    private static final Label UNKNOWN = new Label("unknown");

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

    /** An example to predict on. */
    public Example<Label> example(Job job) {
        return new ArrayExample<>(UNKNOWN, NAMES, values(job));
    }

    /** An example to train on, labelled with the platform. */
    public Example<Label> labelled(Job job, Platform label) {
        return new ArrayExample<>(new Label(label.wireName()), NAMES, values(job));
    }
}
