package io.hybridrouter.cli.command;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Job input read line by line from bytes: each line (split on {@code \n}, a trailing {@code \r}
 * dropped) is decoded as UTF-8 on its own, so one line with a bad byte is reported with its number
 * and the lines around it are still read. Files, stdin and inline JSON all go through here. Not
 * thread-safe: one reader per input.
 */
final class JobLines implements Closeable {

    /** One line of input: its 1-based number and its text, or {@code null} text when it is not valid UTF-8. */
    record Line(int number, String text) {

        boolean validUtf8() {
            return text != null;
        }

        /** The one-line error for a line that is not valid UTF-8. */
        String utf8Error() {
            return "line " + number + ": not valid UTF-8";
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[64 * 1024];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int start;
    private int end;
    private int number;
    private boolean eof;

    JobLines(InputStream in) {
        this.in = in;
    }

    /**
     * Opens the input a command was given: {@code null} or {@code -} is stdin; anything else is a
     * file, with a one-line message when it is missing, empty or a folder.
     */
    static JobLines open(String input, InputStream stdin) throws IOException {
        // inline JSON is handled by the caller; here only stdin or a file
        if (input == null || "-".equals(input)) {
            return new JobLines(stdin);
        }
        return new JobLines(Files.newInputStream(file(input)));
    }

    /** The file named by {@code input}, checked to be a readable regular file. */
    static Path file(String input) throws IOException {
        String hint = "; pass a file, - for stdin, or a job as JSON";
        if (input.isEmpty()) {
            throw new IllegalArgumentException("'': no such file" + hint);
        }
        Path path = Path.of(input);
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException("'" + input + "': is a folder" + hint);
        }
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("'" + input + "': no such file" + hint);
        }
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException("'" + input + "': cannot be read (permission denied)");
        }
        return path;
    }

    /** Counts the lines of a file without decoding it (for progress). */
    static long count(Path file) throws IOException {
        long lines = 0;
        boolean pending = false;
        byte[] b = new byte[64 * 1024];
        try (InputStream is = Files.newInputStream(file)) {
            int n;
            while ((n = is.read(b)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (b[i] == '\n') {
                        lines++;
                        pending = false;
                    } else {
                        pending = true;
                    }
                }
            }
        }
        return pending ? lines + 1 : lines;
    }

    /** The next line, or {@code null} at the end of the input. */
    Line next() throws IOException {
        line.reset();
        while (true) {
            if (start == end) {
                if (eof) {
                    break;
                }
                int n = in.read(buffer);
                if (n < 0) {
                    eof = true;
                    break;
                }
                start = 0;
                end = n;
            }
            int newline = -1;
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            if (newline >= 0) {
                line.write(buffer, start, newline - start);
                start = newline + 1;
                return decode();
            }
            line.write(buffer, start, end - start);
            start = end;
        }
        return line.size() == 0 ? null : decode();
    }

    private Line decode() {
        number++;
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            return new Line(number, decoder.reset().decode(ByteBuffer.wrap(bytes, 0, length)).toString());
        } catch (CharacterCodingException e) {
            return new Line(number, null);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
