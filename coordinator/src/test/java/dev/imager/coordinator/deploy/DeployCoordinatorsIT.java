package dev.imager.coordinator.deploy;

import static dev.imager.coordinator.deploy.PodChecks.assertHealthzProbe;
import static dev.imager.coordinator.deploy.Kustomizations.applied;
import static dev.imager.coordinator.deploy.Kustomizations.files;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.imager.coordinator.config.CoordinatorConfig;
import dev.imager.coordinator.config.RequestSettings;
import dev.imager.coordinator.config.TargetMode;
import dev.imager.sumservice.SumServiceConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the coordinators of deploy/ run, read from their arguments by the coordinator's own parser: in deploy/k8s
 * the original's step profile against the test service, in each of the three target modes; in deploy/demo a
 * capacity search of sumservice, whose capacity lies inside the searched range. Kept apart from
 * {@link DeployManifestsIT}, which checks that the files are well formed and safe: these pin what a deployed run
 * does.
 */
class DeployCoordinatorsIT {

    @Test
    void k8sCoordinatorsRunTheOriginalProfileInEachMode() {
        Manifests k8s = applied("k8s");
        CoordinatorConfig pod = ProgramArgs.coordinator(k8s.container("coordinator"));
        assertThat(pod.target().mode()).isEqualTo(TargetMode.POD);
        assertThat(pod.target().namespace()).isEqualTo("imager");
        assertThat(pod.target().deployment()).isEqualTo("imager-test-service");
        assertThat(k8s.find(Deployment.class, pod.target().deployment())).isPresent();
        assertThat(pod.requests().sourceType()).isEqualTo("file");
        assertThat(pod.requests().sourceFile()).isEqualTo("/config/requests.json");
        assertThat(List.of(pod.load().calculator(), pod.load().minRps(), pod.load().maxRps(), pod.load().stepRps()))
                .containsExactly("step", 5L, 50L, 5L);
        assertThat(pod.target().inCluster()).isTrue();
        assertThat(pod.run().duration()).isEmpty();
        assertNatsUrlNamesTheNatsService(pod, k8s);
        assertThat(pod.run().minWorkers()).isEqualTo(k8s.get(Deployment.class, "imager-worker").getSpec().getReplicas())
                .isEqualTo(3);
        assertConfigMapMountedAtConfig(k8s);
        assertThat(k8s.get(Deployment.class, "imager-coordinator").getSpec().getStrategy().getType())
                .isEqualTo("Recreate");

        Manifests serviceFile = files("k8s").get("coordinator-service-mode.yaml");
        CoordinatorConfig service = ProgramArgs.coordinator(serviceFile.container("coordinator"));
        assertThat(service.target().mode()).isEqualTo(TargetMode.SERVICE);
        assertThat(service.target().service()).isEqualTo("imager-test-service");
        assertThat(k8s.find(Service.class, service.target().service())).isPresent();
        assertThat(serviceFile.get(Deployment.class, "imager-coordinator").getSpec().getTemplate().getSpec()
                .getServiceAccountName()).isEqualTo("imager-coordinator");

        Manifests urlFile = files("k8s").get("coordinator-url-mode.yaml");
        CoordinatorConfig url = ProgramArgs.coordinator(urlFile.container("coordinator"));
        assertThat(url.target().mode()).isEqualTo(TargetMode.URL);
        URI target = URI.create(url.target().url());
        // Inside the cluster, never loopback, never the internet: <service>.<namespace>.svc.
        assertThat(target.getHost()).isEqualTo("imager-test-service.imager.svc").doesNotContain("localhost");
        assertThat(target.getPort()).isEqualTo(k8s.get(Service.class, "imager-test-service").getSpec().getPorts()
                .get(0).getPort());
        PodSpec urlPod = urlFile.podOf("coordinator").getSpec();
        assertThat(urlPod.getServiceAccountName()).isNull();
        assertThat(urlPod.getAutomountServiceAccountToken()).isFalse();

        // The alternatives replace the pod-mode Deployment: same name and namespace, and otherwise the same pod.
        for (Manifests alternative : List.of(serviceFile, urlFile)) {
            Deployment d = alternative.get(Deployment.class, "imager-coordinator");
            assertThat(d.getMetadata().getNamespace()).isEqualTo("imager");
            assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .isEqualTo(k8s.container("coordinator").getImage());
            assertThat(alternative.all(Service.class)).isEmpty();
        }
    }

    @Test
    void demoCoordinatorSearchesTheCapacityOfSumservice() {
        Manifests demo = applied("demo");
        CoordinatorConfig config = ProgramArgs.coordinator(demo.container("coordinator"));
        assertThat(config.target().mode()).isEqualTo(TargetMode.POD);
        assertThat(config.target().namespace()).isEqualTo("imagerdemo");
        assertThat(config.target().deployment()).isEqualTo("sumservice");
        Deployment sumservice = demo.get(Deployment.class, "sumservice");
        assertThat(sumservice.getMetadata().getNamespace()).isEqualTo("imagerdemo");
        assertThat(sumservice.getSpec().getReplicas()).isEqualTo(3);
        assertThat(config.requests().sourceType()).isEqualTo("random-sum");
        RequestSettings requests = config.requests();
        assertThat(List.of(requests.randomSumPath(), requests.randomSumMin(), requests.randomSumMax()))
                .containsExactly("/sum", 1L, 1000L);
        assertThat(config.load().calculator()).isEqualTo("adaptive-exponential");
        assertThat(config.load().adaptiveMaxLatencyMs()).as("a p99 limit, so the search finds a capacity").isPositive();
        assertNatsUrlNamesTheNatsService(config, demo);
        assertThat(config.run().minWorkers())
                .isEqualTo(demo.get(Deployment.class, "imager-worker").getSpec().getReplicas())
                .isEqualTo(5);

        // The capacity to find: C x 1000 / S per pod, and above -min-rps, below -max-rps.
        SumServiceConfig target = ProgramArgs.sumservice(demo.container("sumservice"));
        assertThat(target.port()).isEqualTo(8080);
        long capacity = target.concurrency() * 1000L / target.serviceTimeMs();
        assertThat(capacity).isEqualTo(200).isBetween(config.load().minRps(), config.load().maxRps());
        Container sum = demo.container("sumservice");
        assertHealthzProbe(sum.getReadinessProbe(), "http");
        assertHealthzProbe(sum.getLivenessProbe(), "http");
        assertThat(demo.podOf("sumservice").getSpec().getEnableServiceLinks()).isFalse();
    }

    // ---- helpers ----

    /** repository:tag of an image in the chart's values.yaml, by its JSON pointer. */
    private static String chartImage(String pointer) {
        try {
            JsonNode image = new YAMLMapper().readTree(RepoFiles.resolve("charts/imager/values.yaml").toFile()).at(pointer);
            return image.get("repository").asText() + ":" + image.get("tag").asText();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertNatsUrlNamesTheNatsService(CoordinatorConfig config, Manifests m) {
        URI nats = URI.create(config.nats().servers());
        assertThat(nats.getScheme()).isEqualTo("nats");
        Service service = m.get(Service.class, nats.getHost());
        assertThat(service.getSpec().getPorts()).anySatisfy(p -> assertThat(p.getPort()).isEqualTo(nats.getPort()));
        // The NATS server the chart's locked NATS chart runs (HelmNatsAuthIT#imagesArePinnedAndDocumented).
        assertThat(m.find(Deployment.class, nats.getHost()).orElseThrow().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage()).isEqualTo(chartImage("/nats/container/image"));
    }

    private static void assertConfigMapMountedAtConfig(Manifests m) {
        PodSpec pod = m.podOf("coordinator").getSpec();
        assertThat(m.container("coordinator").getVolumeMounts())
                .anySatisfy(v -> {
                    assertThat(v.getMountPath()).isEqualTo("/config");
                    assertThat(pod.getVolumes()).anySatisfy(vol -> {
                        assertThat(vol.getName()).isEqualTo(v.getName());
                        assertThat(vol.getConfigMap().getName()).isEqualTo("imager-request-source");
                    });
                });
    }
}
