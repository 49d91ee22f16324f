package io.hybridrouter.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobLinesTest {

    private static List<JobLines.Line> read(byte[] bytes) throws IOException {
        List<JobLines.Line> lines = new ArrayList<>();
        try (JobLines in = new JobLines(new ByteArrayInputStream(bytes))) {
            JobLines.Line l;
            while ((l = in.next()) != null) {
                lines.add(l);
            }
        }
        return lines;
    }

    @Test
    void aLineWithABadByteIsReportedByNumberAndTheOthersAreRead() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("first é\r\n".getBytes(StandardCharsets.UTF_8));
        b.write(new byte[] {'b', 'a', 'd', (byte) 0xFF, '\n'});
        b.write(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'});
        b.write("\nlast 😀".getBytes(StandardCharsets.UTF_8));

        List<JobLines.Line> lines = read(b.toByteArray());

        assertThat(lines).containsExactly(new JobLines.Line(1, "first é"), new JobLines.Line(2, null),
                new JobLines.Line(3, null), new JobLines.Line(4, ""), new JobLines.Line(5, "last 😀"));
        assertThat(lines.get(1).utf8Error()).isEqualTo("line 2: not valid UTF-8");
    }

    @Test
    void linesLongerThanTheBufferAreWhole() throws IOException {
        String big = "x".repeat(200_000);
        assertThat(read((big + "\n" + big).getBytes(StandardCharsets.UTF_8))).extracting(JobLines.Line::text)
                .containsExactly(big, big);
    }

    @Test
    void countsLinesWithoutDecoding(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("f");
        Files.write(f, new byte[] {'a', '\n', (byte) 0xFF, '\n', 'c'});
        assertThat(JobLines.count(f)).isEqualTo(3);
        Files.write(f, new byte[] {'a', '\n'});
        assertThat(JobLines.count(f)).isEqualTo(1);
    }
}
