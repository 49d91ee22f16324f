package io.hybridrouter.classifier.di;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import javax.inject.Qualifier;

/** The model store at {@code ROUTER_MODEL_S3}: bound only in components that carry S3's client. */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
public @interface ModelS3 {
}
