package io.hybridrouter.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ClassifyCommandTest {

    private static String[] run(boolean terminal, String stdin) {
        ClassifyCommand command = new ClassifyCommand();
        command.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        command.stdinIsTerminal = () -> terminal;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute();
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void readingFromATerminalSaysThatJobsAreAwaitedOnStderr() {
        String[] r = run(true, "");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).isEmpty();
        assertThat(r[2]).isEqualTo("reading jobs from stdin (Ctrl-D to end)" + System.lineSeparator());
    }

    @Test
    void readingFromAPipeSaysNothingExtra() {
        String[] r = run(false, "{\"workload_type\":\"data_etl\",\"payload_size_kb\":1,\"time_window\":\"night\","
                + "\"load_pattern\":\"low_load\"}\n");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).contains("\"platform\"");
        assertThat(r[2]).isEmpty();
    }
}
