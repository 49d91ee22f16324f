package io.hybridrouter.localstack.stack;

import io.hybridrouter.dispatch.topology.RoutingTopology;
import io.hybridrouter.shared.option.Arch;
import io.hybridrouter.shared.option.RunOption;
import java.util.regex.Pattern;

/**
 * Every resource name of a stack, derived from its name. The embedded stack uses the same queue
 * names, so a producer configured for one works with the other.
 */
public record StackNames(String stack) {

    /**
     * Fits every resource's naming rules with the suffixes added: S3 buckets are the strictest on
     * characters, the option rules ({@code <stack>-option-<id>}, 64 characters at most) on length.
     */
    public static final int MAX_CHARS = Math.min(40, RoutingTopology.MAX_STACK_NAME_CHARS);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1," + (MAX_CHARS - 2) + "}[a-z0-9]");
    public static final String DEFAULT = "hybrid-router";

    public StackNames {
        if (stack == null || !NAME.matcher(stack).matches()) {
            throw new IllegalArgumentException("stack name must be 3-" + MAX_CHARS + " characters of a-z, 0-9 and -, "
                    + "starting and ending with a letter or digit (got \"" + stack + "\")");
        }
    }

    public String jobsQueue() {
        return stack + "-jobs";
    }

    public String jobsDlq() {
        return stack + "-jobs-dlq";
    }

    public String rejectedQueue() {
        return stack + "-rejected";
    }

    public String auditQueue() {
        return stack + "-audit";
    }

    public String outcomesQueue() {
        return stack + "-outcomes";
    }

    /** Where a rule target sends an event it could not deliver. */
    public String targetsDlq() {
        return stack + "-targets-dlq";
    }

    /**
     * On moto (or where the backend cannot run it): the queue standing in for an option's target, one
     * per option so each delivery shows which option it went to (SQS names have no dots).
     */
    public String tap(RunOption option) {
        return tapPrefix() + option.id().replace('.', '_');
    }

    /** What every tap queue's name starts with (the taps of earlier versions included). */
    public String tapPrefix() {
        return stack + "-tap-";
    }

    public String bus() {
        return stack;
    }

    public String bucket() {
        return stack + "-claims";
    }

    public String table() {
        return stack + "-idempotency";
    }

    public String cluster() {
        return stack;
    }

    /** The x86_64 worker task definition's family. */
    public String taskFamily() {
        return stack + "-worker";
    }

    /** The worker task definition's family for {@code arch}. */
    public String taskFamily(Arch arch) {
        return arch == Arch.ARM64 ? stack + "-worker-arm64" : taskFamily();
    }

    /** A Lambda option's executor function: {@code <stack>-<option id>}. */
    public String executor(RunOption option) {
        return stack + "-" + option.id();
    }

    public String role(String purpose) {
        return stack + "-" + purpose;
    }

    public String function(String purpose) {
        return stack + "-" + purpose;
    }
}
