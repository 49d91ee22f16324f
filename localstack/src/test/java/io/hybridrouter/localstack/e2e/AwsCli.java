package io.hybridrouter.localstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The AWS CLI as a producer would run it, with dummy credentials, for the end-to-end tests. */
public final class AwsCli {

    private AwsCli() {
    }

    /**
     * {@code aws sqs send-message} to {@code endpoint}, asserting that it succeeded; false when the AWS
     * CLI is not on PATH (an assertion error instead when {@code REQUIRE_E2E=1}).
     */
    public static boolean sendMessage(String endpoint, String queueUrl, String body)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("aws", "sqs", "send-message", "--region", "us-east-1", "--endpoint-url",
                endpoint, "--queue-url", queueUrl, "--message-body", body, "--output", "json")
                .redirectErrorStream(true);
        pb.environment().put("AWS_ACCESS_KEY_ID", "test");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            if ("1".equals(System.getenv("REQUIRE_E2E"))) {
                throw new AssertionError("the AWS CLI (aws) is not on PATH", e);
            }
            return false;
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("MessageId");
        return true;
    }
}
