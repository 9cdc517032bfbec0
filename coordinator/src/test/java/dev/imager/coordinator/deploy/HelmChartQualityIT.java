package dev.imager.coordinator.deploy;

import static dev.imager.coordinator.deploy.PodChecks.assertHardened;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imager.coordinator.config.CoordinatorConfig;
import dev.imager.coordinator.config.TargetMode;
import dev.imager.coordinator.report.ExitCodes;
import dev.imager.coordinator.testing.CoordinatorCli;
import dev.imager.sumservice.SumServer;
import dev.imager.sumservice.SumServiceConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chart's own quality checks, with a real {@code helm}: values.schema.json refuses bad values at install time
 * naming the value, {@code helm lint --strict} passes with the optional parts on, the Grafana dashboard ConfigMap
 * carries the chart's dashboard file, and the {@code helm test} hook's smoke run passes when run against a demo
 * target like the chart's.
 */
class HelmChartQualityIT {

    @RegisterExtension
    static final PreparedChart CHART = new PreparedChart();

    private static Manifests render(String yaml) throws IOException {
        return CHART.chart().render("imager", "imager", yaml);
    }

    @Test
    void theSchemaRefusesBadValuesNamingTheValue() throws IOException {
        // values -> what helm says (the value's path and the rule it breaks)
        Map<String, String> cases = Map.ofEntries(
                Map.entry("coordinator:\n  load:\n    minRps: -5\n", "coordinator.load.minRps: Must be greater than or "
                        + "equal to 0"),
                Map.entry("coordinator:\n  lod:\n    minRps: 5\n", "coordinator: Additional property lod is not allowed"),
                Map.entry("workr:\n  replicas: 3\n", "Additional property workr is not allowed"),
                Map.entry("coordinator:\n  warmup: 5\n", "coordinator.warmup: Invalid type. Expected: string, given: "
                        + "integer"),
                Map.entry("coordinator:\n  duration: ten minutes\n", "coordinator.duration: Does not match pattern"),
                Map.entry("coordinator:\n  kind: CronJob\n", "coordinator.kind: coordinator.kind must be one of"),
                Map.entry("coordinator:\n  target:\n    mode: ingress\n", "coordinator.target.mode: "
                        + "coordinator.target.mode must be one of"),
                Map.entry("coordinator:\n  progress: fancy\n", "coordinator.progress: coordinator.progress must be one of"),
                Map.entry("coordinator:\n  listenPort: 70000\n", "coordinator.listenPort: Must be less than or equal to "
                        + "65535"),
                Map.entry("worker:\n  replicas: two\n", "worker.replicas: Invalid type. Expected: integer, given: string"),
                Map.entry("worker:\n  drainTimeout: 20\n", "worker.drainTimeout: Invalid type"),
                Map.entry("natsUrl: localhost:4222\n", "natsUrl: Does not match pattern"),
                Map.entry("subjectPrefix: team a\n", "subjectPrefix: Does not match pattern"),
                Map.entry("coordinator:\n  thresholds: [\"\"]\n", "coordinator.thresholds.0: String length must be "
                        + "greater than or equal to 1"),
                Map.entry("image:\n  worker:\n    pullPolicy: Sometimes\n", "image.worker.pullPolicy: "
                        + "image.worker.pullPolicy must be one of"),
                Map.entry("grafanaDashboard:\n  enabled: \"yes\"\n", "grafanaDashboard.enabled: Invalid type. Expected: "
                        + "boolean"),
                Map.entry("tests:\n  rps: 0\n", "tests.rps: Must be greater than or equal to 1"));
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> c : cases.entrySet()) {
            String message = CHART.chart().refused(c.getKey());
            assertThat(message).as("helm's refusal of\n%s", c.getKey())
                    .contains("values don't meet the specifications of the schema");
            if (!message.contains(c.getValue())) {
                wrong.add(c.getKey() + " -> " + message);
            }
        }
        assertThat(wrong).as("refusals that do not name the value and its rule").isEmpty();
    }

    @Test
    void lintIsStrictlyCleanWithTheOptionalPartsOn() throws IOException {
        for (String yaml : List.of(ChartValueSets.DEFAULTS, "grafanaDashboard:\n  enabled: true\n  namespace: monitoring\n"
                + "  folder: Load tests\ntests:\n  enabled: false\n", ChartValueSets.JOB + "demo:\n  enabled: false\n"
                + "coordinator:\n  target:\n    mode: url\n    url: http://checkout.shop.svc:8080\n")) {
            Helm.Result lint = CHART.chart().helm().lint(CHART.chart().dir(), CHART.chart().values(yaml));
            assertThat(lint.exitCode()).as("helm lint --strict with\n%s\n%s%s", yaml, lint.stdout(), lint.stderr())
                    .isZero();
            assertThat(lint.stdout()).contains("1 chart(s) linted, 0 chart(s) failed").doesNotContain("[WARNING]");
        }
    }

    @Test
    void theGrafanaDashboardIsOffByDefaultAndOnItIsTheChartsFileForTheSidecar() throws Exception {
        assertThat(render(ChartValueSets.DEFAULTS).all(ConfigMap.class))
                .noneMatch(c -> c.getMetadata().getName().contains("dashboard"));

        Manifests m = render("grafanaDashboard:\n  enabled: true\n  namespace: monitoring\n  folder: Load tests\n");
        ConfigMap dashboard = m.get(ConfigMap.class, "imager-grafana-dashboard");
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboard.getMetadata().getNamespace()).isEqualTo("monitoring");
        assertThat(dashboard.getMetadata().getAnnotations()).containsEntry("grafana_folder", "Load tests");
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(dashboard.getData().get("imager.json")))
                .isEqualTo(json.readTree(RepoFiles.read(RepoFiles.resolve(GrafanaDashboard.CHART_FILE))));
    }

    @Test
    void theHelmTestHookRunsASmokeRunThatPassesAgainstTheDemoTarget() throws IOException {
        Manifests m = render(ChartValueSets.DEFAULTS);
        List<Pod> tests = m.all(Pod.class).stream()
                .filter(p -> "test".equals(p.getMetadata().getAnnotations().get("helm.sh/hook"))).toList();
        assertThat(tests).hasSize(1);
        Pod pod = tests.get(0);
        assertThat(pod.getMetadata().getName()).isEqualTo("imager-smoke-test");
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
        assertHardened("smoke test", new PodTemplateSpec(pod.getMetadata(), pod.getSpec()));
        Container smoke = pod.getSpec().getContainers().get(0);
        assertThat(smoke.getImage()).isEqualTo(m.container("coordinator").getImage());

        // It targets the demo's Service on its port, in local mode: no NATS, no Kubernetes API.
        CoordinatorConfig config = ProgramArgs.coordinator(smoke);
        assertThat(config.localMode()).isTrue();
        assertThat(config.target().mode()).isEqualTo(TargetMode.URL);
        assertThat(config.target().url()).isEqualTo("http://imager-sumservice.imager.svc:8080");
        Service demo = m.get(Service.class, "imager-sumservice");
        assertThat(demo.getSpec().getPorts()).anySatisfy(p -> assertThat(p.getPort()).isEqualTo(8080));
        // No NetworkPolicy of the chart selects the test pod, so none keeps it from the demo target.
        Map<String, String> labels = pod.getMetadata().getLabels();
        for (NetworkPolicy policy : m.all(NetworkPolicy.class)) {
            Map<String, String> selector = policy.getSpec().getPodSelector().getMatchLabels();
            assertThat(selector == null || !labels.entrySet().containsAll(selector.entrySet()))
                    .as("NetworkPolicy %s selects the smoke test pod", policy.getMetadata().getName()).isTrue();
        }

        // The pod's run, here, against a sumservice with the demo's capacity (4 at a time, 20 ms each): exit 0.
        try (SumServer target = SumServer.start(SumServiceConfig.defaults().withHost("127.0.0.1").withPort(0)
                .withSimulation(4, 20))) {
            List<String> args = new ArrayList<>();
            for (String a : smoke.getArgs()) {
                args.add(a.startsWith("-target-url=") ? "-target-url=http://127.0.0.1:" + target.port() : a);
            }
            args.add("-listen-port=0");
            CoordinatorCli.Result run = CoordinatorCli.run(args.toArray(String[]::new));
            assertThat(run.exitCode()).as("%s\n%s", run.out(), run.err()).isEqualTo(ExitCodes.OK);
            assertThat(run.out()).contains("Thresholds: 3 of 3 passed");
        }

        // Without the demo there is nothing it knows to test; and it can be switched off.
        assertThat(render("demo:\n  enabled: false\ncoordinator:\n  target:\n    mode: url\n    url: http://a.b.svc:80\n")
                .all(Pod.class)).isEmpty();
        assertThat(render("tests:\n  enabled: false\n").all(Pod.class)).isEmpty();
    }
}
