package io.hybridrouter.shared.aws;

import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * SDK calls that go through the whole client pipeline (request validation, endpoint resolution,
 * marshalling, signing) and stop just before the HTTP request would be sent: for priming a
 * SnapStart snapshot, where nothing may be reachable. The interceptor travels with the request
 * ({@link #overrides()} adds it as a per-request plugin and marks the request), so any client can
 * make a dry run and no other request ever meets it. The request is signed with placeholder
 * credentials, so the credential chain (which may ask the network) is not consulted. Stateless and
 * thread-safe.
 */
public final class DryRun implements ExecutionInterceptor {

    private static final ExecutionAttribute<Boolean> DRY_RUN = new ExecutionAttribute<>("hybridrouter.DryRun");

    /** Thrown by the interceptor in place of sending; carries the marshalled, signed request. */
    static final class NotSent extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient SdkHttpRequest request;

        NotSent(SdkHttpRequest request) {
            super("dry run: " + request.method() + " " + request.getUri() + " not sent", null, false, false);
            this.request = request;
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(attributes.getAttribute(DRY_RUN))) {
            throw new NotSent(context.httpRequest());
        }
    }

    /**
     * The per-request configuration that makes a call a dry run (placeholder credentials, the mark, the
     * interceptor): pass to the request's {@code overrideConfiguration}.
     */
    public static AwsRequestOverrideConfiguration overrides() {
        return AwsRequestOverrideConfiguration.builder()
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dry-run", "dry-run")))
                .putExecutionAttribute(DRY_RUN, Boolean.TRUE)
                .addPlugin(config -> config.overrideConfiguration(o -> o.addExecutionInterceptor(new DryRun())))
                .build();
    }

    /**
     * Makes {@code call} (which must send a request built with {@link #overrides()}) and returns the
     * HTTP request it would have sent.
     *
     * @throws IllegalStateException when the call was not stopped before sending: it failed before that
     *                               (the cause says why), or it was not built with {@link #overrides()}
     */
    public static SdkHttpRequest run(Supplier<?> call) {
        try {
            call.get();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof NotSent notSent) {
                    return notSent.request;
                }
            }
            throw new IllegalStateException("dry run not stopped before sending: " + e, e);
        }
        throw new IllegalStateException("dry run was sent and answered: the request lacks DryRun.overrides()");
    }
}
