package dev.imager.coordinator.deploy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link ImagerChart} per test class, so the chart tests do not each repeat the same {@code @TempDir} and
 * {@code @BeforeAll}: before the class's tests it makes a scratch directory, finds helm (or fails the test saying
 * how to get it, {@link Helm#locate}) and copies the chart there; after them it deletes the scratch directory.
 * Register it on a static field, {@code @RegisterExtension static final PreparedChart CHART = new PreparedChart();},
 * and use {@link #chart()} and {@link #scratch()} from tests and from {@code @BeforeAll} methods, which run after
 * it. Public for the operator module's chart tests (the coordinator's test-jar), which reach the chart through
 * their {@code RenderedChart}.
 */
public final class PreparedChart implements BeforeAllCallback, AfterAllCallback {

    private Path scratch;
    private ImagerChart chart;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, URISyntaxException {
        scratch = Files.createTempDirectory("imager-chart");
        chart = ImagerChart.prepare(scratch);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Path dir = scratch;
        scratch = null;
        chart = null;
        if (dir != null) {
            RepoFiles.deleteTree(dir);
        }
    }

    /** The copy of the chart, with helm to render it. */
    ImagerChart chart() {
        prepared();
        return chart;
    }

    /** This test class's scratch directory (the chart's copy and helm's state are in it); deleted after the class. */
    Path scratch() {
        prepared();
        return scratch;
    }

    private void prepared() {
        if (chart == null) {
            throw new IllegalStateException("no chart: PreparedChart is registered on a static @RegisterExtension "
                    + "field and used while the class's tests run");
        }
    }
}
