package dev.imager.coordinator.deploy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A copy of charts/imager with the stand-in NATS chart in its charts/ directory (the real one needs the network:
 * {@code helm template} refuses a chart whose dependency is missing), rendered by a real {@code helm}.
 */
final class ImagerChart {

    private final Helm helm;
    private final Path dir;
    private final Path scratch;

    private ImagerChart(Helm helm, Path dir, Path scratch) {
        this.helm = helm;
        this.dir = dir;
        this.scratch = scratch;
    }

    /** Finds helm (or fails the test saying how to get it) and copies the chart under {@code scratch}. */
    static ImagerChart prepare(Path scratch) throws IOException, URISyntaxException {
        Helm helm = Helm.locate(scratch);
        return new ImagerChart(helm, copy(Files.createTempDirectory(scratch, "chart")), scratch);
    }

    /** Copies charts/imager into {@code dir}/imager, with the stand-in NATS chart and without Chart.lock. */
    static Path copy(Path dir) throws IOException, URISyntaxException {
        Path copy = dir.resolve("imager");
        RepoFiles.copyTree(RepoFiles.resolve("charts/imager"), copy);
        // A NATS chart fetched by `helm dependency build` may be there: the tests render the stand-in only, whose
        // version the lock does not name.
        RepoFiles.deleteTree(copy.resolve("charts"));
        Files.deleteIfExists(copy.resolve("Chart.lock"));
        // From the source tree, not the classpath: the operator module's tests get this class in a jar.
        Path standIn = RepoFiles.resolve("coordinator/src/test/resources/deploy/nats-standin");
        RepoFiles.copyTree(standIn, copy.resolve("charts/nats"));
        return copy;
    }

    Helm helm() {
        return helm;
    }

    Path dir() {
        return dir;
    }

    /** A values file holding {@code yaml}. */
    Path values(String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(scratch, "values", ".yaml"), yaml);
    }

    /** {@code helm template} output; fails the test when helm refuses. */
    String template(String release, String namespace, String yaml) throws IOException {
        return helm.template(dir, release, namespace, values(yaml));
    }

    /** The rendered objects, parsed strictly ({@link Manifests}). */
    Manifests render(String release, String namespace, String yaml) throws IOException {
        return Manifests.parse(template(release, namespace, yaml), "helm template " + release);
    }

    /** What helm says when it refuses {@code yaml} (release and namespace "imager"). */
    String refused(String yaml) throws IOException {
        return helm.templateError(dir, "imager", "imager", values(yaml));
    }
}
