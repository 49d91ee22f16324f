package io.hybridrouter.localstack.stack;

import java.nio.file.Path;
import java.util.List;

/**
 * What to deploy.
 *
 * @param names               the stack's resource names
 * @param emulator            the backend
 * @param maxReceiveCount     receives before a job moves to the DLQ (at least 5)
 * @param visibilityTimeoutS  the jobs queue's visibility timeout (at least 6× the classifier's timeout in AWS)
 * @param subnets             subnets for the Fargate tasks
 * @param securityGroups      security groups for the Fargate tasks
 * @param workerImage         the worker container image
 * @param repoRoot            the checkout whose modules hold the built Lambda jars, for backends that run them
 */
public record StackSpec(StackNames names, Emulator emulator, int maxReceiveCount, int visibilityTimeoutS,
        List<String> subnets, List<String> securityGroups, String workerImage, Path repoRoot) {

    public static final int MIN_RECEIVE_COUNT = 5;
    public static final int DEFAULT_VISIBILITY_TIMEOUT_S = 180;

    public StackSpec {
        if (maxReceiveCount < MIN_RECEIVE_COUNT) {
            throw new IllegalArgumentException("--max-receive-count must be at least " + MIN_RECEIVE_COUNT
                    + " (SQS with Lambda needs room for retries before the DLQ), got " + maxReceiveCount);
        }
        if (visibilityTimeoutS < 0 || visibilityTimeoutS > 43_200) {
            throw new IllegalArgumentException("--visibility-timeout must be 0-43200 seconds, got " + visibilityTimeoutS);
        }
        subnets = List.copyOf(subnets);
        securityGroups = List.copyOf(securityGroups);
    }

    /** Defaults for an emulator: placeholder network ids (emulators do not check them). */
    public static StackSpec forEmulator(String name, Emulator emulator) {
        return new StackSpec(new StackNames(name), emulator, MIN_RECEIVE_COUNT, DEFAULT_VISIBILITY_TIMEOUT_S,
                List.of("subnet-00000000000000001"), List.of("sg-00000000000000001"), "hybrid-router-worker:latest",
                Path.of("."));
    }

    public StackSpec withQueueSettings(int receiveCount, int visibilityS) {
        return new StackSpec(names, emulator, receiveCount, visibilityS, subnets, securityGroups, workerImage,
                repoRoot);
    }
}
