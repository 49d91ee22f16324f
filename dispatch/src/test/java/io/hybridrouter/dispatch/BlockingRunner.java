package io.hybridrouter.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Json;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code slow_job}: the first run blocks until {@link #finish()} (standing in for a job that is
 * still running, or one that never ends); later runs return at once. Counts its runs. Thread-safe.
 */
final class BlockingRunner implements WorkloadRunner {

    final AtomicInteger runs = new AtomicInteger();
    final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @Override
    public String workloadType() {
        return "slow_job";
    }

    @Override
    public JsonNode run(Job job) throws InterruptedException {
        if (runs.incrementAndGet() == 1) {
            started.countDown();
            release.await();
        }
        return Json.object().put("run", runs.get());
    }

    void finish() {
        release.countDown();
    }

    void awaitStarted() throws InterruptedException {
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the first run never started");
        }
    }
}
