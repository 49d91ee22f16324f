package io.hybridrouter.shared.events;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Bounded exponential backoff with full jitter: retry {@code n} (from 1) waits a time drawn uniformly
 * from {@code [0, min(maxDelayMs, baseDelayMs × 2^(n-1))]}, so that callers who failed together do not
 * retry together. Immutable and thread-safe.
 *
 * @param maxAttempts  tries in all, the first included
 * @param baseDelayMs  the first retry's ceiling
 * @param maxDelayMs   no retry waits longer
 */
public record Backoff(int maxAttempts, long baseDelayMs, long maxDelayMs) {

    /** Four tries over at most about 0.7 s: short enough for a Lambda, long enough for a throttle to pass. */
    public static final Backoff DEFAULT = new Backoff(4, 50, 400);

    public Backoff {
        if (maxAttempts < 1 || baseDelayMs < 0 || maxDelayMs < baseDelayMs) {
            throw new IllegalArgumentException("invalid backoff " + maxAttempts + "/" + baseDelayMs + "/" + maxDelayMs);
        }
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    public long delayMs(int retry) {
        long ceiling = ceilingMs(retry);
        return ceiling == 0 ? 0 : ThreadLocalRandom.current().nextLong(0, ceiling + 1);
    }

    /** The same wait with the uniform draw from [0, 1) given, for callers whose tests fix it. */
    public long delayMs(int retry, DoubleSupplier uniform) {
        return (long) (uniform.getAsDouble() * ceilingMs(retry));
    }

    /** The longest wait before retry number {@code retry}: {@code min(maxDelayMs, baseDelayMs × 2^(retry-1))}. */
    public long ceilingMs(int retry) {
        return Math.min(maxDelayMs, baseDelayMs << Math.min(20, retry - 1));
    }

    /** The first line of an SDK error message, for logs and reports (the SDK appends request details). */
    public static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** How the caller waits; tests pass one that does not. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;

        Sleeper REAL = Thread::sleep;
    }
}
