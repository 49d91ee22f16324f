package io.hybridrouter.bench;

import io.hybridrouter.classifier.ClassifierPriming;
import io.hybridrouter.classifier.di.ClassifierComponent;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.events.OutboundEvent;
import io.hybridrouter.shared.snapstart.Priming;
import java.lang.management.ManagementFactory;

/**
 * One cold start of the classifier in a fresh JVM, as a Lambda container does it: build the component
 * (configuration, model, SDK clients), then make the first decision: a job's JSON parsed, validated,
 * decided, written as the decision event and its {@code PutEvents} call marshalled and signed (not
 * sent; the network round trip is the same with or without priming). Run by {@code bench/cold-start.sh}.
 * The mode (first argument) says what is timed:
 * <ul>
 *   <li>{@code cold}: JVM start to the first decision done (no SnapStart);</li>
 *   <li>{@code restored}: the first decision alone, after the component is built: what a SnapStart copy
 *       restored from a snapshot taken after initialisation still pays, without priming;</li>
 *   <li>{@code primed}: the same, after the priming hooks ran: what it pays with priming.</li>
 * </ul>
 * No snapshot is taken or restored here (this JVM has no CRaC): {@code restored} and {@code primed}
 * leave out the restore itself, which Lambda does in the same way for both. Prints
 * {@code <timed ms> <platform> init=<ms> priming=<ms>}.
 */
public final class ColdStart {

    /** A job other than the canned one priming decides, so that nothing is cached by its content. */
    private static final String JOB = "{\"job_id\":\"cold-1\",\"workload_type\":\"thumbnail_processing\","
            + "\"payload_size_kb\":512,\"time_window\":\"midday\",\"load_pattern\":\"burst_load\"}";

    private ColdStart() {
    }

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "cold";
        if (!mode.equals("cold") && !mode.equals("restored") && !mode.equals("primed")) {
            System.err.println("mode: cold, restored or primed (got " + mode + ")");
            System.exit(2);
        }
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        ClassifierComponent component = ClassifierComponent.create();
        component.batchClassifier();
        ClassifierPriming priming = component.priming();
        Priming hooks = priming.hooks();
        long initMs = System.currentTimeMillis() - jvmStart;
        long primingMs = 0;
        if (mode.equals("primed")) {
            long p = System.nanoTime();
            if (!hooks.primeAll().isEmpty()) {
                System.err.println("priming failed");
                System.exit(1);
            }
            primingMs = (System.nanoTime() - p) / 1_000_000;
        }
        long start = System.nanoTime();
        OutboundEvent decision = priming.decideOffline(JOB, "m-1");
        long firstMs = (System.nanoTime() - start) / 1_000_000;
        long timed = mode.equals("cold") ? System.currentTimeMillis() - jvmStart : firstMs;
        String platform = Json.read(decision.detail()).get("platform").asText();
        System.out.println(timed + " " + platform + " init=" + initMs + " priming=" + primingMs);
    }
}
