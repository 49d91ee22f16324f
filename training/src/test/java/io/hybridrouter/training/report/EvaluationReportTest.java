package io.hybridrouter.training.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
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
}
