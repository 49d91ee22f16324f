package io.hybridrouter.classifier;

import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.TimeWindow;
import io.hybridrouter.shared.WorkloadType;

import java.util.ArrayList;
import java.util.List;

/**
 * The model's feature names, used by training and inference alike and written to
 * {@code feature_columns.json} beside every model. Changing a name or adding one makes old models
 * unloadable, on purpose: {@link ModelArtefacts} checks the columns when it loads a model.
 *
 * <p>Categoricals are one-hot ({@code workload_type=data_etl}, ...); sizes are base-10 logarithms,
 * since what decides the platform is the order of magnitude; absent hints are flagged and set to -1.
 */
public final class FeatureSchema {

    public static final String PAYLOAD_LOG10_KB = "payload_size_kb_log10";
    public static final String HAS_DURATION_HINT = "expected_duration_s_present";
    public static final String DURATION_LOG10_S = "expected_duration_s_log10";
    public static final String HAS_MEMORY_HINT = "memory_mb_present";
    public static final String MEMORY_LOG10_MB = "memory_mb_log10";

    /** Every feature name, in the order {@link FeatureExtractor} fills them. */
    public static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>();
        for (WorkloadType t : WorkloadType.values()) {
            names.add(workload(t));
        }
        names.add(PAYLOAD_LOG10_KB);
        for (TimeWindow w : TimeWindow.values()) {
            names.add(window(w));
        }
        for (LoadPattern p : LoadPattern.values()) {
            names.add(load(p));
        }
        names.add(HAS_DURATION_HINT);
        names.add(DURATION_LOG10_S);
        names.add(HAS_MEMORY_HINT);
        names.add(MEMORY_LOG10_MB);
        NAMES = List.copyOf(names);
    }

    private FeatureSchema() {
    }

    public static String workload(WorkloadType t) {
        return "workload_type=" + t.wireName();
    }

    public static String window(TimeWindow w) {
        return "time_window=" + w.wireName();
    }

    public static String load(LoadPattern p) {
        return "load_pattern=" + p.wireName();
    }
}
