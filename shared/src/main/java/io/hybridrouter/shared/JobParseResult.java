package io.hybridrouter.shared;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** What {@link JobValidator} made of one input: a valid job, or every error found in it. */
public sealed interface JobParseResult {

    /** A job that passed every rule. */
    record Valid(Job job) implements JobParseResult {
    }

    /**
     * An input that broke at least one rule.
     *
     * @param errors all errors, in field order
     * @param jobId  the input's job_id when it was present and itself valid
     */
    record Invalid(List<ValidationError> errors, Optional<String> jobId) implements JobParseResult {

        public Invalid {
            errors = List.copyOf(errors);
        }

        /** The errors as {@code field: rule} strings. */
        public List<String> messages() {
            return errors.stream().map(ValidationError::toString).collect(Collectors.toList());
        }

        /** All errors on one line, separated by semicolons. */
        public String summary() {
            return String.join("; ", messages());
        }
    }
}
