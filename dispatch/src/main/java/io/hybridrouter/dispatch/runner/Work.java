package io.hybridrouter.dispatch.runner;

import io.hybridrouter.shared.Job;
import java.util.SplittableRandom;

/**
 * How much work a built-in runner does for a job, and the deterministic synthetic input it does
 * it on (seeded by the job id, so a job gives the same result on Lambda and on ECS).
 */
final class Work {

    private Work() {
    }

    /** {@code perKb × payload_size_kb}, at least {@code min} and at most {@code max}. */
    static int units(Job job, double perKb, int min, int max) {
        double u = job.payloadSizeKb() * perKb;
        return (int) Math.max(min, Math.min(max, Math.ceil(u)));
    }

    static SplittableRandom random(Job job) {
        return new SplittableRandom(job.jobId().hashCode() * 0x9E3779B97F4A7C15L);
    }

    static byte[] bytes(Job job, int size) {
        byte[] b = new byte[size];
        SplittableRandom r = random(job);
        for (int i = 0; i < size; i += 8) {
            long v = r.nextLong();
            for (int j = 0; j < 8 && i + j < size; j++) {
                b[i + j] = (byte) (v >>> (8 * j));
            }
        }
        return b;
    }
}
