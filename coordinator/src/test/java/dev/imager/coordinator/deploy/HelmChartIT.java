package dev.imager.coordinator.deploy;

import static dev.imager.coordinator.deploy.PodChecks.assertHealthzProbe;
import static dev.imager.coordinator.deploy.ChartValueSets.DEFAULTS;
import static dev.imager.coordinator.deploy.ChartValueSets.EXTERNAL_NATS;
import static dev.imager.coordinator.deploy.ChartValueSets.JOB;
import static dev.imager.coordinator.deploy.ChartValueSets.POD_MODE;
import static dev.imager.coordinator.deploy.ChartValueSets.REQUESTS;
import static dev.imager.coordinator.deploy.ChartValueSets.SERVICE_MODE;
import static dev.imager.coordinator.deploy.ChartValueSets.TLS;
import static dev.imager.coordinator.deploy.ChartValueSets.URL_MODE;
import static dev.imager.coordinator.deploy.ChartValueSets.VALUE_SETS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.config.CoordinatorConfig;
import dev.imager.coordinator.config.LoadSettings;
import dev.imager.coordinator.config.TargetMode;
import dev.imager.coordinator.source.FileRequestSource;
import dev.imager.protocol.message.RequestSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Helm chart, rendered by a real {@code helm} for several value sets (with a stand-in NATS subchart, since
 * the real one needs the network): {@code helm lint --strict} passes, every rendered document parses into
 * fabric8's typed model with no unknown field, the coordinator's and the workers' arguments are accepted by
 * their own parsers and carry the values given, RBAC is exactly docs/rbac/'s least privilege in the target
 * namespace (none in url mode). How the pods run (probes, limits, hardening, scraping, images) is
 * {@link HelmPodsIT}'s.
 */
class HelmChartIT {

    @RegisterExtension
    static final PreparedChart CHART = new PreparedChart();

    static Manifests render(String release, String namespace, String yaml) throws IOException {
        return CHART.chart().render(release, namespace, yaml);
    }

    static String refused(String yaml) throws IOException {
        return CHART.chart().refused(yaml);
    }

    // ---- tests ----

    @Test
    void lintPassesForEveryValueSet() throws IOException {
        ImagerChart chart = CHART.chart();
        for (Map.Entry<String, String> set : VALUE_SETS.entrySet()) {
            Helm.Result lint = chart.helm().lint(chart.dir(), chart.values(set.getValue()));
            assertThat(lint.exitCode()).as("helm lint --strict with %s:\n%s%s", set.getKey(), lint.stdout(),
                    lint.stderr()).isZero();
            assertThat(lint.stdout()).contains("1 chart(s) linted, 0 chart(s) failed");
        }
    }

    @Test
    void defaultsInstallTheDemoWithLeastPrivilege() throws IOException {
        Manifests m = render("imager", "imager", DEFAULTS);
        assertThat(m.docs()).extracting(d -> d.kind() + "/" + d.name()).containsExactlyInAnyOrder(
                "ServiceAccount/imager-coordinator", "Role/imager-coordinator-target",
                "RoleBinding/imager-coordinator-target", "Service/imager-coordinator",
                "Service/imager-worker-metrics", "Service/imager-sumservice", "Deployment/imager-coordinator",
                "Deployment/imager-worker", "Deployment/imager-sumservice",
                // NATS closed by default (HelmNatsAuthIT) and the network policies (HelmNetworkAccessIT)
                "Secret/imager-nats-auth", "ConfigMap/imager-nats-authorization", "NetworkPolicy/imager-worker",
                "NetworkPolicy/imager-coordinator", "NetworkPolicy/imager-nats",
                // the LoadTest operator (operator.enabled; the operator module's OperatorChartIT)
                "CustomResourceDefinition/loadtests.imager.dev", "Deployment/imager-operator",
                "ServiceAccount/imager-operator", "Role/imager-operator", "RoleBinding/imager-operator",
                "NetworkPolicy/imager-operator",
                // the stand-in NATS chart
                "Service/imager-nats", "Deployment/imager-nats-box",
                // the helm test hook
                "Pod/imager-smoke-test");

        CoordinatorConfig config = ProgramArgs.coordinator(m.container("coordinator"));
        assertThat(config.target().mode()).isEqualTo(TargetMode.POD);
        assertThat(config.target().namespace()).isEqualTo("imager");
        assertThat(config.target().deployment()).isEqualTo("imager-sumservice");
        assertThat(m.find(Deployment.class, "imager-sumservice")).isPresent();
        assertThat(config.requests().sourceType()).isEqualTo("random-sum");
        assertThat(List.of(config.requests().randomSumMin(), config.requests().randomSumMax()))
                .containsExactly(1L, 1000L);
        assertThat(config.load().calculator()).isEqualTo("adaptive-exponential");
        assertThat(config.load().adaptiveMaxLatencyMs()).isEqualTo(100);
        assertThat(List.of(config.load().minRps(), config.load().maxRps())).containsExactly(10L, 500L);
        assertThat(config.load().warmup()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.run().duration()).isEmpty();
        assertThat(config.run().minWorkers()).isEqualTo(3);
        assertThat(config.target().inCluster()).isTrue();
        assertThat(config.run().listenPort()).isEqualTo(8099);
        assertNatsUrlIsTheSubchartService(config.nats().servers(), m, "imager-nats");
        assertThat(m.get(Deployment.class, "imager-coordinator").getSpec().getStrategy().getType())
                .isEqualTo("Recreate");

        assertRole(m, "imager-coordinator-target", "imager", "pod", "imager-coordinator", "imager");
        assertThat(m.podOf("coordinator").getSpec().getServiceAccountName()).isEqualTo("imager-coordinator");
        assertThat(m.podOf("coordinator").getSpec().getAutomountServiceAccountToken()).isTrue();

        var sumservice = ProgramArgs.sumservice(m.container("sumservice"));
        assertThat(sumservice.concurrency() * 1000L / sumservice.serviceTimeMs()).isEqualTo(200);
        assertHealthzProbe(m.container("sumservice").getReadinessProbe(), "http");
    }

    @Test
    void podModeTargetsADeploymentInAnotherNamespace(@TempDir Path tmp) throws IOException {
        Manifests m = render("loadtest", "perf", POD_MODE);
        CoordinatorConfig config = ProgramArgs.coordinator(m.container("coordinator"));
        assertThat(config.target().mode()).isEqualTo(TargetMode.POD);
        assertThat(config.target().namespace()).isEqualTo("shop");
        assertThat(config.target().deployment()).isEqualTo("checkout");
        LoadSettings load = config.load();
        assertThat(List.of(load.calculator(), load.minRps(), load.maxRps(), load.stepRps()))
                .containsExactly("step", 5L, 50L, 5L);
        assertThat(config.run().minWorkers()).isEqualTo(4);
        assertThat(m.get(Deployment.class, "loadtest-imager-worker").getSpec().getReplicas()).isEqualTo(4);
        assertNatsUrlIsTheSubchartService(config.nats().servers(), m, "loadtest-nats");
        assertThat(m.docs()).noneMatch(d -> d.name().contains("sumservice"));

        // The Role and its binding live with the target; the subject names the release's namespace.
        assertRole(m, "loadtest-imager-coordinator-target", "shop", "pod", "loadtest-imager-coordinator", "perf");

        // The request file: a ConfigMap mounted at /config, parsed by the coordinator's own parser.
        assertThat(config.requests().sourceType()).isEqualTo("file");
        assertThat(config.requests().sourceFile()).isEqualTo("/config/requests.json");
        ConfigMap requests = m.get(ConfigMap.class, "loadtest-imager-requests");
        String file = requests.getData().get("requests.json");
        assertThat(file).isEqualTo(REQUESTS);
        List<RequestSpec> parsed = new FileRequestSource(Files.writeString(tmp.resolve("requests.json"), file))
                .requests();
        assertThat(parsed).extracting(RequestSpec::path).containsExactly("/", "/status", "/anything");
        PodTemplateSpec pod = m.podOf("coordinator");
        assertThat(m.container("coordinator").getVolumeMounts()).anySatisfy(v -> {
            assertThat(v.getMountPath()).isEqualTo("/config");
            assertThat(v.getReadOnly()).isTrue();
            assertThat(pod.getSpec().getVolumes()).anySatisfy(vol -> {
                assertThat(vol.getName()).isEqualTo(v.getName());
                assertThat(vol.getConfigMap().getName()).isEqualTo("loadtest-imager-requests");
            });
        });
        assertThat(pod.getMetadata().getAnnotations()).containsKey("checksum/requests");
    }

    @Test
    void serviceModeGetsTheServiceModeRole() throws IOException {
        Manifests m = render("imager", "imager", SERVICE_MODE);
        CoordinatorConfig config = ProgramArgs.coordinator(m.container("coordinator"));
        assertThat(config.target().mode()).isEqualTo(TargetMode.SERVICE);
        assertThat(config.target().namespace()).isEqualTo("shop");
        assertThat(config.target().service()).isEqualTo("checkout-svc");
        assertThat(config.target().portName()).isEqualTo("web");
        assertThat(config.target().scheme()).isEqualTo("https");
        assertThat(List.of(config.load().calculator(), config.load().minRps(), config.load().maxRps()))
                .containsExactly("exponential", 1L, 2000L);
        assertRole(m, "imager-coordinator-target", "shop", "service", "imager-coordinator", "imager");
    }

    @Test
    void urlModeHasNoRbacAndNoToken() throws IOException {
        Manifests m = render("imager", "imager", URL_MODE);
        CoordinatorConfig config = ProgramArgs.coordinator(m.container("coordinator"));
        assertThat(config.target().mode()).isEqualTo(TargetMode.URL);
        assertThat(config.target().url()).isEqualTo("http://checkout.shop.svc:8080/api");
        assertThat(m.container("coordinator").getArgs()).noneMatch(a -> a.startsWith("-target-namespace")
                || a.startsWith("-in-cluster") || a.startsWith("-target-deployment"));
        assertThat(notOperators(m.all(Role.class))).isEmpty();
        assertThat(notOperators(m.all(RoleBinding.class))).isEmpty();
        assertThat(m.all(ClusterRole.class)).isEmpty();
        assertThat(m.all(ClusterRoleBinding.class)).isEmpty();
        // Its ServiceAccount has no permission, and the pod gets no token at all.
        assertThat(notOperators(m.all(ServiceAccount.class))).extracting(s -> s.getMetadata().getName())
                .containsExactly("imager-coordinator");
        assertThat(m.podOf("coordinator").getSpec().getAutomountServiceAccountToken()).isFalse();
        assertThat(m.get(ConfigMap.class, "imager-requests").getData()).containsKey("requests.json");
    }

    @Test
    void jobKindRunsOnceAndEndsWithTheRunsVerdict() throws IOException {
        Manifests m = render("imager", "imager", JOB);
        assertThat(m.find(Deployment.class, "imager-coordinator")).isEmpty();
        Job job = m.get(Job.class, "imager-coordinator-1");
        CoordinatorConfig config = ProgramArgs.coordinator(m.container("coordinator"));
        assertThat(config.run().duration()).contains(Duration.ofMinutes(2));
        assertThat(config.output().thresholds()).containsExactly("p99<250ms", "error-rate<1%");
        assertThat(config.output().reportDir()).contains(Path.of("/reports"));
        assertThat(m.container("coordinator").getVolumeMounts()).anySatisfy(v -> assertThat(v.getMountPath())
                .isEqualTo("/reports"));

        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(2);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(3600);
        // Exit 1 (threshold failed) and 2 (invalid configuration) end the Job; 3 may be retried.
        PodFailurePolicyRule rule = job.getSpec().getPodFailurePolicy().getRules().get(0);
        assertThat(rule.getAction()).isEqualTo("FailJob");
        assertThat(rule.getOnExitCodes().getContainerName()).isEqualTo("coordinator");
        assertThat(rule.getOnExitCodes().getOperator()).isEqualTo("In");
        assertThat(rule.getOnExitCodes().getValues()).containsExactly(1, 2);
        // The coordinator Service reaches the Job's pod too.
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(m.get(Service.class, "imager-coordinator").getSpec().getSelector());
    }

    @Test
    void incompleteValuesAreRefusedWithTheValueToFix() throws IOException {
        assertThat(refused("coordinator:\n  kind: Job\n"))
                .contains("coordinator.duration is required with coordinator.kind=Job");
        // values.schema.json refuses it before any template runs, naming the value and what it may be.
        assertThat(refused("coordinator:\n  kind: CronJob\n"))
                .contains("coordinator.kind: coordinator.kind must be one of the following: \"Deployment\", \"Job\"");
        assertThat(refused("nats:\n  enabled: false\n")).contains("natsUrl is required when nats.enabled=false");
        assertThat(refused("demo:\n  enabled: false\n")).contains("coordinator.target.deployment is required");
        assertThat(refused("demo:\n  enabled: false\ncoordinator:\n  target:\n    mode: service\n"))
                .contains("coordinator.target.service is required");
        assertThat(refused("coordinator:\n  target:\n    mode: url\n    url: localhost:8080\n"))
                .contains("coordinator.target.url: Does not match pattern '^$|^[hH][tT][tT][pP][sS]?://[^/]+'");
        assertThat(refused("coordinator:\n  target:\n    mode: ingress\n")).contains("coordinator.target.mode must be");
        assertThat(refused("worker:\n  cpuPinning: always\n"))
                .contains("worker.cpuPinning: worker.cpuPinning must be one of the following: \"auto\", \"on\", \"off\"");
        assertThat(refused("coordinator:\n  requestSource:\n    type: file\n    requests: \"\"\n"))
                .contains("coordinator.requestSource.requests must hold at least one request");
    }

    @Test
    void externalNatsReplacesTheSubchart() throws IOException {
        Manifests m = render("imager", "imager", EXTERNAL_NATS);
        assertThat(m.docs()).noneMatch(d -> d.name().startsWith("imager-nats"));
        CoordinatorConfig config = ProgramArgs.coordinator(m.container("coordinator"));
        assertThat(config.nats().servers()).isEqualTo("nats://nats.messaging.svc:4222");
        assertThat(config.nats().subjectPrefix()).isEqualTo("team-a.imager");
        CommandLine.ParseResult worker = ProgramArgs.worker(m.container("worker"));
        assertThat(worker.matchedOptionValue("--nats-url", "")).isEqualTo("nats://nats.messaging.svc:4222");
        assertThat(worker.matchedOptionValue("--subject-prefix", "")).isEqualTo("team-a.imager");
    }

    @Test
    void natsTlsMountsTheCaSecret() throws IOException {
        Manifests m = render("imager", "imager", TLS);
        for (String name : List.of("coordinator", "worker")) {
            Container c = m.container(name);
            assertThat(c.getArgs()).contains("--nats-tls=true", "--nats-tls-ca=/etc/imager/nats-tls/ca.crt")
                    .noneMatch(a -> a.startsWith("--nats-tls-cert"));
            assertThat(c.getVolumeMounts()).anySatisfy(v -> {
                assertThat(v.getMountPath()).isEqualTo("/etc/imager/nats-tls");
                assertThat(v.getReadOnly()).isTrue();
            });
            assertThat(m.podOf(name).getSpec().getVolumes()).filteredOn(v -> v.getSecret() != null)
                    .singleElement().satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("nats-ca"));
        }
        ProgramArgs.worker(m.container("worker"));
    }

    @Test
    void aReleaseNamedAfterNatsFindsTheSubchartServiceByItsRule() throws IOException {
        Manifests m = render("nats-perf", "imager", DEFAULTS);
        CoordinatorConfig config = ProgramArgs.coordinator(m.container("coordinator"));
        // The NATS chart uses the release name alone when it contains "nats".
        assertNatsUrlIsTheSubchartService(config.nats().servers(), m, "nats-perf");
        assertThat(m.find(Deployment.class, "nats-perf-imager-coordinator")).isPresent();
    }

    // ---- helpers ----

    private static void assertNatsUrlIsTheSubchartService(String natsUrl, Manifests m, String service) {
        URI uri = URI.create(natsUrl);
        assertThat(uri.getScheme()).isEqualTo("nats");
        assertThat(uri.getHost()).isEqualTo(service);
        assertThat(m.get(Service.class, service).getSpec().getPorts())
                .anySatisfy(p -> assertThat(p.getPort()).isEqualTo(uri.getPort()));
    }

    /** A Role with exactly docs/rbac/<mode>-mode.yaml's grants, bound in the target namespace to the coordinator. */
    private static void assertRole(Manifests m, String name, String targetNamespace, String mode,
            String serviceAccount, String releaseNamespace) {
        assertThat(notOperators(m.all(Role.class))).hasSize(1);
        assertThat(notOperators(m.all(RoleBinding.class))).hasSize(1);
        assertThat(m.all(ClusterRole.class)).isEmpty();
        assertThat(m.all(ClusterRoleBinding.class)).isEmpty();
        Role role = m.get(Role.class, name);
        assertThat(role.getMetadata().getNamespace()).isEqualTo(targetNamespace);
        assertThat(Rbac.grants(role)).isEqualTo(Rbac.documented(mode));
        RoleBinding binding = m.get(RoleBinding.class, name);
        assertThat(binding.getMetadata().getNamespace()).isEqualTo(targetNamespace);
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getRoleRef().getName()).isEqualTo(name);
        Subject subject = binding.getSubjects().get(0);
        assertThat(binding.getSubjects()).hasSize(1);
        assertThat(List.of(subject.getKind(), subject.getName(), subject.getNamespace()))
                .containsExactly("ServiceAccount", serviceAccount, releaseNamespace);
        Optional<ServiceAccount> account = m.find(ServiceAccount.class, serviceAccount);
        assertThat(account).as("the bound ServiceAccount is rendered").isPresent();
        assertThat(m.podOf("coordinator").getSpec().getServiceAccountName()).isEqualTo(serviceAccount);
    }

    /** Without the LoadTest operator's objects (operator.enabled, on by default; the operator module tests them). */
    private static <T extends HasMetadata> List<T> notOperators(List<T> objects) {
        return objects.stream().filter(o -> !"operator".equals(o.getMetadata().getLabels()
                .get("app.kubernetes.io/component"))).toList();
    }
}
