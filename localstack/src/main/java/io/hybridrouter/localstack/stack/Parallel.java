package io.hybridrouter.localstack.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs independent provisioning calls a few at a time: a stack has a rule and a tap per option (97
 * rules, 92 taps with the declared options), and one call after another would spend most of a deploy waiting on round trips. The
 * SDK clients are thread-safe. Stateless.
 */
final class Parallel {

    /** Calls in flight at once: enough to hide round trips, few enough to stay clear of API throttling. */
    static final int WIDTH = 8;

    private Parallel() {
    }

    /** {@code fn} of every item, in the items' order; the first failure is rethrown as it was thrown. */
    static <T, R> List<R> map(List<T> items, Function<T, R> fn) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(WIDTH, items.size())), r -> {
            Thread t = new Thread(r, "stack-deploy");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> fn.apply(item)));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deploying", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
