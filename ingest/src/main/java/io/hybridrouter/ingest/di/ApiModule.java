package io.hybridrouter.ingest.di;

import dagger.Module;
import dagger.Provides;
import io.hybridrouter.ingest.JobProducer;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.shared.events.Backoff;
import io.hybridrouter.shared.snapstart.Jitter;
import java.util.Optional;
import javax.inject.Provider;
import javax.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The producer for {@code ROUTER_JOBS_QUEUE_URL}, when it is set. */
@Module
public final class ApiModule {

    private ApiModule() {
    }

    @Provides
    @Singleton
    static Optional<JobProducer> producer(RouterConfig config, Provider<SqsClient> sqs, Jitter jitter) {
        return config.jobsQueueUrl().map(url -> new JobProducer(sqs.get(), url, Backoff.DEFAULT, Backoff.Sleeper.REAL,
                jitter, new JobValidator()));
    }
}
