package io.hybridrouter.cli.command;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Writes data lines to a command's output and fails loudly when they cannot be written: a
 * {@link PrintWriter} (and {@code System.out} under it) swallow I/O errors, so a closed pipe or a
 * full disk would otherwise end the output silently while the command carries on. Stateless.
 */
final class StdoutLines {

    private StdoutLines() {
    }

    /** Prints and flushes one line; {@link UncheckedIOException} naming the problem when it was not written. */
    static void print(PrintWriter out, String line) {
        out.println(line);
        out.flush();
        check(out);
    }

    /** Throws when anything written to {@code out} so far was lost. */
    static void check(PrintWriter out) {
        if (out.checkError() || System.out.checkError()) {
            throw new UncheckedIOException("cannot write to standard output (closed pipe or full disk?); stopping",
                    new java.io.IOException("write failed"));
        }
    }
}
