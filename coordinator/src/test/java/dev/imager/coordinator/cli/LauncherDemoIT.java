package dev.imager.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./imager demo}, shortened to a 1 s run: both JVMs it starts, sumservice and the coordinator, get
 * {@code $JAVA_OPTS} (docs/operations.md: the launcher starts the JVM with {@code $JAVA_OPTS}). Here the options make
 * each JVM write a log of its own, named by its process id, whose command line says which program it ran. The demo
 * leaves nothing else behind in {@code $TMPDIR}: sumservice's log goes with it.
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
        builder.environment().put("JAVA_OPTS", "-XX:+UnlockDiagnosticVMOptions -XX:+LogVMOutput -XX:LogFile="
                + dir.resolve("jvm-%p.log"));
        Process demo = builder.start();
        assertThat(demo.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(log);
        assertThat(demo.exitValue()).as(out).isZero();

        List<String> jvmLogs = new ArrayList<>();
        List<String> left = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith("jvm-")) {
                    jvmLogs.add(Files.readString(f));
                } else if (!name.equals("demo.log") && !name.equals("report")) {
                    left.add(name);
                }
            }
        }
        assertThat(jvmLogs).as("one log per JVM started with $JAVA_OPTS").hasSize(2);
        assertThat(jvmLogs).anySatisfy(l -> assertThat(l).contains("imager-sumservice-"))
                .anySatisfy(l -> assertThat(l).contains("imager-coordinator-"));
        assertThat(left).as("what the demo left in $TMPDIR").isEmpty();
    }
}
