package dev.imager.coordinator.deploy;

import static dev.imager.coordinator.deploy.ChartValueSets.DEFAULTS;
import static dev.imager.coordinator.deploy.ChartValueSets.JOB;
import static dev.imager.coordinator.deploy.ChartValueSets.POD_MODE;
import static dev.imager.coordinator.deploy.ChartValueSets.SERVICE_MONITOR;
import static dev.imager.coordinator.deploy.PodChecks.assertHardened;
import static dev.imager.coordinator.deploy.PodChecks.assertHealthzProbe;
import static dev.imager.coordinator.deploy.PodChecks.assertScraped;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.protocol.cli.GoDuration;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * The chart's pods as Kubernetes runs them, rendered by a real {@code helm}: probed on /healthz, CPU requests equal
 * to limits, hardened, scraped by Prometheus (and, optionally, by a ServiceMonitor selecting the release's metrics
 * ports), workers draining within their grace, and images tagged as the Dockerfiles build them. What the programs
 * are told and what they may do is {@link HelmChartIT}'s.
 */
class HelmPodsIT {

    @RegisterExtension
    static final PreparedChart CHART = new PreparedChart();

    @Test
    void workersAreProbedLimitedScrapedAndDrainInTime() throws IOException {
        for (String set : List.of(DEFAULTS, POD_MODE, JOB)) {
            Manifests m = CHART.chart().render("imager", "imager", set);
            Container worker = m.container("worker");
            CommandLine.ParseResult parsed = ProgramArgs.worker(worker);
            assertThat(parsed.matchedOptionValue("--nats-url", ""))
                    .isEqualTo(ProgramArgs.coordinator(m.container("coordinator")).nats().servers());
            assertThat(parsed.matchedOptionValue("--cpu-pinning", "")).as("worker.cpuPinning").isEqualTo("auto");
            Duration drain = GoDuration.parse(parsed.matchedOptionValue("--drain-timeout", "0s"));
            assertThat(drain).isEqualTo(Duration.ofSeconds(20));
            PodTemplateSpec pod = m.podOf("worker");
            assertThat((long) pod.getSpec().getTerminationGracePeriodSeconds())
                    .as("above --drain-timeout plus the 2 s request timeout").isGreaterThan(drain.toSeconds() + 2);
            assertHealthzProbe(worker.getStartupProbe(), "metrics");
            assertHealthzProbe(worker.getReadinessProbe(), "metrics");
            assertHealthzProbe(worker.getLivenessProbe(), "metrics");
            assertThat(worker.getPorts()).singleElement().satisfies(p -> {
                assertThat(p.getName()).isEqualTo("metrics");
                assertThat(p.getContainerPort()).isEqualTo(9100);
            });
            Map<String, Quantity> requests = worker.getResources().getRequests();
            assertThat(requests.get("cpu")).as("CPU requests equal limits").isEqualTo(worker.getResources()
                    .getLimits().get("cpu"));
            assertScraped(pod, 9100);
            assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();

            Container coordinator = m.container("coordinator");
            assertHealthzProbe(coordinator.getStartupProbe(), "http");
            assertHealthzProbe(coordinator.getReadinessProbe(), "http");
            assertHealthzProbe(coordinator.getLivenessProbe(), "http");
            assertScraped(m.podOf("coordinator"), 8099);

            m.podTemplates().forEach((owner, template) -> {
                if (owner.getMetadata().getName().startsWith("imager-nats")) {
                    return; // the stand-in subchart
                }
                assertHardened(owner.getMetadata().getName(), template);
            });
        }
    }

    @Test
    void serviceMonitorIsOptionalAndSelectsTheReleasesMetricsPorts() throws IOException {
        assertThat(CHART.chart().render("imager", "imager", DEFAULTS).custom("ServiceMonitor")).isEmpty();
        Manifests m = CHART.chart().render("imager", "imager", SERVICE_MONITOR);
        List<GenericKubernetesResource> monitors = m.custom("ServiceMonitor");
        assertThat(monitors).hasSize(1);
        GenericKubernetesResource monitor = monitors.get(0);
        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
        @SuppressWarnings("unchecked")
        Map<String, String> selector = (Map<String, String>) monitor.get("spec", "selector", "matchLabels");
        List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
        assertThat(endpoints).extracting(e -> e.get("port")).containsExactly("http", "metrics");
        for (String service : List.of("imager-coordinator", "imager-worker-metrics")) {
            Service s = m.get(Service.class, service);
            assertThat(s.getMetadata().getLabels()).containsAllEntriesOf(selector);
            assertThat(s.getSpec().getPorts()).anySatisfy(p -> assertThat(p.getName()).isIn("http", "metrics"));
        }
    }

    @Test
    void imagesDefaultToTheDockerfilesTags() throws IOException {
        Manifests m = CHART.chart().render("imager", "imager", DEFAULTS);
        assertThat(m.container("coordinator").getImage()).isEqualTo("imager/coordinator:local");
        assertThat(m.container("worker").getImage()).isEqualTo("imager/worker:local");
        assertThat(m.container("sumservice").getImage()).isEqualTo("imager/sumservice:local");
        for (Path file : RepoFiles.list(RepoFiles.root(), "")) {
            String name = file.getFileName().toString();
            if (name.startsWith("Dockerfile.")) {
                String module = name.substring("Dockerfile.".length());
                assertThat(RepoFiles.read(file)).contains("-t imager/" + module + ":local .");
            }
        }
    }
}
