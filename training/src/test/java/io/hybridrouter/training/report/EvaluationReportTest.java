package io.hybridrouter.training.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridrouter.training.EvaluationResult;
import io.hybridrouter.training.EvaluationResult.StrategyResult;
import io.hybridrouter.training.Evaluator;
import io.hybridrouter.training.RouterOverhead;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationReportTest {

    @Test
    void twoRunsInTheSameSecondGetTheirOwnReportFolders(@TempDir Path reports) throws IOException {
        LocalDateTime sameSecond = LocalDateTime.of(2026, 11, 27, 2, 30, 15);
        Path first = EvaluationReport.newFolder(reports, "demo", sameSecond);
        Path second = EvaluationReport.newFolder(reports, "demo", sameSecond);
        Path third = EvaluationReport.newFolder(reports, "demo", sameSecond);
        assertThat(first).isEqualTo(reports.resolve("demo-20261127-023015"));
        assertThat(second).isEqualTo(reports.resolve("demo-20261127-023015-2"));
        assertThat(third).isEqualTo(reports.resolve("demo-20261127-023015-3"));
        assertThat(Files.isDirectory(second)).isTrue();
    }

    @Test
    void aChartThatCannotBeWrittenIsAnIoErrorNamingTheFileAndPrintsNothing(@TempDir Path dir) throws IOException {
        // a folder where the chart file should go: opening the file fails whoever runs the test
        Files.createDirectories(dir.resolve(EvaluationReport.CHART));
        Map<String, StrategyResult> s = new LinkedHashMap<>();
        s.put(Evaluator.HYBRID, new StrategyResult(1, 1000, 100, 200, 0, 0, Map.of("lambda", 1000), 0, null));
        EvaluationResult r = new EvaluationResult(s, 0.9, null, 0, null, 1000, "m1", Map.of(), 5,
                new RouterOverhead(0, 0, 0, 0), null, null, null, null, null, null, null);
        PrintStream before = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> EvaluationReport.write(r, dir, "test")).isInstanceOf(IOException.class)
                    .hasMessageContaining(EvaluationReport.CHART);
        } finally {
            System.setErr(before);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
