package dev.imager.coordinator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Headless Chromium for the page tests: a page's DOM once its scripts ran ({@link #dumpDom}), a screenshot, or a
 * browser that stays open on a live page and answers JavaScript through the DevTools protocol ({@link DevTools}).
 * Every browser runs with a throw-away profile, no network services of its own, and a time limit.
 */
public final class Chromium {

    public static final Path BINARY = Path.of("/usr/bin/chromium");
    public static final long TIMEOUT_SECONDS = 90;

    private Chromium() {
    }

    /** Fails the test, saying how to install Chromium, when it is missing (never skips). */
    public static void requireInstalled() {
        if (!Files.isExecutable(BINARY)) {
            fail(BINARY + " is missing: the HTML pages are tested in a real browser. Install it with "
                    + "`sudo apt-get install -y chromium` (Debian package chromium; CI installs it the same way).");
        }
    }

    /** The DOM of {@code html} after its scripts ran; it is also left next to the page as dom.html. */
    public static String dumpDom(Path html) throws IOException, InterruptedException {
        Path dom = html.resolveSibling("dom.html");
        run(html, dom, "--dump-dom");
        return Files.readString(dom);
    }

    /** The command line of a headless browser with {@code profile} and {@code flags}, opening {@code url}. */
    static List<String> command(Path profile, String url, String... flags) {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--enable-logging=stderr",
                "--user-data-dir=" + profile));
        command.addAll(List.of(flags));
        command.add(url);
        return command;
    }

    /**
     * Runs Chromium on {@code html} with the extra flags until it exits, its stdout going to {@code stdout}; fails
     * on a time-out, a non-zero exit or an uncaught JavaScript error.
     */
    public static void run(Path html, Path stdout, String... flags) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("imager-chromium-profile");
        Path stderr = Files.createTempFile("imager-chromium", ".err");
        List<String> command = command(profile, html.toAbsolutePath().toUri().toString(), flags);
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command + "\n"
                        + Files.readString(stderr));
            }
            String errors = Files.readString(stderr);
            assertThat(process.exitValue()).as("Chromium exit code; stderr:\n%s", errors).isZero();
            assertThat(errors).as("JavaScript errors on the page").doesNotContain("Uncaught");
        } finally {
            stop(process);
            Files.deleteIfExists(stderr);
            deleteTree(profile);
        }
    }

    /** Ends a browser and the helper processes it started. */
    static void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
