package io.hybridrouter.dispatch.idempotency;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import javax.inject.Qualifier;

/** The name of the DynamoDB table the executors claim jobs in ({@code ROUTER_IDEMPOTENCY_TABLE}). */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
public @interface IdempotencyTable {
}
