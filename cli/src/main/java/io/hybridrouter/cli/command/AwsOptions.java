package io.hybridrouter.cli.command;

import io.hybridrouter.shared.aws.AwsClientsModule;
import io.hybridrouter.shared.aws.AwsTarget;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where a command's AWS calls go, named as the AWS CLI names them: {@code --endpoint-url} (or
 * {@code --endpoint}), {@code --region}, {@code --profile}. What is not given is left to the SDK,
 * which reads {@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_<SERVICE>}, {@code AWS_REGION},
 * {@code AWS_PROFILE} and the profile's {@code region} and {@code endpoint_url}, as the AWS CLI does.
 * A picocli mixin for every command that talks to AWS.
 */
public final class AwsOptions {

    @Option(names = {"--endpoint-url", "--endpoint"}, paramLabel = "URL",
            description = "AWS endpoint, like http://localhost:4566 for LocalStack or moto; default: "
                    + "$AWS_ENDPOINT_URL, $AWS_ENDPOINT_URL_<SERVICE>, the profile's endpoint_url, else AWS itself.")
    String endpointUrl;

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region; default: $AWS_REGION, the profile's region, else us-east-1.")
    String region;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "A profile in ~/.aws/config and ~/.aws/credentials; default: $AWS_PROFILE, else default.")
    String profile;

    /**
     * The target these options name.
     *
     * @throws IllegalArgumentException naming the flag and the rule, for a malformed endpoint URL
     */
    public AwsTarget target() {
        return new AwsTarget(endpoint(), blankToEmpty(region), blankToEmpty(profile));
    }

    /** Where the calls go, for messages: the endpoint given or from the environment, else "AWS". */
    public String where() {
        return where(System.getenv());
    }

    String where(Map<String, String> env) {
        if (endpointUrl != null && !endpointUrl.isBlank()) {
            return endpointUrl.trim();
        }
        String e = env.get("AWS_ENDPOINT_URL");
        return e == null || e.isBlank() ? "AWS" : e.trim();
    }

    /** Whether the calls go to an emulator: an endpoint given, or one the SDK finds in the environment. */
    public boolean emulator() {
        return AwsClientsModule.emulator(target(), System.getenv(), System.getProperties());
    }

    private Optional<URI> endpoint() {
        if (endpointUrl == null || endpointUrl.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(AwsTarget.parseEndpoint(endpointUrl));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--endpoint-url " + e.getMessage(), e);
        }
    }

    private static Optional<String> blankToEmpty(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
