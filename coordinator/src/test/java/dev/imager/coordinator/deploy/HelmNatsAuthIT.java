package dev.imager.coordinator.deploy;

import static dev.imager.coordinator.deploy.ChartValueSets.EXTERNAL_NATS;
import static dev.imager.coordinator.deploy.ChartValueSets.EXTERNAL_NATS_CREDS;
import static dev.imager.coordinator.deploy.ChartValueSets.EXTERNAL_NATS_OPEN;
import static dev.imager.coordinator.deploy.ChartValueSets.EXTERNAL_NATS_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.imager.coordinator.config.CoordinatorConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * NATS closed by default, as the chart renders it: a Secret with a random password per identity (made once and
 * kept across upgrades by a lookup, shown against a fake API server), the bundled server's users and permissions in a ConfigMap without any
 * password, each pod holding only its own identity's secret; your own NATS with passwords, .creds files, a token
 * or nothing; the permission table of docs/security.md and deploy/nats/authorization.conf equal to what the chart
 * renders; pinned images and a Chart.lock in step with Chart.yaml. {@link NatsPermissionsIT} shows a real
 * nats-server enforcing the rendered permissions.
 */
class HelmNatsAuthIT {

    private static final String PASSWORD = "[A-Za-z][A-Za-z0-9]{31}";

    @RegisterExtension
    static final PreparedChart CHART = new PreparedChart();

    /** The passwords of a rendered Secret, decoded, by key. */
    static Map<String, String> passwords(Secret secret) {
        Map<String, String> decoded = new java.util.TreeMap<>();
        secret.getData().forEach((k, v) -> decoded.put(k, new String(Base64.getDecoder().decode(v),
                StandardCharsets.UTF_8)));
        return decoded;
    }

    /** The authorization file the chart renders for the bundled NATS. */
    static String authorization(Manifests m, String natsName) {
        return m.get(ConfigMap.class, natsName + "-authorization").getData().get("authorization.conf");
    }

    @Test
    void theBundledNatsIsClosedAndEachPodHoldsOnlyItsOwnPassword() throws IOException {
        Manifests m = CHART.chart().render("imager", "imager", ChartValueSets.DEFAULTS);
        Secret secret = m.get(Secret.class, "imager-nats-auth");
        Map<String, String> passwords = passwords(secret);
        assertThat(passwords).containsOnlyKeys("coordinator-password", "worker-password", "watcher-password");
        assertThat(passwords.values()).allMatch(p -> p.matches(PASSWORD)).doesNotHaveDuplicates();

        // No password anywhere but in that Secret: not in a ConfigMap, an argument or a literal variable.
        for (String password : passwords.values()) {
            for (Manifests.Doc doc : m.docs()) {
                if (!(doc.object() instanceof Secret)) {
                    assertThat(Manifests.SERIALIZATION.asYaml(doc.object())).as("%s", doc).doesNotContain(password);
                }
            }
        }
        String conf = authorization(m, "imager-nats");
        assertThat(NatsGrants.ofConfig(conf)).containsOnlyKeys("imager-coordinator", "imager-worker",
                "imager-watcher");

        // Each program connects as its own user, its password from its own key, as an environment variable.
        Map<String, String> users = Map.of("coordinator", "imager-coordinator", "worker", "imager-worker");
        for (String program : users.keySet()) {
            Container c = m.container(program);
            assertThat(c.getArgs()).contains("--nats-user=" + users.get(program))
                    .noneMatch(a -> a.startsWith("--nats-password") || a.startsWith("--nats-token"));
            assertSecretEnv(c, "IMAGER_NATS_PASSWORD", "imager-nats-auth", program + "-password");
            assertThat(secretKeysOf(m.podOf(program))).containsExactly("imager-nats-auth/" + program + "-password");
        }
        CoordinatorConfig config = ProgramArgs.coordinator(m.container("coordinator"));
        assertThat(config.nats().user()).isEqualTo("imager-coordinator");
        assertThat(config.nats().password()).as("read from IMAGER_NATS_PASSWORD").isEqualTo("secret");
        assertThat(ProgramArgs.worker(m.container("worker")).matchedOptionValue("--nats-user", ""))
                .isEqualTo("imager-worker");
        // The demo target and the stand-in nats-box hold nothing of it (the real nats-box: see the values).
        assertThat(secretKeysOf(m.podOf("sumservice"))).isEmpty();
    }

    @Test
    void theValuesWireTheBundledNatsToTheSecretAndTheAuthorizationFile() throws IOException {
        // What the official NATS chart receives (rendering the real chart needs the network; see the stand-in's
        // Chart.yaml): the include of the file the ConfigMap holds, mounted where the include points, and every
        // $IMAGER_*_PASSWORD the file names from the Secret's key of that identity.
        JsonNode nats = new YAMLMapper().readTree(RepoFiles.resolve("charts/imager/values.yaml").toFile()).get("nats");
        assertThat(nats.at("/config/merge/$include").asText()).isEqualTo("../imager-auth/authorization.conf");
        JsonNode mount = nats.at("/container/patch/0");
        assertThat(mount.get("path").asText()).isEqualTo("/volumeMounts/-");
        assertThat(mount.at("/value/mountPath").asText()).isEqualTo("/etc/imager-auth");
        JsonNode volume = nats.at("/podTemplate/patch/0");
        assertThat(volume.get("path").asText()).isEqualTo("/spec/volumes/-");
        assertThat(volume.at("/value/name").asText()).isEqualTo(mount.at("/value/name").asText());
        assertThat(volume.at("/value/configMap/name/$tplYaml").asText())
                .isEqualTo("{{ include \"nats.fullname\" . }}-authorization");

        Manifests m = CHART.chart().render("imager", "imager", ChartValueSets.DEFAULTS);
        Set<String> variables = new TreeSet<>();
        NatsGrants.ofConfig(authorization(m, "imager-nats")).values().forEach(g -> variables.add(g.passwordVariable()));
        assertThat(variables).containsExactly("IMAGER_COORDINATOR_PASSWORD", "IMAGER_WATCHER_PASSWORD",
                "IMAGER_WORKER_PASSWORD");
        for (String variable : variables) {
            JsonNode ref = nats.at("/container/env/" + variable + "/valueFrom/secretKeyRef");
            assertThat(ref.at("/name/$tplYaml").asText()).as(variable).isEqualTo("{{ include \"nats.fullname\" . }}-auth");
            String identity = variable.substring("IMAGER_".length(), variable.length() - "_PASSWORD".length());
            assertThat(ref.get("key").asText()).isEqualTo(identity.toLowerCase() + "-password");
            assertThat(passwords(m.get(Secret.class, "imager-nats-auth"))).containsKey(ref.get("key").asText());
        }
        // nats-box runs every `nats` command as the watcher.
        JsonNode box = nats.at("/natsBox/container/env");
        assertThat(box.get("NATS_USER").asText()).isEqualTo("imager-watcher");
        assertThat(box.at("/NATS_PASSWORD/valueFrom/secretKeyRef/key").asText()).isEqualTo("watcher-password");
        assertThat(nats.at("/container/env").toString() + box).doesNotContain("\"value\"");
    }

    @Test
    void passwordsAreMadeAtInstallAndKeptAcrossUpgradesByALookup() throws IOException {
        // Without a cluster there is nothing to look up: each rendering makes a complete, new set.
        Secret installed = CHART.chart().render("imager", "imager", ChartValueSets.DEFAULTS)
                .get(Secret.class, "imager-nats-auth");
        Map<String, String> first = passwords(installed);
        Map<String, String> second = passwords(CHART.chart().render("imager", "imager", ChartValueSets.DEFAULTS)
                .get(Secret.class, "imager-nats-auth"));
        assertThat(second.keySet()).isEqualTo(first.keySet());
        first.forEach((key, value) -> assertThat(second.get(key)).as(key).isNotEqualTo(value).matches(PASSWORD));

        // An upgrade: the Secret of the install is in the cluster, and the rendering looks it up.
        installed.getMetadata().setNamespace("imager");
        assertThat(passwords(upgrade(installed))).isEqualTo(first);
        // A key missing from it (an older Secret, a hand-made one) is made; the others stay.
        installed.getData().remove("watcher-password");
        Map<String, String> completed = passwords(upgrade(installed));
        assertThat(completed).containsAllEntriesOf(Map.of("coordinator-password", first.get("coordinator-password"),
                "worker-password", first.get("worker-password")));
        assertThat(completed.get("watcher-password")).matches(PASSWORD).isNotEqualTo(first.get("watcher-password"));

        // natsAuth.createSecret=false: the Secret is yours to create, under the same name (tools without lookup).
        Manifests own = CHART.chart().render("imager", "imager", "natsAuth:\n  createSecret: false\n");
        assertThat(own.all(Secret.class)).isEmpty();
        assertSecretEnv(own.container("worker"), "IMAGER_NATS_PASSWORD", "imager-nats-auth", "worker-password");
    }

    /** The Secret `helm upgrade` would apply while {@code existing} is in the cluster (a fake API server). */
    private static Secret upgrade(Secret existing) throws IOException {
        ImagerChart chart = CHART.chart();
        try (FakeKubernetesApi api = FakeKubernetesApi.serving(Map.of("imager/imager-nats-auth", existing))) {
            Helm.Result r = chart.helm().run(api.kubeconfig(CHART.scratch()), "template", "imager",
                    chart.dir().toString(), "--namespace", "imager", "--values",
                    chart.values(ChartValueSets.DEFAULTS).toString(), "--dry-run=server");
            assertThat(r.exitCode()).as("helm template --dry-run=server: %s", r.stderr()).isZero();
            assertThat(api.requests()).contains("GET /api/v1/namespaces/imager/secrets/imager-nats-auth");
            return Manifests.parse(r.stdout(), "helm template --dry-run=server").get(Secret.class, "imager-nats-auth");
        }
    }

    @Test
    void permissionsFollowTheSubjectPrefixAndTheUserNames() throws IOException {
        Manifests m = CHART.chart().render("perf", "loadtest", """
                subjectPrefix: team-a.imager
                natsAuth:
                  users:
                    coordinator: planner
                    worker: loader
                """);
        Map<String, NatsGrants> users = NatsGrants.ofConfig(authorization(m, "perf-nats"));
        assertThat(users).containsOnlyKeys("planner", "loader", "imager-watcher");
        assertThat(users.get("loader").subscribe()).containsExactly("team-a.imager.jobs team-a-imager-workers",
                "team-a.imager.users-jobs team-a-imager-workers", "team-a.imager.control", "team-a.imager.confirm.*");
        assertThat(users.get("planner").publish()).containsExactly("team-a.imager.jobs", "team-a.imager.users-jobs",
                "team-a.imager.control", "team-a.imager.confirm.*", "_INBOX.>");
        assertThat(m.container("coordinator").getArgs()).contains("--nats-user=planner",
                "--subject-prefix=team-a.imager");
        assertThat(m.container("worker").getArgs()).contains("--nats-user=loader");
        assertSecretEnv(m.container("worker"), "IMAGER_NATS_PASSWORD", "perf-nats-auth", "worker-password");
    }

    @Test
    void theDocumentedPermissionTableIsWhatTheChartGrants() throws IOException {
        String conf = authorization(CHART.chart().render("imager", "imager", ChartValueSets.DEFAULTS), "imager-nats");
        Map<String, NatsGrants> documented = NatsGrants.ofDocsTable(RepoFiles.read(RepoFiles.resolve(
                "docs/security.md")), "imager", "imager-workers");
        assertThat(documented).isEqualTo(NatsGrants.ofConfig(conf));
    }

    @Test
    void theKustomizeNatsUsesTheChartsAuthorizationFile() throws IOException {
        String conf = authorization(CHART.chart().render("imager", "imager", ChartValueSets.DEFAULTS), "imager-nats");
        assertThat(RepoFiles.read(RepoFiles.resolve("deploy/nats/authorization.conf"))).isEqualTo(conf);
    }

    @Test
    void yourOwnNatsTakesPasswordsCredsFilesATokenOrNothing() throws IOException {
        Manifests password = CHART.chart().render("imager", "imager", EXTERNAL_NATS);
        assertThat(password.all(Secret.class)).isEmpty();
        assertThat(password.find(ConfigMap.class, "imager-nats-authorization")).isEmpty();
        assertThat(password.container("coordinator").getArgs()).contains("--nats-user=loader");
        assertThat(password.container("worker").getArgs()).contains("--nats-user=load-worker");
        for (String program : List.of("coordinator", "worker")) {
            assertSecretEnv(password.container(program), "IMAGER_NATS_PASSWORD", "imager-nats", program + "-password");
            assertThat(secretKeysOf(password.podOf(program))).containsExactly("imager-nats/" + program + "-password");
        }
        ProgramArgs.worker(password.container("worker"));

        // creds: each pod mounts its own .creds file and no other.
        Manifests creds = CHART.chart().render("imager", "imager", EXTERNAL_NATS_CREDS);
        for (String program : List.of("coordinator", "worker")) {
            Container c = creds.container(program);
            assertThat(c.getArgs()).contains("--nats-creds=/etc/imager/nats-creds/" + program + ".creds",
                    "--nats-url=tls://nats.messaging.svc:4222").noneMatch(a -> a.startsWith("--nats-user"));
            assertThat(c.getEnv()).noneMatch(e -> e.getName().startsWith("IMAGER_NATS"));
            assertThat(c.getVolumeMounts()).anySatisfy(v -> {
                assertThat(v.getMountPath()).isEqualTo("/etc/imager/nats-creds");
                assertThat(v.getReadOnly()).isTrue();
            });
            assertThat(secretKeysOf(creds.podOf(program))).containsExactly("imager-nats-creds/" + program + ".creds");
        }
        assertThat(ProgramArgs.worker(creds.container("worker")).matchedOptionValue("--nats-creds", ""))
                .isEqualTo("/etc/imager/nats-creds/worker.creds");

        Manifests token = CHART.chart().render("imager", "imager", EXTERNAL_NATS_TOKEN);
        for (String program : List.of("coordinator", "worker")) {
            Container c = token.container(program);
            assertThat(c.getArgs()).noneMatch(a -> a.startsWith("--nats-user") || a.startsWith("--nats-token"));
            assertSecretEnv(c, "IMAGER_NATS_TOKEN", "imager-nats-token", "t");
        }
        assertThat(ProgramArgs.coordinator(token.container("coordinator")).nats().token()).isEqualTo("secret");

        Manifests open = CHART.chart().render("imager", "imager", EXTERNAL_NATS_OPEN);
        for (String program : List.of("coordinator", "worker")) {
            assertThat(open.container(program).getArgs()).noneMatch(a -> a.startsWith("--nats-user")
                    || a.startsWith("--nats-creds"));
            assertThat(secretKeysOf(open.podOf(program))).isEmpty();
        }
        CoordinatorConfig config = ProgramArgs.coordinator(open.container("coordinator"));
        assertThat(config.nats().user()).isNull();
        assertThat(config.nats().token()).isNull();
    }

    @Test
    void authenticationThatCannotWorkIsRefusedWithTheValueToFix() throws IOException {
        assertThat(CHART.chart().refused("natsAuth:\n  type: user\n"))
                .contains("natsAuth.type must be password, creds, token or none");
        assertThat(CHART.chart().refused("natsAuth:\n  type: creds\n  existingSecret: c\n"))
                .contains("natsAuth.type=creds needs your own NATS (nats.enabled=false)");
        assertThat(CHART.chart().refused("natsAuth:\n  type: none\n"))
                .contains("natsAuth.type=none needs your own NATS");
        assertThat(CHART.chart().refused("natsAuth:\n  existingSecret: mine\n"))
                .contains("natsAuth.existingSecret is for your own NATS", "imager-nats-auth");
        assertThat(CHART.chart().refused("nats:\n  namespaceOverride: messaging\n"))
                .contains("the bundled NATS must run in the release namespace imager");
        assertThat(CHART.chart().refused("nats:\n  enabled: false\nnatsUrl: nats://n:4222\nnatsAuth:\n  type: creds\n"))
                .contains("natsAuth.existingSecret is required with natsAuth.type=creds and your own NATS");
        assertThat(CHART.chart().refused("natsAuth:\n  users:\n    worker: \"\"\n"))
                .contains("natsAuth.users.coordinator and natsAuth.users.worker are required");
    }

    @Test
    void imagesArePinnedAndDocumented() throws IOException {
        JsonNode values = new YAMLMapper().readTree(RepoFiles.resolve("charts/imager/values.yaml").toFile());
        JsonNode lock = new YAMLMapper().readTree(RepoFiles.resolve("charts/imager/Chart.lock").toFile());
        String natsVersion = lock.at("/dependencies/0/version").asText();
        String security = RepoFiles.read(RepoFiles.resolve("docs/security.md"));
        List<JsonNode> images = new ArrayList<>();
        for (String path : List.of("/nats/container/image", "/nats/reloader/image", "/nats/promExporter/image",
                "/nats/natsBox/container/image")) {
            images.add(values.at(path));
        }
        for (JsonNode image : images) {
            String reference = image.get("repository").asText() + ":" + image.get("tag").asText();
            assertThat(image.get("tag").asText()).as(reference).isNotBlank().isNotEqualTo("latest")
                    .matches(".*\\d+\\.\\d+\\.\\d+.*");
            assertThat(image.has("digest")).as("%s can be pinned by digest", reference).isTrue();
            assertThat(security).as("docs/security.md#images names %s", reference).contains("`" + reference + "`");
        }
        // The server the locked NATS chart version runs.
        assertThat(values.at("/nats/container/image/tag").asText()).isEqualTo(natsVersion + "-alpine");

        // Every image the chart renders has a tag or a digest, and none is "latest".
        Manifests m = CHART.chart().render("imager", "imager", "image:\n  worker:\n    digest: "
                + "sha256:" + "ab".repeat(32) + "\n");
        m.podTemplates().forEach((owner, pod) -> pod.getSpec().getContainers().forEach(c ->
                assertThat(c.getImage()).as("%s", owner.getMetadata().getName()).matches(".+[:@].+")
                        .doesNotEndWith(":latest")));
        assertThat(m.container("worker").getImage()).isEqualTo("imager/worker@sha256:" + "ab".repeat(32));
    }

    @Test
    void chartLockIsInStepWithChartYaml(@TempDir Path tmp) throws IOException {
        JsonNode chartYaml = new YAMLMapper().readTree(RepoFiles.resolve("charts/imager/Chart.yaml").toFile());
        JsonNode lock = new YAMLMapper().readTree(RepoFiles.resolve("charts/imager/Chart.lock").toFile());
        JsonNode dependency = chartYaml.at("/dependencies/0");
        JsonNode locked = lock.at("/dependencies/0");
        assertThat(locked.get("name").asText()).isEqualTo(dependency.get("name").asText()).isEqualTo("nats");
        assertThat(locked.get("repository").asText()).isEqualTo(dependency.get("repository").asText())
                .isEqualTo("https://nats-io.github.io/k8s/helm/charts/");
        assertThat(locked.get("version").asText()).startsWith(dependency.get("version").asText().replace("x", ""));

        // `helm dependency build` checks the lock's digest against Chart.yaml before it needs any repository:
        // with none configured (offline) it gets past that check and stops at the missing repository.
        Path copy = tmp.resolve("imager");
        RepoFiles.copyTree(RepoFiles.resolve("charts/imager"), copy);
        RepoFiles.deleteTree(copy.resolve("charts"));
        Helm.Result build = CHART.chart().helm().run("dependency", "build", copy.toString());
        assertThat(build.stderr()).doesNotContain("out of sync")
                .contains("no repository definition for https://nats-io.github.io/k8s/helm/charts/");
        assertThat(Files.exists(copy.resolve("charts"))).as("nothing was downloaded").isFalse();
    }

    // ---- helpers ----

    static void assertSecretEnv(Container c, String variable, String secret, String key) {
        List<EnvVar> matching = c.getEnv().stream().filter(e -> e.getName().equals(variable)).toList();
        assertThat(matching).as("%s in %s", variable, c.getName()).hasSize(1);
        EnvVar env = matching.get(0);
        assertThat(env.getValue()).isNull();
        assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secret);
        assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(key);
    }

    /**
     * Every "secret/key" a pod can read: secretKeyRef variables and the keys of the Secret volumes it mounts
     * ("secret/*" for a volume with all of a Secret's keys).
     */
    static Set<String> secretKeysOf(PodTemplateSpec pod) {
        Set<String> keys = new TreeSet<>();
        pod.getSpec().getContainers().forEach(c -> {
            c.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                    .map(e -> e.getValueFrom().getSecretKeyRef())
                    .forEach((SecretKeySelector s) -> keys.add(s.getName() + "/" + s.getKey()));
            assertThat(c.getEnvFrom()).as("no envFrom: it would hand a pod every key").isEmpty();
        });
        for (Volume v : pod.getSpec().getVolumes()) {
            if (v.getSecret() != null && v.getSecret().getItems().isEmpty()) {
                keys.add(v.getSecret().getSecretName() + "/*");
            } else if (v.getSecret() != null) {
                v.getSecret().getItems().forEach(i -> keys.add(v.getSecret().getSecretName() + "/" + i.getKey()));
            }
        }
        return keys;
    }
}
