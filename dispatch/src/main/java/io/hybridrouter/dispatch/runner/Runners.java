package io.hybridrouter.dispatch.runner;

import io.hybridrouter.dispatch.WorkloadRunner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The runner for each workload type: the built-in ones, replaced or extended by any
 * {@link WorkloadRunner} found with {@link ServiceLoader}. Immutable and thread-safe.
 */
public final class Runners {

    private final Map<String, WorkloadRunner> byType;

    private Runners(Map<String, WorkloadRunner> byType) {
        this.byType = Map.copyOf(byType);
    }

    /** Built-ins plus whatever the classpath provides. */
    public static Runners discover() {
        Map<String, WorkloadRunner> map = new LinkedHashMap<>();
        builtIns().forEach(r -> map.put(r.workloadType(), r));
        ServiceLoader.load(WorkloadRunner.class).forEach(r -> map.put(r.workloadType(), r));
        return new Runners(map);
    }

    /** Exactly these runners, plus built-ins for the types they do not cover. */
    public static Runners of(List<WorkloadRunner> runners) {
        Map<String, WorkloadRunner> map = new LinkedHashMap<>();
        builtIns().forEach(r -> map.put(r.workloadType(), r));
        runners.forEach(r -> map.put(r.workloadType(), r));
        return new Runners(map);
    }

    static List<WorkloadRunner> builtIns() {
        return List.of(new ApiRunner(), new ThumbnailRunner(), new EtlRunner(), new InferenceRunner(),
                new TranscodeRunner(), new ReportRunner(), new GenericRunner());
    }

    /** The runner for a workload type, or the {@code other} runner. */
    public WorkloadRunner forType(String workloadType) {
        WorkloadRunner r = byType.get(workloadType);
        return r != null ? r : byType.get("other");
    }
}
