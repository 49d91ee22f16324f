package io.hybridrouter.cli.di;

import dagger.BindsInstance;
import dagger.Component;
import io.hybridrouter.classifier.BatchClassifier;
import io.hybridrouter.classifier.JobRouter;
import io.hybridrouter.classifier.di.ModelModule;
import io.hybridrouter.classifier.di.NoMetricsModule;
import io.hybridrouter.classifier.di.S3ModelStoreModule;
import io.hybridrouter.shared.aws.AwsTarget;
import io.hybridrouter.shared.aws.EventBridgeModule;
import io.hybridrouter.shared.aws.S3Module;
import io.hybridrouter.shared.aws.SqsModule;
import io.hybridrouter.shared.config.RouterConfig;
import io.hybridrouter.shared.di.ClaimCheckModule;
import io.hybridrouter.shared.di.ClockModule;
import io.hybridrouter.shared.di.PlainLogModule;
import io.hybridrouter.shared.di.PublisherModule;
import java.time.Clock;
import javax.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The object graph of one CLI command, built for the configuration its flags and environment give
 * and the AWS its {@code AwsOptions} name; plain log lines on stderr, no metrics.
 */
@Singleton
@Component(modules = {ModelModule.class, S3ModelStoreModule.class, ClockModule.class, SqsModule.class, EventBridgeModule.class,
    S3Module.class, ClaimCheckModule.class, PublisherModule.class, NoMetricsModule.class, PlainLogModule.class})
public interface CliComponent {

    JobRouter router();

    Clock clock();

    SqsClient sqs();

    S3Client s3();

    BatchClassifier batchClassifier();

    /** The graph for a configuration, its clients resolved by the SDK from the environment. */
    static CliComponent create(RouterConfig config) {
        return create(config, AwsTarget.sdkDefaults());
    }

    static CliComponent create(RouterConfig config, AwsTarget aws) {
        return DaggerCliComponent.factory().create(config, aws);
    }

    /** Builds the graph around a configuration and an AWS target. */
    @Component.Factory
    interface Factory {
        CliComponent create(@BindsInstance RouterConfig config, @BindsInstance AwsTarget aws);
    }
}
