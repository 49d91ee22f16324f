package io.hybridrouter.localstack.worker;

import io.hybridrouter.shared.aws.AwsTarget;
import io.hybridrouter.shared.events.Backoff;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The worker's receive trouble over one run: how long receiving has failed without a break, the
 * wait before the next try (exponential backoff with full jitter, 0.2 s doubling to a 10 s cap, so a
 * dead endpoint is not hammered and many workers do not retry in step), and one note saying what is
 * wrong and how to fix it, repeated only when the cause changes or every few minutes. Not
 * thread-safe: one per run, on the worker's thread.
 */
final class ReceiveFailures {

    /** Ceiling of the first retry's wait. */
    static final long FIRST_DELAY_MS = 200;
    /** No retry waits longer: a queue that comes back is read again within this time. */
    static final long MAX_DELAY_MS = 10_000;
    /** Receives are retried for as long as the run lasts: only the delays come from the backoff. */
    private static final Backoff BACKOFF = new Backoff(Integer.MAX_VALUE, FIRST_DELAY_MS, MAX_DELAY_MS);
    /** A failure that goes on is noted again this often, so the log shows it lasts without flooding. */
    static final Duration REPEAT_EVERY = Duration.ofMinutes(5);

    private static final Set<String> DENIED = Set.of("accessdenied", "accessdeniedexception",
            "invalidclienttokenid", "signaturedoesnotmatch", "unrecognizedclientexception", "expiredtoken",
            "invalidsecurity", "authfailure");

    private final String endpoint;
    private final String queueUrl;
    private final DoubleSupplier jitter;
    private final Consumer<String> log;
    private int streak;
    private long sinceNanos;
    private String note;
    private long notedAtNanos;

    ReceiveFailures(String endpoint, String queueUrl, DoubleSupplier jitter, Consumer<String> log) {
        this.endpoint = endpoint;
        this.queueUrl = queueUrl;
        this.jitter = jitter;
        this.log = log;
    }

    boolean failing() {
        return streak > 0;
    }

    /** Records a failed receive at {@code nowNanos}; returns how long to wait before the next try. */
    long failed(RuntimeException e, long nowNanos) {
        if (streak++ == 0) {
            sinceNanos = nowNanos;
        }
        String now = describe(e);
        if (!now.equals(note)) {
            note = now;
            notedAtNanos = nowNanos;
            log.accept("receive failed: " + note + " (retrying, at most " + MAX_DELAY_MS / 1000 + " s apart)");
        } else if (nowNanos - notedAtNanos >= REPEAT_EVERY.toNanos()) {
            notedAtNanos = nowNanos;
            log.accept("receive still failing after " + streak + " tries over " + seconds(nowNanos - sinceNanos)
                    + ": " + note);
        }
        return delayMs(streak);
    }

    /** How long receiving has failed without a break. */
    long failingForNanos(long nowNanos) {
        return streak == 0 ? 0 : nowNanos - sinceNanos;
    }

    /** What a run that gives up says. */
    String verdict(long nowNanos) {
        return "no successful receive for " + seconds(failingForNanos(nowNanos)) + " (" + streak + " tries): " + note;
    }

    /** Ends a failure streak, if there was one, saying so; returns whether there was one. */
    boolean recovered(long nowNanos) {
        if (streak == 0) {
            return false;
        }
        log.accept("receive works again after " + streak + " failed tries over " + seconds(nowNanos - sinceNanos));
        streak = 0;
        note = null;
        return true;
    }

    /** Full jitter: a uniform draw from zero up to the capped exponential ceiling of retry {@code retry}. */
    long delayMs(int retry) {
        return BACKOFF.delayMs(retry, jitter);
    }

    /** One line: what is wrong, and how to fix it where the cause is a common one. */
    String describe(Throwable e) {
        if (e instanceof QueueDoesNotExistException || errorCode(e).contains("nonexistentqueue")
                || errorCode(e).contains("queuedoesnotexist")) {
            return "queue " + queueUrl + " does not exist; run `./router stack deploy` or check --queue-url";
        }
        if (e instanceof AwsServiceException s && (s.statusCode() == 403 || DENIED.contains(errorCode(e)))) {
            return "SQS at " + endpoint + " refused access to queue " + queueUrl + " ("
                    + (errorCode(e).isEmpty() ? "HTTP " + s.statusCode() : s.awsErrorDetails().errorCode())
                    + "); check the AWS credentials and the queue's policy";
        }
        String message = Backoff.firstLine(e.getMessage());
        if (message.startsWith("Unable to load credentials")) {
            return AwsTarget.NO_CREDENTIALS;
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return "cannot reach SQS at " + endpoint + ": connection refused; is the emulator running? check "
                        + "--endpoint";
            }
            if (c instanceof UnknownHostException) {
                return "cannot reach SQS at " + endpoint + ": unknown host " + c.getMessage() + "; check --endpoint";
            }
            if (c instanceof SocketTimeoutException || c instanceof ApiCallTimeoutException
                    || c instanceof ApiCallAttemptTimeoutException) {
                return "SQS at " + endpoint + " does not answer (timed out); check --endpoint and the network";
            }
        }
        return "cannot receive from queue " + queueUrl + ": " + e.getClass().getSimpleName() + ": " + message;
    }

    private static String errorCode(Throwable e) {
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null
                && s.awsErrorDetails().errorCode() != null) {
            return s.awsErrorDetails().errorCode().toLowerCase(Locale.ROOT);
        }
        return "";
    }

    private static String seconds(long nanos) {
        long s = Math.round(nanos / 1e9);
        return s < 120 ? s + " s" : s / 60 + " min";
    }
}
