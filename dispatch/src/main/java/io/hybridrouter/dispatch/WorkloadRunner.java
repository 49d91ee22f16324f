package io.hybridrouter.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.shared.Job;

/**
 * Runs one workload type. The SAME runner runs a job on Lambda and on ECS, so a job does the same
 * work wherever the router sends it. Implementations must be thread-safe and bounded: their work
 * grows with the job's {@code payload_size_kb} up to a cap, so one job never runs away.
 *
 * <p>To plug in your own: implement this interface, list the class in
 * {@code META-INF/services/io.hybridrouter.dispatch.WorkloadRunner} and put the jar on the
 * executors' classpath. A runner whose {@link #workloadType()} equals a built-in one replaces it.
 */
public interface WorkloadRunner {

    /** The {@code workload_type} this runner runs ({@code other} runs every type without a runner). */
    String workloadType();

    /**
     * Runs the job and returns a short JSON summary of what it did (it becomes the outcome's
     * {@code result}). Throwing marks the outcome {@code failed} with the exception's message.
     */
    JsonNode run(Job job) throws Exception;
}
