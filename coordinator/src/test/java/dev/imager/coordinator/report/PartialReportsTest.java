package dev.imager.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imager.coordinator.ledger.RunTotals;
import dev.imager.coordinator.run.FinishedRun;
import dev.imager.coordinator.testing.Configs;
import dev.imager.protocol.message.RequestStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartialReportsTest {

    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path dir;

    private final ReportCollector collector = new ReportCollector(
            Configs.parse("-target-mode", "url", "-target-url", "http://127.0.0.1:8080"), "test");

    @Test
    void eachSnapshotBecomesAPartialReportOnDiskAndNoneComesAfterClose() throws Exception {
        Path json = dir.resolve(ReportFiles.JSON_FILE);
        try (PartialReports partial = new PartialReports(collector, Optional.of(dir))) {
            partial.onSnapshot(soFar(3));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(json));
            RunReport written = ReportJson.read(json);
            assertThat(written.partial()).isTrue();
            assertThat(written.endReason()).isEqualTo("running");
            assertThat(written.endedAt()).isEqualTo(START.plusSeconds(3));
            assertThat(Files.readString(dir.resolve(ReportFiles.HTML_FILE))).contains("(partial)");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                partial.onSnapshot(soFar(6));
                assertThat(ReportJson.read(json).endedAt()).isEqualTo(START.plusSeconds(6));
            });
        }
        // What the final report then writes is not overwritten by a late snapshot.
        RunReport fin = collector.build(soFar(9));
        ReportFiles.write(fin, dir);
        PartialReports closed = new PartialReports(collector, Optional.of(dir));
        closed.close();
        closed.onSnapshot(soFar(12));
        assertThat(ReportJson.read(json).partial()).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(ReportFiles.JSON_FILE, ReportFiles.HTML_FILE);
        }
    }

    @Test
    void withoutAReportDirectoryNothingIsWritten() {
        try (PartialReports partial = new PartialReports(collector, Optional.empty())) {
            partial.onSnapshot(soFar(3));
        }
        assertThat(dir).isEmptyDirectory();
    }

    private static FinishedRun soFar(long seconds) {
        return new FinishedRun("run", "coordinator", START, START.plusSeconds(seconds), "running", false, false,
                new RunTotals(0, 0, RequestStats.EMPTY, 0), List.of(), OptionalDouble.empty(), "", 1, 1.0, 0);
    }
}
