package io.hybridrouter.shared.aws;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Which AWS a component talks to, as a person chose it on the command line: an endpoint URL, a
 * region, a named profile, each optional. What is not chosen here is left to the SDK's own
 * resolution ({@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_<SERVICE>}, {@code AWS_REGION},
 * {@code AWS_PROFILE}, the profile's {@code region} and {@code endpoint_url}), so the functions,
 * which set none of them, behave as any AWS SDK program does. Immutable and thread-safe.
 *
 * @param endpointUrl every client's endpoint, when given (an emulator such as LocalStack or moto)
 * @param region      the region, when given
 * @param profile     the profile in the shared config and credentials files, when given
 */
public record AwsTarget(Optional<URI> endpointUrl, Optional<String> region, Optional<String> profile) {

    /** The one message for a call to AWS without credentials, wherever it happens. */
    public static final String NO_CREDENTIALS = "no AWS credentials found (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and "
            + "AWS_SECRET_ACCESS_KEY); for an emulator pass --endpoint-url URL or set AWS_ENDPOINT_URL";


    /** Nothing chosen: the SDK resolves everything from the environment and the profile files. */
    public static AwsTarget sdkDefaults() {
        return new AwsTarget(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** An emulator's endpoint, nothing else chosen. */
    public static AwsTarget endpoint(URI endpointUrl) {
        return new AwsTarget(Optional.of(endpointUrl), Optional.empty(), Optional.empty());
    }

    /**
     * Parses an endpoint URL; it must be absolute http(s) with a host.
     *
     * @throws IllegalArgumentException naming the rule, for anything else
     */
    public static URI parseEndpoint(String text) {
        try {
            URI uri = new URI(text.trim());
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("must be an http(s) URL with a host, like http://localhost:4566 "
                        + "(got \"" + text + "\")");
            }
            return uri;
        } catch (URISyntaxException ex) {
            throw new IllegalArgumentException("must be an http(s) URL, like http://localhost:4566 (got \"" + text
                    + "\")");
        }
    }
}
