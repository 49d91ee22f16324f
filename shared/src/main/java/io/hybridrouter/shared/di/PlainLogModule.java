package io.hybridrouter.shared.di;

import dagger.Binds;
import dagger.Module;
import io.hybridrouter.shared.log.PlainLog;
import io.hybridrouter.shared.log.RouterLog;

/** The log of a component run by a person (the CLI, the embedded stack): plain lines on stderr. */
@Module
public interface PlainLogModule {

    @Binds
    RouterLog log(PlainLog log);
}
