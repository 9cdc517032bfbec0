package dev.imager.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.imager.coordinator.deploy.PreparedChart;
import dev.imager.coordinator.deploy.RenderedChart;
import dev.imager.operator.api.LoadTest;
import dev.imager.operator.api.LoadTestSpec;
import dev.imager.operator.run.RunNames;
import dev.imager.operator.run.RunObjects;
import dev.imager.operator.run.SpecCheck;
import dev.imager.protocol.cli.EnvironmentDefaults;
import dev.imager.worker.WorkerMain;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * The chart's operator part, rendered by a real {@code helm template}: the CRD's schema accepts the documented
 * example and rejects bad specs, matches the Java model field for field; the operator's arguments parse and name
 * the release's NATS identities; the pods it creates carry the labels the release's NetworkPolicies select; and
 * {@code operator.enabled=false} leaves today's direct mode as it was.
 */
class OperatorChartIT {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @RegisterExtension
    static final PreparedChart CHART = new PreparedChart();
    static RenderedChart.Chart chart;
    static RenderedChart defaults;

    @BeforeAll
    static void render() throws IOException {
        chart = RenderedChart.of(CHART);
        defaults = chart.render("rel", "perf", "{}\n");
    }

    static CustomResourceDefinitionVersion crdVersion(RenderedChart rendered) {
        CustomResourceDefinition crd = rendered.get(CustomResourceDefinition.class, "loadtests.imager.dev");
        assertThat(crd.getSpec().getGroup()).isEqualTo(LoadTest.GROUP);
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(crd.getSpec().getNames().getPlural()).isEqualTo("loadtests");
        assertThat(crd.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
        return crd.getSpec().getVersions().stream().filter(v -> v.getName().equals(LoadTest.VERSION)).findFirst()
                .orElseThrow();
    }

    @Test
    void theCrdHasTheColumnsAndTheStatusSubresource() {
        CustomResourceDefinitionVersion v = crdVersion(defaults);
        assertThat(v.getServed()).isTrue();
        assertThat(v.getStorage()).isTrue();
        assertThat(v.getSubresources().getStatus()).isNotNull();
        assertThat(v.getAdditionalPrinterColumns()).extracting(c -> c.getName() + " " + c.getType() + " " + c.getJsonPath())
                .containsExactly("Phase string .status.phase", "Rate number .status.achievedRate",
                        "P99 number .status.p99Ms", "Capacity number .status.capacityRps",
                        "Thresholds string .status.thresholds", "Age date .metadata.creationTimestamp");
    }

    @Test
    void theDocumentedExampleIsAcceptedBySchemaAndOperator() throws IOException {
        JsonNode example = documentedExample();
        JSONSchemaProps schema = crdVersion(defaults).getSchema().getOpenAPIV3Schema();
        assertThat(SchemaCheck.violations(schema.getProperties().get("spec"), example.get("spec"))).isEmpty();

        LoadTest test = YAML.treeToValue(example, LoadTest.class);
        assertThat(SpecCheck.problems(test, Fixtures.settings(8099, true))).isEmpty();
        // What the example says reaches the coordinator.
        List<String> args = RunObjects.coordinatorJob(test, Fixtures.settings(8099, true)).getSpec().getTemplate()
                .getSpec().getContainers().get(0).getArgs();
        assertThat(args).contains("-target-mode=service", "-target-service=checkout", "-target-namespace=shop",
                "-request-source-file=/config/requests.json", "--threshold=error-rate<1%", "--duration=5m",
                "--min-workers=4");
    }

    @Test
    void theSchemaRejectsBadSpecsNamingTheField() throws IOException {
        JSONSchemaProps spec = crdVersion(defaults).getSchema().getOpenAPIV3Schema().getProperties().get("spec");
        JsonNode good = documentedExample().get("spec");
        // Pairs: a change to the documented example, and the start of the violation it must bring.
        String[] bad = {
                "target: {mode: grpc, url: 'http://a'}", ".target.mode: must be one of [pod, service, url]",
                "target: {mode: url, url: 'ftp://files'}", ".target.url: does not match",
                "load: {minRps: -1, duration: 1m}", ".load.minRps: below the minimum 0.0",
                "load: {duration: ten minutes}", ".load.duration: does not match",
                "load: {maxRps: 100}", ".load.duration: required",
                "workers: {count: 0}", ".workers.count: below the minimum 1.0",
                "requests: {type: grpc}", ".requests.type: must be one of [file, random-sum]",
                "thresholds: ['']", ".thresholds[0]: shorter than 1",
                "workers: {count: 2, replicas: 3}", ".workers.replicas: unknown field",
                "load: {duration: 1m, minRps: '10'}", ".load.minRps: must be an integer",
                // CEL rules, evaluated
                "target: {mode: url}", ".target: target.url is required when target.mode is url",
                "target: {mode: pod}", ".target: target.deployment is required when target.mode is pod",
                "target: {mode: service}", ".target: target.service is required when target.mode is service",
                "load: {duration: 1m, minRps: 50, maxRps: 10}", ".load: load.maxRps must be at least load.minRps",
                "requests: {type: file}", ".requests: requests.configMap is required when requests.type is file",
                "requests: {type: random-sum, randomSum: {min: 9, max: 1}}",
                ".requests.randomSum: requests.randomSum.max must be at least requests.randomSum.min"};
        for (int i = 0; i < bad.length; i += 2) {
            JsonNode changed = good.deepCopy();
            JsonNode patch = YAML.readTree(bad[i]);
            patch.fields().forEachRemaining(f -> ((com.fasterxml.jackson.databind.node.ObjectNode) changed)
                    .set(f.getKey(), f.getValue()));
            String expected = bad[i + 1];
            assertThat(SchemaCheck.violations(spec, changed)).as(bad[i]).anyMatch(v -> v.startsWith(expected));
        }
        JsonNode noTarget = good.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) noTarget).remove("target");
        assertThat(SchemaCheck.violations(spec, noTarget)).contains(".target: required");
    }

    @Test
    void crossFieldRulesAreCelRulesOnTheirSections() throws IOException {
        JSONSchemaProps root = crdVersion(defaults).getSchema().getOpenAPIV3Schema();
        JSONSchemaProps spec = root.getProperties().get("spec");
        assertThat(rules(root)).containsExactly("self.metadata.name.size() <= " + RunNames.MAX_NAME_LENGTH);
        assertThat(rules(spec.getProperties().get("target"))).containsExactly("self.mode != 'url' || has(self.url)",
                "self.mode != 'pod' || has(self.deployment)", "self.mode != 'service' || has(self.service)");
        assertThat(rules(spec.getProperties().get("load")))
                .containsExactly("!has(self.minRps) || !has(self.maxRps) || self.minRps <= self.maxRps");
        assertThat(rules(spec.getProperties().get("requests")))
                .containsExactly("!has(self.type) || self.type != 'file' || has(self.configMap)");
        // The rule on the whole object, evaluated (the sections' ones in theSchemaRejectsBadSpecsNamingTheField; the
        // root's schema leaves apiVersion, kind and metadata to the API server, so the rule is run on its own).
        String nameRule = rules(root).get(0);
        JsonNode example = documentedExample();
        assertThat(CelRule.holds(nameRule, example)).isTrue();
        JsonNode longName = example.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) longName.get("metadata")).put("name",
                "a".repeat(RunNames.MAX_NAME_LENGTH + 1));
        assertThat(CelRule.holds(nameRule, longName)).isFalse();
    }

    @Test
    void theSchemaAndTheJavaModelHaveTheSameFields() {
        JSONSchemaProps spec = crdVersion(defaults).getSchema().getOpenAPIV3Schema().getProperties().get("spec");
        assertSameFields(spec, LoadTestSpec.class, "spec");
        JSONSchemaProps status = crdVersion(defaults).getSchema().getOpenAPIV3Schema().getProperties().get("status");
        TreeSet<String> javaStatus = new TreeSet<>();
        for (var f : dev.imager.operator.api.LoadTestStatus.class.getFields()) {
            if (!java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                javaStatus.add(f.getName());
            }
        }
        assertThat(status.getProperties().keySet()).containsExactlyInAnyOrderElementsOf(javaStatus);
        assertSameFields(status.getProperties().get("outcomes"), dev.imager.operator.api.LoadTestStatus.Outcomes.class,
                "status.outcomes");
    }

    @Test
    void theOperatorsArgumentsParseAndNameTheReleasesIdentities() {
        Container operator = defaults.get(Deployment.class, "rel-imager-operator").getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        OperatorSettings settings = parse(operator.getArgs());
        assertThat(settings.namespace()).isEqualTo("perf");
        assertThat(settings.instance()).isEqualTo("rel");
        assertThat(settings.networkPolicies()).isTrue();
        // The chart's own coordinator and worker take their passwords from the same Secret and keys.
        Container chartCoordinator = defaults.get(Deployment.class, "rel-imager-coordinator").getSpec().getTemplate()
                .getSpec().getContainers().get(0);
        assertThat(settings.nats().env("coordinator")).isEqualTo(chartCoordinator.getEnv());
        assertThat(settings.nats().args("coordinator")).isSubsetOf(chartCoordinator.getArgs());
        Container chartWorker = defaults.get(Deployment.class, "rel-imager-worker").getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        assertThat(settings.nats().env("worker")).isEqualTo(chartWorker.getEnv());
        assertThat(settings.nats().args("worker")).isSubsetOf(chartWorker.getArgs());
        assertThat(operator.getArgs()).noneMatch(a -> a.toLowerCase(java.util.Locale.ROOT).contains("password="));
    }

    @Test
    void podsTheOperatorCreatesPullAndLandAsTheReleasesOwn() throws IOException {
        RenderedChart rendered = chart.render("rel", "perf", """
                imagePullSecrets:
                  - name: regcred
                  - name: mirror
                coordinator:
                  nodeSelector: {pool: control}
                worker:
                  nodeSelector: {pool: load}
                  tolerations:
                    - {key: dedicated, operator: Equal, value: load, effect: NoSchedule}
                  affinity:
                    podAntiAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                        - labelSelector: {matchLabels: {app: checkout}}
                          topologyKey: kubernetes.io/hostname
                """);
        OperatorSettings settings = parse(rendered.get(Deployment.class, "rel-imager-operator").getSpec().getTemplate()
                .getSpec().getContainers().get(0).getArgs());
        LoadTest test = Fixtures.loadTest("placed");
        PodSpec coordinator = RunObjects.coordinatorJob(test, settings).getSpec().getTemplate().getSpec();
        PodSpec worker = RunObjects.workerDeployment(test, settings).getSpec().getTemplate().getSpec();
        PodSpec chartCoordinator = rendered.get(Deployment.class, "rel-imager-coordinator").getSpec().getTemplate()
                .getSpec();
        PodSpec chartWorker = rendered.get(Deployment.class, "rel-imager-worker").getSpec().getTemplate().getSpec();
        for (PodSpec[] pair : new PodSpec[][] {{coordinator, chartCoordinator}, {worker, chartWorker}}) {
            assertThat(pair[0].getImagePullSecrets()).extracting(LocalObjectReference::getName)
                    .containsExactly("regcred", "mirror").isEqualTo(pair[1].getImagePullSecrets().stream()
                            .map(LocalObjectReference::getName).toList());
            assertThat(pair[0].getNodeSelector()).isEqualTo(pair[1].getNodeSelector());
            assertThat(pair[0].getTolerations()).isEqualTo(pair[1].getTolerations());
            assertThat(pair[0].getAffinity()).isEqualTo(pair[1].getAffinity());
        }
        assertThat(worker.getNodeSelector()).containsEntry("pool", "load");
        assertThat(worker.getTolerations()).singleElement().satisfies(t -> assertThat(t.getKey()).isEqualTo("dedicated"));
        assertThat(worker.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution())
                .singleElement().satisfies(t -> assertThat(t.getTopologyKey()).isEqualTo("kubernetes.io/hostname"));
        assertThat(coordinator.getNodeSelector()).containsEntry("pool", "control");
        assertThat(coordinator.getAffinity()).isNull();
        // With the defaults, none of it: the operator's arguments name nothing of the kind.
        assertThat(defaults.get(Deployment.class, "rel-imager-operator").getSpec().getTemplate().getSpec()
                .getContainers().get(0).getArgs()).noneMatch(a -> a.contains("scheduling") || a.contains("pull-secrets"));
    }

    @Test
    void podsTheOperatorCreatesRunWithTheReleasesWorkerTuningAndJvmOptions() throws IOException {
        RenderedChart rendered = chart.render("rel", "perf", """
                coordinator:
                  javaOpts: "-Xmx700m -XX:+UseSerialGC"
                worker:
                  maxInflight: 5000
                  eventLoops: 2
                  cpuPinning: "off"
                  insecureSkipVerify: true
                  drainTimeout: 45s
                  extraArgs: ["--max-active-jobs=4"]
                  javaOpts: "-Xmx300m"
                """);
        OperatorSettings settings = parse(rendered.get(Deployment.class, "rel-imager-operator").getSpec().getTemplate()
                .getSpec().getContainers().get(0).getArgs());
        LoadTest test = Fixtures.loadTest("tuned");
        Container worker = RunObjects.workerDeployment(test, settings).getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        Container chartWorker = rendered.get(Deployment.class, "rel-imager-worker").getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        // Every flag of the release's worker that the operator does not set per run, as the release's worker has it.
        List<String> tuning = chartWorker.getArgs().stream().filter(a -> !a.startsWith("--nats-")
                && !a.startsWith("--subject-prefix=") && !a.startsWith("--allowed-targets=")
                && !a.startsWith("--metrics-port=")).toList();
        assertThat(tuning).contains("--max-inflight=5000", "--event-loops=2", "--cpu-pinning=off",
                "--insecure-skip-verify=true", "--max-active-jobs=4");
        assertThat(worker.getArgs()).containsSubsequence(tuning);
        // Its environment as the pod would have it, a Secret's value standing in as "secret".
        Map<String, String> environment = worker.getEnv().stream().collect(java.util.stream.Collectors.toMap(
                EnvVar::getName, e -> e.getValue() != null ? e.getValue() : "secret"));
        assertThat(WorkerMain.problems(new EnvironmentDefaults(environment), worker.getArgs().toArray(String[]::new)))
                .as("the worker would start with %s", worker.getArgs()).isEmpty();
        assertThat(env(worker, "JAVA_OPTS")).isEqualTo("-Xmx300m").isEqualTo(env(chartWorker, "JAVA_OPTS"));
        assertThat(RunObjects.workerDeployment(test, settings).getSpec().getTemplate().getSpec()
                .getTerminationGracePeriodSeconds()).as("45 s drain + 2 s + 18 s, as the release's workers")
                .isEqualTo(65L).isEqualTo(rendered.get(Deployment.class, "rel-imager-worker").getSpec().getTemplate()
                        .getSpec().getTerminationGracePeriodSeconds());
        Container coordinator = RunObjects.coordinatorJob(test, settings).getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        Container chartCoordinator = rendered.get(Deployment.class, "rel-imager-coordinator").getSpec().getTemplate()
                .getSpec().getContainers().get(0);
        assertThat(env(coordinator, "JAVA_OPTS")).isEqualTo("-Xmx700m -XX:+UseSerialGC")
                .isEqualTo(env(chartCoordinator, "JAVA_OPTS"));
        // With the defaults, the defaults' tuning and no JVM options: the images' own.
        OperatorSettings plain = parse(defaults.get(Deployment.class, "rel-imager-operator").getSpec().getTemplate()
                .getSpec().getContainers().get(0).getArgs());
        Container plainWorker = RunObjects.workerDeployment(test, plain).getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        assertThat(plainWorker.getArgs()).contains("--max-inflight=10000", "--cpu-pinning=auto");
        assertThat(plainWorker.getEnv()).noneMatch(e -> e.getName().equals("JAVA_OPTS"));
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
                .orElse(null);
    }

    @Test
    void podsTheOperatorCreatesAreSelectedByTheReleasesNetworkPolicies() {
        OperatorSettings settings = parse(defaults.get(Deployment.class, "rel-imager-operator").getSpec().getTemplate()
                .getSpec().getContainers().get(0).getArgs());
        LoadTest test = Fixtures.loadTest("smoke");
        Map<String, String> coordinatorPod = RunObjects.coordinatorJob(test, settings).getSpec().getTemplate()
                .getMetadata().getLabels();
        Map<String, String> workerPod = RunObjects.workerDeployment(test, settings).getSpec().getTemplate()
                .getMetadata().getLabels();
        assertSelects(defaults.get(NetworkPolicy.class, "rel-imager-coordinator").getSpec().getPodSelector(),
                coordinatorPod);
        assertSelects(defaults.get(NetworkPolicy.class, "rel-imager-worker").getSpec().getPodSelector(), workerPod);
        // The bundled NATS's ingress admits them.
        var natsPeers = defaults.get(NetworkPolicy.class, "rel-nats").getSpec().getIngress().get(0).getFrom();
        assertThat(natsPeers).anySatisfy(p -> assertSelects(p.getPodSelector(), coordinatorPod));
        assertThat(natsPeers).anySatisfy(p -> assertSelects(p.getPodSelector(), workerPod));
        // The operator may reach its coordinators.
        var operatorEgress = defaults.get(NetworkPolicy.class, "rel-imager-operator").getSpec().getEgress();
        assertThat(operatorEgress).filteredOn(rule -> !rule.getTo().isEmpty() && rule.getTo().get(0).getPodSelector() != null)
                .anySatisfy(rule -> assertSelects(rule.getTo().get(0).getPodSelector(), coordinatorPod));
        // ... and the per-run coordinator policy admits the operator's pod.
        Map<String, String> operatorPod = defaults.get(Deployment.class, "rel-imager-operator").getSpec().getTemplate()
                .getMetadata().getLabels();
        NetworkPolicy runPolicy = RunNetworkPolicies.of(test, settings).get(1);
        assertSelects(runPolicy.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector(), operatorPod);
    }

    @Test
    void disabledLeavesTheDirectModeAsItWas() throws IOException {
        RenderedChart off = chart.render("rel", "perf", "operator:\n  enabled: false\n");
        assertThat(off.all(CustomResourceDefinition.class)).isEmpty();
        assertThat(off.all(Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("rel-imager-coordinator", "rel-imager-worker", "rel-imager-sumservice",
                        "rel-nats-box");
        String withoutOperator = defaults.yaml().replaceAll("(?s)---\\n# Source: imager/templates/(crd-loadtests|operator|"
                + "networkpolicy-operator)\\.yaml.*?(?=\\n---\\n|\\z)", "");
        assertThat(stripRandom(off.yaml())).isEqualTo(stripRandom(withoutOperator));
    }

    static JsonNode documentedExample() throws IOException {
        String doc = Files.readString(repoRoot().resolve("docs/loadtest-resource.md"));
        Matcher m = Pattern.compile("```yaml\\n(apiVersion: imager.dev/v1alpha1\\nkind: LoadTest\\n.*?)```",
                Pattern.DOTALL).matcher(doc);
        assertThat(m.find()).as("docs/loadtest-resource.md has a LoadTest example").isTrue();
        return YAML.readTree(m.group(1));
    }

    static Path repoRoot() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("mvnw")) && Files.isDirectory(d.resolve("docs"))) {
                return d;
            }
        }
        throw new AssertionError("no repository root above " + Path.of("").toAbsolutePath());
    }

    private static OperatorSettings parse(List<String> args) {
        OperatorCommand command = new OperatorCommand();
        new CommandLine(command).parseArgs(args.toArray(String[]::new));
        return command.settings(null);
    }

    private static List<String> rules(JSONSchemaProps s) {
        return s.getXKubernetesValidations().stream().map(ValidationRule::getRule).toList();
    }

    private static void assertSelects(LabelSelector selector, Map<String, String> labels) {
        assertThat(labels).containsAllEntriesOf(selector.getMatchLabels());
        for (var e : selector.getMatchExpressions()) {
            assertThat(e.getOperator()).isEqualTo("In");
            assertThat(e.getValues()).contains(labels.get(e.getKey()));
        }
    }

    /** The schema's properties are the record's components, recursively for nested records. */
    private static void assertSameFields(JSONSchemaProps schema, Class<?> type, String path) {
        RecordComponent[] components = type.getRecordComponents();
        assertThat(schema.getProperties().keySet()).as(path)
                .containsExactlyInAnyOrder(java.util.Arrays.stream(components).map(RecordComponent::getName)
                        .toArray(String[]::new));
        for (RecordComponent c : components) {
            Class<?> nested = c.getType();
            if (nested.isRecord()) {
                assertSameFields(schema.getProperties().get(c.getName()), nested, path + "." + c.getName());
            }
            Type generic = c.getGenericType();
            if (generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> item
                    && item.isRecord()) {
                assertSameFields(schema.getProperties().get(c.getName()).getItems().getSchema(), item,
                        path + "." + c.getName() + "[]");
            }
        }
    }

    /** Without blank lines and the generated NATS passwords (they differ per render). */
    private static String stripRandom(String yaml) {
        return yaml.replaceAll("(-password: )\"[^\"]*\"", "$1<random>").replaceAll("\n\\s*\n", "\n");
    }
}
