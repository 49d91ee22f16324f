package io.hybridrouter.shared;

/**
 * One broken rule: the field (a JSON field name, or {@code job} for the document as a whole)
 * and the rule it broke, written for the person who sent the job.
 */
public record ValidationError(String field, String rule) {

    @Override
    public String toString() {
        return field + ": " + rule;
    }
}
