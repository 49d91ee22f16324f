package io.hybridrouter.classifier.di;

import dagger.Module;
import dagger.Provides;
import io.hybridrouter.classifier.BatchClassifier;
import io.hybridrouter.classifier.ClassifierMetrics;
import io.hybridrouter.classifier.DecisionDispatch;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.claim.ClaimCheckStore;
import io.hybridrouter.shared.events.EventPublisher;
import java.time.Clock;
import java.util.Optional;
import javax.inject.Singleton;

/** The batch classifier behind the classifier Lambda and the {@code classifier run} worker. */
@Module
public final class ClassifierModule {

    private ClassifierModule() {
    }

    @Provides
    @Singleton
    static BatchClassifier batchClassifier(JobRouter router, Optional<ClaimCheckStore> claims,
            EventPublisher publisher, Clock clock, ClassifierMetrics metrics) {
        return new BatchClassifier(new JobValidator(), router, new DecisionDispatch(claims), publisher, clock,
                System.err::println, metrics);
    }
}
