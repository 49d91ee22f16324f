package io.hybridrouter.shared.di;

import dagger.Binds;
import dagger.Module;
import io.hybridrouter.shared.log.JsonLog;
import io.hybridrouter.shared.log.RouterLog;

/** The log of a deployed component (function, ECS task): JSON lines. */
@Module
public interface JsonLogModule {

    @Binds
    RouterLog log(JsonLog log);
}
