package dev.imager.coordinator.deploy;

import static dev.imager.coordinator.deploy.Kustomizations.applied;
import static dev.imager.coordinator.deploy.Kustomizations.fieldNames;
import static dev.imager.coordinator.deploy.Kustomizations.files;
import static dev.imager.coordinator.deploy.Kustomizations.kustomization;
import static dev.imager.coordinator.deploy.Kustomizations.resources;
import static dev.imager.coordinator.deploy.PodChecks.assertHardened;
import static dev.imager.coordinator.deploy.PodChecks.assertHealthzProbe;
import static dev.imager.coordinator.deploy.PodChecks.assertScraped;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imager.coordinator.source.FileRequestSource;
import dev.imager.protocol.cli.GoDuration;
import dev.imager.protocol.message.RequestSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The kustomize manifests of deploy/, checked without a cluster or a kustomize binary: every
 * YAML file parses into fabric8's typed model with no unknown field, every file is in its kustomization (the
 * alternative coordinators aside), namespaces and RBAC are right, the container arguments are accepted by the
 * programs' own parsers, image names match the Dockerfiles, and the example request file parses. What the
 * coordinators run is {@link DeployCoordinatorsIT}'s.
 */
class DeployManifestsIT {

    /** Alternatives to coordinator-pod-mode.yaml, applied by hand (docs/deploy.md), so not in the kustomization. */
    private static final Set<String> K8S_ALTERNATIVES = Set.of("coordinator-service-mode.yaml",
            "coordinator-url-mode.yaml");
    private static final Pattern DOCKER_TAG = Pattern.compile("docker build -f (Dockerfile\\.(\\w+)) -t (\\S+) \\.");
    @Test
    void everyFileParsesIntoTypedObjectsWithoutUnknownFields() {
        Map<String, Manifests> k8s = files("k8s");
        Map<String, Manifests> demo = files("demo");
        Map<String, Manifests> nats = files("nats");
        assertThat(k8s.keySet()).containsExactlyInAnyOrder("namespace.yaml", "rbac.yaml", "configmap.yaml",
                "test-service.yaml", "coordinator-pod-mode.yaml", "worker.yaml",
                "coordinator-service-mode.yaml", "coordinator-url-mode.yaml");
        assertThat(demo.keySet()).containsExactlyInAnyOrder("namespaces.yaml", "sumservice.yaml", "rbac.yaml",
                "coordinator.yaml", "worker.yaml");
        assertThat(nats.keySet()).containsExactlyInAnyOrder("nats.yaml", "nats-box.yaml");
        for (Map<String, Manifests> dir : List.of(k8s, demo, nats)) {
            dir.values().forEach(m -> assertThat(m.docs()).isNotEmpty());
        }
    }

    @Test
    void kustomizationsListEveryFileButTheAlternativeCoordinators() {
        JsonNode k8s = kustomization("k8s");
        assertThat(k8s.path("apiVersion").asText()).isEqualTo("kustomize.config.k8s.io/v1beta1");
        assertThat(k8s.path("kind").asText()).isEqualTo("Kustomization");
        Set<String> expected = new java.util.TreeSet<>(files("k8s").keySet());
        expected.removeAll(K8S_ALTERNATIVES);
        // Both stacks include deploy/nats, the closed NATS (KustomizeNatsIT).
        expected.add("../nats");
        assertThat(resources("k8s")).containsExactlyInAnyOrderElementsOf(expected)
                .doesNotContainAnyElementsOf(K8S_ALTERNATIVES);
        Set<String> demo = new java.util.TreeSet<>(files("demo").keySet());
        demo.add("../nats");
        assertThat(resources("demo")).containsExactlyInAnyOrderElementsOf(demo);
        assertThat(resources("nats")).containsExactlyInAnyOrderElementsOf(files("nats").keySet());
        // Only resources, and deploy/nats's two generators (Kustomizations.applied makes their objects): nothing
        // this file-by-file check would miss.
        assertThat(fieldNames(k8s)).containsExactlyInAnyOrder("apiVersion", "kind", "namespace", "resources");
        assertThat(fieldNames(kustomization("demo"))).containsExactlyInAnyOrder("apiVersion", "kind", "resources");
        assertThat(fieldNames(kustomization("nats"))).containsExactlyInAnyOrder("apiVersion", "kind", "resources",
                "configMapGenerator", "secretGenerator");
    }

    @Test
    void namespacesAreExplicitAndRight() {
        // deploy/k8s: the transformer puts everything in "imager", and every file (deploy/nats's too) says so
        // itself, so the files also work in deploy/demo, which has no transformer.
        assertThat(kustomization("k8s").path("namespace").asText()).isEqualTo("imager");
        for (String dir : List.of("k8s", "nats")) {
            files(dir).forEach((file, manifests) -> manifests.objects().stream()
                    .filter(o -> !(o instanceof Namespace))
                    .forEach(o -> assertThat(o.getMetadata().getNamespace())
                            .as("%s/%s %s", dir, file, o.getMetadata().getName()).isEqualTo("imager")));
        }
        assertThat(applied("k8s").all(Namespace.class)).extracting(n -> n.getMetadata().getName())
                .containsExactly("imager");

        // deploy/demo: no transformer; the target in imagerdemo, imager itself in imager.
        assertThat(kustomization("demo").has("namespace")).isFalse();
        Manifests demo = applied("demo");
        assertThat(demo.all(Namespace.class)).extracting(n -> n.getMetadata().getName())
                .containsExactlyInAnyOrder("imager", "imagerdemo");
        for (HasMetadata o : demo.objects()) {
            if (o instanceof Namespace) {
                continue;
            }
            String name = o.getMetadata().getName();
            boolean target = name.equals("sumservice") || o instanceof Role || o instanceof RoleBinding;
            assertThat(o.getMetadata().getNamespace()).as("%s %s", o.getKind(), name)
                    .isEqualTo(target ? "imagerdemo" : "imager");
        }
    }

    @Test
    void rbacIsTheDocumentedLeastPrivilegeAndSubjectsNameTheirNamespace() {
        Manifests k8s = applied("k8s");
        Manifests demo = applied("demo");
        Manifests serviceMode = files("k8s").get("coordinator-service-mode.yaml");
        assertThat(Rbac.grants(k8s.get(Role.class, "imager-coordinator-target"))).isEqualTo(Rbac.documented("pod"));
        assertThat(Rbac.grants(demo.get(Role.class, "imager-coordinator-target"))).isEqualTo(Rbac.documented("pod"));
        assertThat(Rbac.grants(serviceMode.get(Role.class, "imager-coordinator-target-service")))
                .isEqualTo(Rbac.documented("service"));
        assertThat(files("k8s").get("coordinator-url-mode.yaml").all(Role.class)).isEmpty();

        for (Manifests m : List.of(k8s, demo, serviceMode)) {
            for (RoleBinding binding : m.all(RoleBinding.class)) {
                assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
                assertThat(m.find(Role.class, binding.getRoleRef().getName())).as("role of %s", binding).isPresent();
                assertThat(m.get(Role.class, binding.getRoleRef().getName()).getMetadata().getNamespace())
                        .isEqualTo(binding.getMetadata().getNamespace());
                assertThat(binding.getSubjects()).hasSize(1);
                Subject subject = binding.getSubjects().get(0);
                assertThat(subject.getKind()).isEqualTo("ServiceAccount");
                assertThat(subject.getName()).isEqualTo("imager-coordinator");
                assertThat(subject.getNamespace()).as("subject namespace of %s", binding.getMetadata().getName())
                        .isEqualTo("imager");
            }
            assertThat(m.all(io.fabric8.kubernetes.api.model.rbac.ClusterRole.class)).isEmpty();
            assertThat(m.all(io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding.class)).isEmpty();
        }
        assertThat(k8s.get(ServiceAccount.class, "imager-coordinator").getMetadata().getNamespace()).isEqualTo("imager");
        assertThat(demo.get(ServiceAccount.class, "imager-coordinator").getMetadata().getNamespace()).isEqualTo("imager");
        // The demo's Role sits with its target, the ServiceAccount with imager.
        assertThat(demo.get(RoleBinding.class, "imager-coordinator-target").getMetadata().getNamespace())
                .isEqualTo("imagerdemo");
    }

    @Test
    void workersAndCoordinatorsAreHardenedProbedAndScraped() {
        for (String name : List.of("k8s", "demo")) {
            Manifests m = applied(name);
            Container worker = m.container("worker");
            CommandLine.ParseResult parsed = ProgramArgs.worker(worker);
            Duration drain = GoDuration.parse(parsed.matchedOptionValue("--drain-timeout", "20s"));
            assertThat(ProgramArgs.coordinator(m.container("coordinator")).nats().servers())
                    .isEqualTo(parsed.matchedOptionValue("--nats-url", ""));
            PodTemplateSpec workerPod = m.podOf("worker");
            assertThat((long) workerPod.getSpec().getTerminationGracePeriodSeconds())
                    .as("%s: worker grace period above --drain-timeout plus the 2 s request timeout", name)
                    .isGreaterThan(drain.toSeconds() + 2);
            assertThat(workerPod.getSpec().getAutomountServiceAccountToken()).isFalse();
            assertScraped(workerPod, 9100);
            assertThat(m.get(Service.class, "imager-worker-metrics").getSpec().getPorts().get(0).getPort())
                    .isEqualTo(9100);
            for (String probePort : List.of("metrics")) {
                assertHealthzProbe(worker.getStartupProbe(), probePort);
                assertHealthzProbe(worker.getReadinessProbe(), probePort);
                assertHealthzProbe(worker.getLivenessProbe(), probePort);
            }

            Container coordinator = m.container("coordinator");
            assertHealthzProbe(coordinator.getStartupProbe(), "http");
            assertHealthzProbe(coordinator.getReadinessProbe(), "http");
            assertHealthzProbe(coordinator.getLivenessProbe(), "http");
            assertScraped(m.podOf("coordinator"), 8099);
            assertThat(m.get(Service.class, "imager-coordinator").getSpec().getPorts().get(0).getPort()).isEqualTo(8099);

            m.podTemplates().forEach((owner, pod) -> assertHardened(name + " " + owner.getMetadata().getName(), pod));
        }
        files("k8s").forEach((file, m) -> m.podTemplates()
                .forEach((owner, pod) -> assertHardened(file + " " + owner.getMetadata().getName(), pod)));
    }

    @Test
    void imagesMatchTheDockerfiles() {
        Map<String, String> images = dockerfileImages();
        assertThat(images).containsOnly(Map.entry("coordinator", "imager/coordinator:local"),
                Map.entry("worker", "imager/worker:local"), Map.entry("sumservice", "imager/sumservice:local"),
                Map.entry("operator", "imager/operator:local"));
        for (String name : List.of("k8s", "demo", "nats")) {
            Map<String, Manifests> all = files(name);
            all.forEach((file, m) -> m.podTemplates().values().forEach(pod -> pod.getSpec().getContainers()
                    .forEach(c -> {
                        if (images.containsKey(c.getName())) {
                            assertThat(c.getImage()).as("%s/%s container %s", name, file, c.getName())
                                    .isEqualTo(images.get(c.getName()));
                        } else {
                            assertThat(c.getImage()).as("%s/%s container %s", name, file, c.getName())
                                    .doesNotStartWith("imager/");
                        }
                        assertThat(c.getImagePullPolicy()).isEqualTo("IfNotPresent");
                    })));
        }
    }

    @Test
    void exampleRequestFileParsesWithTheCoordinatorsParser() {
        List<RequestSpec> requests = new FileRequestSource(RepoFiles.resolve("deploy/examples/requests.json"))
                .requests();
        assertThat(requests).extracting(RequestSpec::method, RequestSpec::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", "/"),
                        org.assertj.core.groups.Tuple.tuple("GET", "/status"),
                        org.assertj.core.groups.Tuple.tuple("GET", "/anything"));
        assertThat(requests.get(0).headers()).isEmpty();
        assertThat(requests.get(2).headers()).containsExactly(Map.entry("X-Imager-Run", List.of("true")));
    }

    @Test
    void requestSourceConfigMapHoldsTheExampleRequests(@TempDir Path tmp) throws IOException {
        ConfigMap configMap = applied("k8s").get(ConfigMap.class, "imager-request-source");
        String file = configMap.getData().get("requests.json");
        assertThat(file).isEqualTo(RepoFiles.read(RepoFiles.resolve("deploy/examples/requests.json")));
        Path written = Files.writeString(tmp.resolve("requests.json"), file);
        assertThat(new FileRequestSource(written).requests()).hasSize(3);
    }

    // ---- helpers ----

    /** Dockerfile.<module> -> the image its documented `docker build -t` gives. */
    private static Map<String, String> dockerfileImages() {
        Map<String, String> images = new TreeMap<>();
        for (Path file : RepoFiles.list(RepoFiles.root(), "")) {
            if (file.getFileName().toString().startsWith("Dockerfile.")) {
                Matcher m = DOCKER_TAG.matcher(RepoFiles.read(file));
                assertThat(m.find()).as("%s documents its `docker build -f ... -t ... .`", file.getFileName()).isTrue();
                assertThat(m.group(1)).isEqualTo(file.getFileName().toString());
                images.put(m.group(2), m.group(3));
            }
        }
        return images;
    }
}
