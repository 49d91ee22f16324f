package io.hybridrouter.shared.snapstart;

import io.hybridrouter.shared.log.RouterLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * A Lambda entry point's SnapStart hooks (the CRaC API, {@code org.crac}): before the snapshot,
 * {@link #beforeCheckpoint} runs the priming steps, which drive the handler's code paths once (a
 * canned job decided, JSON read and written, SDK requests marshalled but never sent) so that the
 * snapshot holds loaded classes and warm code; after each restore, {@link #afterRestore} runs the
 * reseed steps, so that restored copies do not share random state. A step must make no network call:
 * the snapshot is taken at publish time, where nothing the function calls may be reachable.
 *
 * <p>A failed priming step is logged and skipped, never thrown: throwing would fail the version's
 * publication for the sake of an optimisation (the handler then warms up on its first request, as
 * without SnapStart). A failed reseed step is thrown, as a restored copy that keeps the snapshot's
 * random state is unsafe. On a JVM without CRaC support the hooks are never called.
 *
 * <p>Use: build the graph, then in the handler's static holder
 * {@code static final Priming PRIMING = new Priming("classifier", log).prime("decide", ...).reseed(jitter::reseed).register();}
 * (the field keeps it alive: CRaC holds registered resources weakly). Steps are added before
 * {@link #register}; after that the instance is thread-safe.
 */
public final class Priming implements Resource {

    /** A valid job for priming steps to decide (its id says where it came from, should it ever be seen). */
    public static final String CANNED_JOB = "{\"job_id\":\"snapstart-priming\",\"workload_type\":\"data_etl\","
            + "\"payload_size_kb\":64,\"time_window\":\"night\",\"load_pattern\":\"low_load\"}";

    private final String name;
    private final RouterLog log;
    private final Map<String, Runnable> primers = new LinkedHashMap<>();
    private final List<Runnable> reseeders = new ArrayList<>();

    public Priming(String name, RouterLog log) {
        this.name = name;
        this.log = log;
    }

    /** Adds a priming step, run in order before the snapshot. */
    public Priming prime(String step, Runnable primer) {
        primers.put(step, primer);
        return this;
    }

    /** Adds a step run after every restore (reseeding a random source). */
    public Priming reseed(Runnable reseeder) {
        reseeders.add(reseeder);
        return this;
    }

    /** Registers with the global CRaC context; returns this, for a static field to hold. */
    public Priming register() {
        Core.getGlobalContext().register(this);
        return this;
    }

    /**
     * Runs every priming step; returns the steps that failed with why (empty when all ran), after
     * logging each failure and one summary line.
     */
    public Map<String, String> primeAll() {
        Map<String, String> failed = new LinkedHashMap<>();
        long start = System.nanoTime();
        primers.forEach((step, primer) -> {
            try {
                primer.run();
            } catch (RuntimeException | LinkageError e) {
                failed.put(step, e.toString());
                log.warn(name + " priming: step " + step + " failed: " + e, Map.of("step", step));
            }
        });
        long ms = (System.nanoTime() - start) / 1_000_000;
        log.info(name + " primed for the snapshot: " + (primers.size() - failed.size()) + " of " + primers.size()
                + " steps in " + ms + " ms", Map.of("steps", List.copyOf(primers.keySet()), "failed", failed.size()));
        return failed;
    }

    /** Runs every reseed step. */
    public void restoreAll() {
        reseeders.forEach(Runnable::run);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        primeAll();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        restoreAll();
    }
}
