package io.hybridrouter.classifier.di;

import dagger.Module;
import dagger.Provides;
import io.hybridrouter.classifier.ClassifierMetrics;
import java.time.Clock;

/** Classifier metrics: Embedded Metric Format on stdout, which Lambda sends to CloudWatch Logs. */
@Module
public final class MetricsModule {

    private MetricsModule() {
    }

    @Provides
    static ClassifierMetrics metrics(Clock clock) {
        return ClassifierMetrics.emf(System.out::println, clock);
    }
}
