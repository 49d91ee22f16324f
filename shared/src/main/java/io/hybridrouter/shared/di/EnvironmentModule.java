package io.hybridrouter.shared.di;

import dagger.Module;
import dagger.Provides;
import io.hybridrouter.shared.aws.AwsTarget;
import io.hybridrouter.shared.config.RouterConfig;
import javax.inject.Singleton;

/**
 * Configuration from the process environment, for components deployed as Lambdas or containers:
 * the router's settings, and AWS exactly as the SDK resolves it there.
 */
@Module
public final class EnvironmentModule {

    private EnvironmentModule() {
    }

    @Provides
    @Singleton
    static RouterConfig config() {
        return RouterConfig.fromEnvironment();
    }

    @Provides
    static AwsTarget aws() {
        return AwsTarget.sdkDefaults();
    }
}
