package dev.imager.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFilesTest {

    @Test
    void writesBothFilesIntoANewDirectory(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("nested/reports");
        ReportFiles.Written written = ReportFiles.write(SampleReports.small(), dir);
        assertThat(written.json()).isEqualTo(dir.resolve("report.json"));
        assertThat(written.html()).isEqualTo(dir.resolve("report.html"));
        assertThat(Files.readString(written.json())).isEqualTo(ReportJson.toJson(SampleReports.small()));
        assertThat(Files.readString(written.html())).isEqualTo(HtmlReport.render(SampleReports.small()));
    }

    @Test
    void replacesAnEarlierReportAndLeavesNoTemporaryFiles(@TempDir Path dir) throws IOException {
        ReportFiles.write(SampleReports.small(), dir);
        ReportFiles.write(SampleReports.empty(), dir);
        assertThat(ReportJson.read(dir.resolve("report.json"))).isEqualTo(SampleReports.empty());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("report.json",
                    "report.html");
        }
    }

    @Test
    void reportsAreAsReadableAsAnyNewFile(@TempDir Path dir) throws IOException {
        ReportFiles.Written written = ReportFiles.write(SampleReports.small(), dir);
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        assertThat(Files.getPosixFilePermissions(written.json())).isEqualTo(Files.getPosixFilePermissions(plain));
        assertThat(Files.getPosixFilePermissions(written.html())).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void failuresNameThePath(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> ReportFiles.write(SampleReports.small(), file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot create report directory " + file);
        Path blocked = Files.createDirectories(tmp.resolve("blocked/report.json"));
        Files.writeString(blocked.resolve("keep"), "x");
        assertThatThrownBy(() -> ReportFiles.write(SampleReports.small(), blocked.getParent()))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot write " + blocked);
    }
}
