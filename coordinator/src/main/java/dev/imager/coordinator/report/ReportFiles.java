package dev.imager.coordinator.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a run's report files into {@code --report-dir}. Each file is written to a temporary file in the
 * same directory and then moved into place, so a reader (a CI step, a browser, a second run writing the
 * same directory) never sees half a report.
 */
public final class ReportFiles {

    public static final String JSON_FILE = "report.json";
    public static final String HTML_FILE = "report.html";

    /**
     * The files written.
     *
     * @param json report.json
     * @param html report.html
     */
    public record Written(Path json, Path html) {
    }

    private ReportFiles() {
    }

    /**
     * Creates {@code dir} if needed and writes report.json and report.html into it, replacing older ones.
     *
     * @throws IOException naming the path that could not be created or written
     */
    public static Written write(RunReport report, Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create report directory " + dir + ": " + e, e);
        }
        Path json = dir.resolve(JSON_FILE);
        Path html = dir.resolve(HTML_FILE);
        writeAtomically(json, ReportJson.toJson(report));
        writeAtomically(html, HtmlReport.render(report));
        return new Written(json, html);
    }

    /**
     * Writes one file of a run's outputs (a JUnit report, a summary, a comparison page) the same way: its
     * directory is created when missing, and the content replaces an older file in one step.
     *
     * @throws IOException naming the path that could not be created or written
     */
    public static void writeFile(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create directory " + dir + ": " + e, e);
        }
        writeAtomically(file, content);
    }

    /**
     * Checks, before a run, that files can be written into {@code dir} (created if missing) the way the run's outputs
     * will be: a path that cannot take them is found in a second, not after a run of many minutes.
     *
     * @throws IOException naming the directory and why
     */
    public static void checkWritable(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create directory " + dir + ": " + e, e);
        }
        Path probe = dir.resolve(".imager-write-check." + UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(probe, "", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IOException("cannot write into " + dir + ": " + e, e);
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path temp = null;
        try {
            // Not Files.createTempFile: its files are private (0600), and a report is meant to be shared, so
            // the temporary file gets the umask's permissions like any other file the user creates.
            temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            Files.writeString(temp, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
            throw new IOException("cannot write " + target + ": " + e, e);
        }
    }
}
