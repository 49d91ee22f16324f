package io.hybridrouter.localstack.stack;

import java.util.regex.Pattern;

/**
 * Every resource name of a stack, derived from its name. The embedded stack uses the same queue
 * names, so a producer configured for one works with the other.
 */
public record StackNames(String stack) {

    /** Fits every resource's naming rules (S3 buckets are the strictest) with the suffixes added. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,38}[a-z0-9]");
    public static final String DEFAULT = "hybrid-router";

    public StackNames {
        if (stack == null || !NAME.matcher(stack).matches()) {
            throw new IllegalArgumentException("stack name must be 3-40 characters of a-z, 0-9 and -, "
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

    /** On moto: the queue standing in for the executor Lambda. */
    public String lambdaTap() {
        return stack + "-tap-lambda";
    }

    /** On moto (or without ECS): the queue standing in for the ECS RunTask target. */
    public String ecsTap() {
        return stack + "-tap-ecs";
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

    public String taskFamily() {
        return stack + "-worker";
    }

    public String role(String purpose) {
        return stack + "-" + purpose;
    }

    public String function(String purpose) {
        return stack + "-" + purpose;
    }
}
