package io.hybridrouter.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Utf16;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.function.Consumer;

/**
 * Writes each event as one JSON line ({@code up}'s events file or stdout) and never stops
 * silently. Unpaired surrogates (which have no UTF-8 form) are written as their JSON escape, so every
 * event can be encoded; the first write that fails (a full disk, a closed pipe) is
 * reported once to {@code onFailure} with what went wrong; later events are not written, because a
 * record with holes in it would look complete. Thread-safe: events come from several threads.
 */
final class EventLines implements Consumer<ObjectNode>, AutoCloseable {

    private final Writer writer;
    private final String where;
    private final Runnable check;
    private final Consumer<String> onFailure;
    private boolean failed;

    /**
     * @param writer    where the lines go; should throw on failure (a {@code PrintWriter} does not:
     *                  pass a {@code check} that does)
     * @param where     names the destination in the failure message
     * @param check     run after each line; throws {@link UncheckedIOException} when output was lost
     * @param onFailure gets one line saying what failed
     */
    EventLines(Writer writer, String where, Runnable check, Consumer<String> onFailure) {
        this.writer = writer;
        this.where = where;
        this.check = check;
        this.onFailure = onFailure;
    }

    @Override
    public synchronized void accept(ObjectNode event) {
        if (failed) {
            return;
        }
        try {
            // an unpaired surrogate can only sit in a JSON string, where its \\uXXXX escape means the same
            writer.write(Utf16.escapeUnpaired(Json.write(event)));
            writer.write(System.lineSeparator());
            writer.flush();
            check.run();
        } catch (IOException | UncheckedIOException e) {
            failed = true;
            String why = e instanceof UncheckedIOException u && u.getCause() != null ? u.getMessage() : e.toString();
            onFailure.accept("cannot write events to " + where + " (" + why + "); no further events are recorded");
        }
    }

    public synchronized boolean failed() {
        return failed;
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            if (!failed) {
                failed = true;
                onFailure.accept("cannot close " + where + " (" + e + "); its last events may be lost");
            }
        }
    }
}
