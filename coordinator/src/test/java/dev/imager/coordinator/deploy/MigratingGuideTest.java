package dev.imager.coordinator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/migrating.md against the original's surface (spec §2.3, §6) and this repository: it names every flag of the
 * original executor and every metric of the original, and every new file and object name it gives exists.
 */
class MigratingGuideTest {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private final String guide = RepoFiles.read(RepoFiles.resolve("docs/migrating.md"));

    /** The cells of column {@code column} (0-based) of the table under the heading {@code heading}. */
    private List<String> column(String heading, int column) {
        int start = guide.indexOf("\n" + heading + "\n");
        assertThat(start).as("docs/migrating.md has a section %s", heading).isNotNegative();
        List<String> cells = new ArrayList<>();
        for (String line : guide.substring(start + heading.length() + 2).split("\n")) {
            if (line.startsWith("#")) {
                break;
            }
            String[] row = line.split("\\|");
            if (line.startsWith("|") && !line.startsWith("|---") && row.length > column + 1) {
                cells.add(row[column + 1].trim());
            }
        }
        assertThat(cells).as("rows under %s", heading).hasSizeGreaterThan(2);
        return cells.subList(1, cells.size()); // without the header row
    }

    private static List<String> code(String cell) {
        List<String> spans = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            spans.add(m.group(1));
        }
        return spans;
    }

    @Test
    void namesEveryFlagOfTheOriginalExecutor() {
        for (String flag : List.of("-host", "-port", "-workers", "-metrics-port")) {
            assertThat(guide).as("docs/migrating.md on the executor's %s", flag).contains("`" + flag);
        }
    }

    @Test
    void namesEveryMetricOfTheOriginal() {
        for (String metric : List.of("imager_orchestrator_jobs_dispatched_total", "imager_orchestrator_job_requests_total",
                "imager_orchestrator_registered_executors", "imager_orchestrator_target_pod_cpu_millicores",
                "imager_orchestrator_target_pod_memory_bytes", "imager_duration", "imager_successDuration",
                "imager_responseSize", "imager_firstByteDuration", "imager_success", "imager_failed",
                "imager_executor_jobs_picked_up_total", "imager_executor_job_requests_total")) {
            assertThat(guide).as("docs/migrating.md on %s", metric).contains("`" + metric + "`");
        }
    }

    @Test
    void everyNewManifestFileExists() {
        List<String> paths = column("### Manifest files", 1).stream().flatMap(cell -> code(cell).stream())
                .filter(span -> span.contains("/") && !span.contains("://")).toList();
        assertThat(paths).contains("deploy/k8s/coordinator-pod-mode.yaml", "deploy/k8s/worker.yaml");
        for (String path : paths) {
            assertThat(RepoFiles.resolve(path)).as("docs/migrating.md names %s", path).exists();
        }
    }

    @Test
    void everyNewObjectNameIsAnObjectOfTheManifests() throws Exception {
        String manifests;
        try (var files = Files.walk(RepoFiles.resolve("deploy"))) {
            manifests = files.filter(f -> f.toString().endsWith(".yaml")).map(RepoFiles::read)
                    .collect(Collectors.joining("\n"));
        }
        // Names the guide gives for the Helm chart (release-prefixed there) are the chart's business.
        List<String> names = column("### Kubernetes objects", 1).stream()
                .flatMap(cell -> code(cell).stream().filter(span -> !cell.contains(span + "` in the Helm chart")))
                .filter(span -> span.matches("imager-[a-z-]+|nats")).toList();
        assertThat(names).contains("imager-coordinator", "imager-worker", "imager-worker-metrics", "nats");
        for (String name : names) {
            assertThat(manifests).as("an object named %s in deploy/", name).contains("name: " + name + "\n");
        }
    }

    @Test
    void theReadmeLeadsToIt() {
        assertThat(RepoFiles.read(RepoFiles.resolve("README.md"))).contains("](docs/migrating.md)");
        assertThat(Path.of("..", "docs", "migrating.md")).exists();
    }
}
