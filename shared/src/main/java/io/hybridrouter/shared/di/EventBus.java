package io.hybridrouter.shared.di;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import javax.inject.Qualifier;

/** The name of the EventBridge bus a component publishes to. */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
public @interface EventBus {
}
