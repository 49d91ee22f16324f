package io.hybridrouter.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;

class DryRunTest {

    @Test
    void aDryRunIsMarshalledAndSignedButNeverOpensAConnection() throws IOException {
        try (ServerSocket endpoint = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                SqsClient sqs = AwsClientsModule.configure(SqsClient.builder(),
                        AwsTarget.endpoint(URI.create("http://127.0.0.1:" + endpoint.getLocalPort())),
                        UrlConnectionHttpClient.builder().build()).build()) {
            SdkHttpRequest request = DryRun.run(() -> sqs.sendMessage(b -> b.queueUrl("http://127.0.0.1/q")
                    .messageBody("{}").overrideConfiguration(DryRun.overrides())));
            assertThat(request.method().name()).isEqualTo("POST");
            assertThat(request.port()).isEqualTo(endpoint.getLocalPort());
            assertThat(request.firstMatchingHeader("Authorization")).hasValueSatisfying(a ->
                    assertThat(a).contains("Credential=dry-run/"));
            // the call returned before this: any connection it made would be waiting to be accepted
            endpoint.setSoTimeout(1);
            assertThatThrownBy(endpoint::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void otherRequestsOnTheSameClientAreSentAsUsual() throws IOException {
        try (ServerSocket endpoint = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                SqsClient sqs = AwsClientsModule.configure(SqsClient.builder(),
                        AwsTarget.endpoint(URI.create("http://127.0.0.1:" + endpoint.getLocalPort())),
                        UrlConnectionHttpClient.builder().build()).build()) {
            DryRun.run(() -> sqs.sendMessage(b -> b.queueUrl("http://127.0.0.1/q").messageBody("{}")
                    .overrideConfiguration(DryRun.overrides())));
            // nobody answers: the call times out, but only after its request reached the endpoint
            assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl("http://127.0.0.1/q").messageBody("{}")
                    .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofMillis(300)))))
                    .isInstanceOf(SdkException.class);
            endpoint.setSoTimeout(5_000);
            try (Socket sent = endpoint.accept()) {
                assertThat(sent.isConnected()).isTrue();
            }
        }
    }
}
