package io.hybridrouter.cli.command;

/**
 * An option value the command cannot use (a malformed duration, a count of zero, two options that
 * exclude each other): the CLI prints the message and exits 2, like picocli's own parse errors.
 * Thrown on the command's thread; carries no state.
 */
public final class UsageError extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public UsageError(String message) {
        super(message);
    }
}
