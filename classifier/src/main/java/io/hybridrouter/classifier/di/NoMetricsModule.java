package io.hybridrouter.classifier.di;

import dagger.Module;
import dagger.Provides;
import io.hybridrouter.classifier.ClassifierMetrics;

/** No metrics: for runs outside Lambda, where stdout is the user's. */
@Module
public final class NoMetricsModule {

    private NoMetricsModule() {
    }

    @Provides
    static ClassifierMetrics metrics() {
        return ClassifierMetrics.NONE;
    }
}
