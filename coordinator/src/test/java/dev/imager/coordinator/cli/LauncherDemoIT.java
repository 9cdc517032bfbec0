package dev.imager.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./imager demo}, shortened to a 1 s run: both JVMs it starts, sumservice and the coordinator, get
 * {@code $JAVA_OPTS} (docs/operations.md: the launcher starts the JVM with {@code $JAVA_OPTS}). Here the options make
 * each JVM print its flags; sumservice's output goes to its log in {@code $TMPDIR}.
 */
class LauncherDemoIT {

    @TempDir
    Path dir;

    @Test
    void bothJvmsOfTheDemoStartWithJavaOpts() throws Exception {
        Path log = dir.resolve("demo.log");
        ProcessBuilder builder = new ProcessBuilder("bash", Path.of("..", "imager").toString(), "demo", "--warmup",
                "0s", "--duration", "1s").redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("TMPDIR", dir.toString());
        builder.environment().put("IMAGER_DEMO_REPORT_DIR", dir.resolve("report").toString());
        builder.environment().put("JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        Process demo = builder.start();
        assertThat(demo.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(log);
        assertThat(demo.exitValue()).as(out).isZero();
        assertThat(out).as("the coordinator's output").contains("-XX:+PrintCommandLineFlags");

        List<Path> sumserviceLogs;
        try (Stream<Path> files = Files.list(dir)) {
            sumserviceLogs = files.filter(f -> f.getFileName().toString().startsWith("imager-sumservice.")).toList();
        }
        assertThat(sumserviceLogs).hasSize(1);
        assertThat(Files.readString(sumserviceLogs.get(0))).as("sumservice's log")
                .contains("-XX:+PrintCommandLineFlags").contains("listening on 127.0.0.1:");
    }
}
