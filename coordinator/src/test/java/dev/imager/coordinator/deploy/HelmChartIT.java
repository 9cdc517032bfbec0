package dev.imager.coordinator.deploy;

import static dev.imager.coordinator.deploy.DeployManifestsIT.assertHardened;
import static dev.imager.coordinator.deploy.DeployManifestsIT.assertHealthzProbe;
import static dev.imager.coordinator.deploy.DeployManifestsIT.assertScraped;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.config.CoordinatorConfig;
import dev.imager.coordinator.config.LoadSettings;
import dev.imager.coordinator.config.TargetMode;
import dev.imager.coordinator.source.FileRequestSource;
import dev.imager.protocol.cli.GoDuration;
import dev.imager.protocol.message.RequestSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
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
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Helm chart, rendered by a real {@code helm} for several value sets (with a stand-in NATS subchart, since
 * the real one needs the network): {@code helm lint --strict} passes, every rendered document parses into
 * fabric8's typed model with no unknown field, the coordinator's and the workers' arguments are accepted by
 * their own parsers and carry the values given, RBAC is exactly docs/rbac/'s least privilege in the target
 * namespace (none in url mode), and the pods are probed, limited, hardened and scrapeable.
 */
class HelmChartIT {

    // ---- value sets ----

    /** The chart's defaults: the demo. */
    static final String DEFAULTS = "{}\n";

    static final String REQUESTS = """
            {"method": "GET", "path": "/"}
            {"method": "GET", "path": "/status"}
            {"method": "GET", "path": "/anything", "headers": {"X-Imager-Run": ["true"]}}
            """;

    static final String POD_MODE = """
            demo:
              enabled: false
            coordinator:
              target:
                mode: pod
                namespace: shop
                deployment: checkout
              requestSource:
                type: file
                requests: |
            %s
              load:
                calculator: step
                minRps: 5
                maxRps: 50
                stepRps: 5
            worker:
              replicas: 4
            """.formatted(REQUESTS.indent(6).stripTrailing());

    static final String SERVICE_MODE = """
            demo:
              enabled: false
            coordinator:
              target:
                mode: service
                namespace: shop
                service: checkout-svc
                portName: web
                scheme: https
              load:
                calculator: exponential
                minRps: 1
                maxRps: 2000
            """;

    static final String URL_MODE = """
            demo:
              enabled: false
            coordinator:
              target:
                mode: url
                url: http://checkout.shop.svc:8080/api
              requestSource:
                type: file
            """;

    static final String JOB = """
            coordinator:
              kind: Job
              duration: 2m
              thresholds: ["p99<250ms", "error-rate<1%"]
              report:
                enabled: true
              job:
                ttlSecondsAfterFinished: 3600
            """;

    static final String EXTERNAL_NATS = """
            nats:
              enabled: false
            natsUrl: nats://nats.messaging.svc:4222
            subjectPrefix: team-a.imager
            """;

    static final String AUTH_USER = """
            natsAuth:
              type: user
              existingSecret: imager-nats
              user: loader
            """;

    static final String AUTH_TOKEN = """
            natsAuth:
              type: token
              existingSecret: imager-nats-token
              tokenKey: t
            """;

    static final String TLS = """
            natsTls:
              enabled: true
              existingSecret: nats-ca
            """;

    static final String SERVICE_MONITOR = """
            serviceMonitor:
              enabled: true
              labels:
                release: prometheus
            """;

    static final Map<String, String> VALUE_SETS = Map.of("defaults", DEFAULTS, "pod", POD_MODE, "service",
            SERVICE_MODE, "url", URL_MODE, "job", JOB, "external-nats", EXTERNAL_NATS, "auth-user", AUTH_USER,
            "auth-token", AUTH_TOKEN, "tls", TLS, "service-monitor", SERVICE_MONITOR);

    @TempDir
    static Path scratch;
    static Helm helm;
    static Path chart;

    /** A copy of charts/imager with the stand-in NATS chart in its charts/ directory. */
    @BeforeAll
    static void chartWithStandInNats() throws IOException, URISyntaxException {
        helm = Helm.locate(scratch);
        chart = copyChart(scratch.resolve("chart"));
    }

    static Path copyChart(Path dir) throws IOException, URISyntaxException {
        Path copy = dir.resolve("imager");
        RepoFiles.copyTree(RepoFiles.resolve("charts/imager"), copy);
        // A NATS chart fetched by `helm dependency build` may be there: the tests render the stand-in only.
        RepoFiles.deleteTree(copy.resolve("charts"));
        Files.deleteIfExists(copy.resolve("Chart.lock"));
        Path standIn = Path.of(HelmChartIT.class.getResource("/deploy/nats-standin/Chart.yaml").toURI()).getParent();
        RepoFiles.copyTree(standIn, copy.resolve("charts/nats"));
        return copy;
    }

    static Path values(String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(scratch, "values", ".yaml"), yaml);
    }

    static Manifests render(String release, String namespace, String yaml) throws IOException {
        return Manifests.parse(helm.template(chart, release, namespace, values(yaml)), "helm template " + release);
    }

    static String refused(String yaml) throws IOException {
        return helm.templateError(chart, "imager", "imager", values(yaml));
    }

    // ---- tests ----

    @Test
    void lintPassesForEveryValueSet() throws IOException {
        for (Map.Entry<String, String> set : VALUE_SETS.entrySet()) {
            Helm.Result lint = helm.lint(chart, values(set.getValue()));
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
        assertThat(m.all(Role.class)).isEmpty();
        assertThat(m.all(RoleBinding.class)).isEmpty();
        assertThat(m.all(ClusterRole.class)).isEmpty();
        assertThat(m.all(ClusterRoleBinding.class)).isEmpty();
        // Its ServiceAccount has no permission, and the pod gets no token at all.
        assertThat(m.all(ServiceAccount.class)).extracting(s -> s.getMetadata().getName())
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
        assertThat(refused("coordinator:\n  kind: CronJob\n")).contains("coordinator.kind must be Deployment or Job");
        assertThat(refused("nats:\n  enabled: false\n")).contains("natsUrl is required when nats.enabled=false");
        assertThat(refused("demo:\n  enabled: false\n")).contains("coordinator.target.deployment is required");
        assertThat(refused("demo:\n  enabled: false\ncoordinator:\n  target:\n    mode: service\n"))
                .contains("coordinator.target.service is required");
        assertThat(refused("coordinator:\n  target:\n    mode: url\n    url: localhost:8080\n"))
                .contains("coordinator.target.url must be an absolute http:// or https:// URL");
        assertThat(refused("coordinator:\n  target:\n    mode: ingress\n")).contains("coordinator.target.mode must be");
        assertThat(refused("natsAuth:\n  type: token\n")).contains("natsAuth.existingSecret is required");
        assertThat(refused("natsAuth:\n  type: user\n  existingSecret: s\n")).contains("natsAuth.user is required");
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
    void natsSecretsComeFromTheExistingSecretAsEnvironment() throws IOException {
        Manifests user = render("imager", "imager", AUTH_USER);
        for (String name : List.of("coordinator", "worker")) {
            Container c = user.container(name);
            assertThat(c.getArgs()).contains("--nats-user=loader").noneMatch(a -> a.startsWith("--nats-password"));
            assertSecretEnv(c, "IMAGER_NATS_PASSWORD", "imager-nats", "password");
        }
        CoordinatorConfig config = ProgramArgs.coordinator(user.container("coordinator"));
        assertThat(config.nats().user()).isEqualTo("loader");
        assertThat(config.nats().password()).as("read from IMAGER_NATS_PASSWORD").isEqualTo("secret");
        ProgramArgs.worker(user.container("worker"));

        Manifests token = render("imager", "imager", AUTH_TOKEN);
        for (String name : List.of("coordinator", "worker")) {
            Container c = token.container(name);
            assertThat(c.getArgs()).noneMatch(a -> a.startsWith("--nats-user") || a.startsWith("--nats-token"));
            assertSecretEnv(c, "IMAGER_NATS_TOKEN", "imager-nats-token", "t");
        }
        assertThat(ProgramArgs.coordinator(token.container("coordinator")).nats().token()).isEqualTo("secret");
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

    @Test
    void workersAreProbedLimitedScrapedAndDrainInTime() throws IOException {
        for (String set : List.of(DEFAULTS, POD_MODE, JOB)) {
            Manifests m = render("imager", "imager", set);
            Container worker = m.container("worker");
            CommandLine.ParseResult parsed = ProgramArgs.worker(worker);
            assertThat(parsed.matchedOptionValue("--nats-url", ""))
                    .isEqualTo(ProgramArgs.coordinator(m.container("coordinator")).nats().servers());
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
        assertThat(render("imager", "imager", DEFAULTS).custom("ServiceMonitor")).isEmpty();
        Manifests m = render("imager", "imager", SERVICE_MONITOR);
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
        Manifests m = render("imager", "imager", DEFAULTS);
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

    @Test
    void notesSayHowToWatchTheRun(@TempDir Path tmp) throws IOException, URISyntaxException {
        // helm template does not render NOTES.txt: render it through tpl in a ConfigMap of a second copy.
        Path copy = copyChart(tmp);
        Files.copy(copy.resolve("templates/NOTES.txt"), copy.resolve("notes-under-test.txt"));
        Files.writeString(copy.resolve("templates/notes-under-test.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: notes-under-test
                data:
                  NOTES.txt: {{ tpl (.Files.Get "notes-under-test.txt") . | quote }}
                """);
        Manifests m = Manifests.parse(helm.template(copy, "imager", "imager", values(DEFAULTS)), "notes");
        String notes = m.get(ConfigMap.class, "notes-under-test").getData().get("NOTES.txt");
        assertThat(notes).contains(
                "kubectl -n imager logs -f deploy/imager-coordinator",
                "kubectl -n imager exec -it deploy/imager-nats-box -- nats sub 'imager.>'",
                "kubectl -n imager exec -it deploy/imager-nats-box -- nats req imager.status ''",
                "kubectl -n imager port-forward svc/imager-coordinator 8099:8099",
                "curl -s localhost:8099/status",
                "capacity 200 rps per pod");
        // The nats-box it names is the one the NATS chart deploys.
        assertThat(m.find(Deployment.class, "imager-nats-box")).isPresent();

        Manifests job = Manifests.parse(helm.template(copy, "imager", "imager", values(JOB + EXTERNAL_NATS)), "notes");
        String jobNotes = job.get(ConfigMap.class, "notes-under-test").getData().get("NOTES.txt");
        assertThat(jobNotes).contains("kubectl -n imager logs -f job/imager-coordinator-1",
                "nats --server nats://nats.messaging.svc:4222 sub 'team-a.imager.>'",
                "nats --server nats://nats.messaging.svc:4222 req team-a.imager.status ''");
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
        assertThat(m.all(Role.class)).hasSize(1);
        assertThat(m.all(RoleBinding.class)).hasSize(1);
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

    private static void assertSecretEnv(Container c, String variable, String secret, String key) {
        List<EnvVar> matching = c.getEnv().stream().filter(e -> e.getName().equals(variable)).toList();
        assertThat(matching).as("%s in %s", variable, c.getName()).hasSize(1);
        EnvVar env = matching.get(0);
        assertThat(env.getValue()).isNull();
        assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secret);
        assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(key);
    }
}
