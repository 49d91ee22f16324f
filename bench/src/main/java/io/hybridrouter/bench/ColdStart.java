package io.hybridrouter.bench;

import io.hybridrouter.classifier.di.ClassifierComponent;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.RoutingDecision;
import io.hybridrouter.shared.TimeWindow;
import io.hybridrouter.shared.WorkloadType;
import java.lang.management.ManagementFactory;

/**
 * One cold start of the classifier, as a fresh Lambda container does it: build the component
 * (configuration, model, SDK clients), then classify one job. Prints the milliseconds from JVM
 * start to the decision. Run by {@code bench/cold-start.sh}.
 */
public final class ColdStart {

    private ColdStart() {
    }

    public static void main(String[] args) {
        ClassifierComponent component = ClassifierComponent.create();
        component.batchClassifier();
        RoutingDecision d = component.router().decide(
                Job.of("cold-1", WorkloadType.DATA_ETL, 4096, TimeWindow.NIGHT, LoadPattern.LOW_LOAD));
        long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println(ms + " " + d.platform());
    }
}
