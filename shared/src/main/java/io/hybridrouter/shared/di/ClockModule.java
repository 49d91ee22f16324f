package io.hybridrouter.shared.di;

import dagger.Module;
import dagger.Provides;

import java.time.Clock;

/** The wall clock, UTC; tests build components with their own. */
@Module
public final class ClockModule {

    private ClockModule() {
    }

    @Provides
    static Clock clock() {
        return Clock.systemUTC();
    }
}
