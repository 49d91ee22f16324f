package io.hybridrouter.cli.command;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress bar on stderr for long work. Redrawn in place on a terminal; on a pipe or in CI a line
 * every 10 %, so logs stay short. Not thread-safe: one owner updates it.
 */
public final class Progress {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final boolean terminal;
    private int lastShown = -1;

    public Progress(PrintWriter err, String label, long total) {
        this(err, label, total, Terminal.interactive());
    }

    Progress(PrintWriter err, String label, long total, boolean terminal) {
        this.err = err;
        this.label = label;
        this.total = Math.max(1, total);
        this.terminal = terminal;
    }

    public void update(long done) {
        int percent = (int) Math.min(100, done * 100 / total);
        if (terminal) {
            if (percent == lastShown) {
                return;
            }
            int filled = percent * WIDTH / 100;
            err.printf(Locale.ROOT, "\r%s [%s%s] %3d%% (%,d/%,d)", label, "#".repeat(filled),
                    " ".repeat(WIDTH - filled), percent, done, total);
            err.flush();
        } else {
            int step = percent / 10 * 10;
            if (step == lastShown / 10 * 10 && lastShown >= 0) {
                return;
            }
            err.printf(Locale.ROOT, "%s: %d%% (%,d/%,d)%n", label, step, done, total);
            err.flush();
            percent = step;
        }
        lastShown = percent;
    }

    public void done() {
        update(total);
        if (terminal) {
            err.println();
            err.flush();
        }
    }
}
