package dev.imager.coordinator.deploy;

import static dev.imager.coordinator.deploy.Kustomizations.applied;
import static dev.imager.coordinator.deploy.Kustomizations.files;
import static dev.imager.coordinator.deploy.Kustomizations.kustomization;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kustomize stacks' NATS (deploy/nats, included by deploy/k8s and deploy/demo): closed to all but imager's
 * three identities with the chart's authorization file, passwords from a file new-passwords.sh makes and git
 * never sees, each pod holding only its own password; and the workers' --allowed-targets for each stack's target.
 */
class KustomizeNatsIT {

    private static final String PASSWORD = "[A-Za-z][A-Za-z0-9]{31}";
    private static final List<String> PRIVATE_RANGES_8080 = List.of("10.0.0.0/8:8080", "172.16.0.0/12:8080",
            "192.168.0.0/16:8080");

    @Test
    void bothStacksRunTheClosedNatsAndEachPodHoldsOnlyItsOwnPassword() {
        for (String stack : List.of("k8s", "demo")) {
            Manifests m = applied(stack);
            String conf = m.get(ConfigMap.class, "nats-config").getData().get("authorization.conf");
            Map<String, NatsGrants> users = NatsGrants.ofConfig(conf);
            assertThat(users).containsOnlyKeys("imager-coordinator", "imager-worker", "imager-watcher");
            assertThat(m.get(ConfigMap.class, "nats-config").getData().get("nats.conf"))
                    .contains("include authorization.conf");

            // The server: its configuration from the generated ConfigMap, each $IMAGER_*_PASSWORD from the Secret.
            Container nats = m.container("nats");
            assertThat(nats.getArgs()).containsExactly("--config", "/etc/nats-config/nats.conf");
            PodTemplateSpec natsPod = m.podOf("nats");
            assertThat(nats.getVolumeMounts()).anySatisfy(mount -> {
                assertThat(mount.getMountPath()).isEqualTo("/etc/nats-config");
                Volume volume = natsPod.getSpec().getVolumes().stream().filter(v -> v.getName()
                        .equals(mount.getName())).findFirst().orElseThrow();
                assertThat(volume.getConfigMap().getName()).isEqualTo("nats-config");
            });
            Set<String> keys = new TreeSet<>();
            users.values().forEach(grants -> {
                EnvVar env = nats.getEnv().stream().filter(e -> e.getName().equals(grants.passwordVariable()))
                        .findFirst().orElseThrow(() -> new AssertionError(grants.passwordVariable() + " not set"));
                assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("nats-auth");
                keys.add(env.getValueFrom().getSecretKeyRef().getKey());
            });
            assertThat(m.get(Secret.class, "nats-auth").getData().keySet()).isEqualTo(keys)
                    .containsExactlyInAnyOrder("coordinator-password", "worker-password", "watcher-password");

            assertIdentity(m.container("coordinator"), "imager-coordinator", "coordinator-password");
            assertIdentity(m.container("worker"), "imager-worker", "worker-password");
            assertThat(HelmNatsAuthIT.secretKeysOf(m.podOf("coordinator"))).containsExactly("nats-auth/coordinator-password");
            assertThat(HelmNatsAuthIT.secretKeysOf(m.podOf("worker"))).containsExactly("nats-auth/worker-password");
            assertThat(ProgramArgs.worker(m.container("worker")).matchedOptionValue("--nats-user", ""))
                    .isEqualTo("imager-worker");
            assertThat(ProgramArgs.coordinator(m.container("coordinator")).nats().user()).isEqualTo("imager-coordinator");

            // nats-box is the watcher.
            Container box = m.container("nats-box");
            assertThat(value(box, "NATS_USER")).isEqualTo("imager-watcher");
            assertThat(value(box, "NATS_URL"))
                    .isEqualTo(ProgramArgs.coordinator(m.container("coordinator")).nats().servers());
            assertThat(HelmNatsAuthIT.secretKeysOf(m.podOf("nats-box"))).containsExactly("nats-auth/watcher-password");
        }
        // The alternative coordinators of deploy/k8s, applied with `kubectl apply -f`, connect the same way.
        for (String file : List.of("coordinator-service-mode.yaml", "coordinator-url-mode.yaml")) {
            assertIdentity(files("k8s").get(file).container("coordinator"), "imager-coordinator", "coordinator-password");
        }
    }

    @Test
    void passwordsComeFromAFileTheScriptMakesAndGitNeverSees(@TempDir Path tmp) throws IOException {
        JsonNode generator = kustomization("nats").at("/secretGenerator/0");
        assertThat(generator.get("name").asText()).isEqualTo("nats-auth");
        assertThat(generator.at("/envs/0").asText()).isEqualTo("passwords.env");
        // A fixed name: the alternative coordinators, applied with -f, reference it as is.
        assertThat(generator.at("/options/disableNameSuffixHash").asBoolean()).isTrue();
        assertThat(RepoFiles.read(RepoFiles.resolve("deploy/nats/.gitignore")).lines()).contains("/passwords.env");

        Path script = Kustomizations.dir("nats").resolve("new-passwords.sh");
        Path file = tmp.resolve("passwords.env");
        Kustomizations.runScript(script, file.toString());
        Map<String, String> first = Kustomizations.readEnv(file);
        assertThat(first).containsOnlyKeys("coordinator-password", "worker-password", "watcher-password");
        assertThat(first.values()).allMatch(p -> p.matches(PASSWORD)).doesNotHaveDuplicates();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        // Run again: kept. With --rotate: all new.
        assertThat(Kustomizations.runScript(script, file.toString())).contains("keeping it");
        assertThat(Kustomizations.readEnv(file)).isEqualTo(first);
        Kustomizations.runScript(script, "--rotate", file.toString());
        Map<String, String> rotated = Kustomizations.readEnv(file);
        assertThat(rotated.keySet()).isEqualTo(first.keySet());
        rotated.forEach((key, value) -> assertThat(value).as(key).matches(PASSWORD).isNotEqualTo(first.get(key)));
    }

    @Test
    void workersMaySendOnlyToTheirStacksTarget() {
        // deploy/k8s: the test service by name (service and url modes) and its pods' port (pod mode).
        Manifests k8s = applied("k8s");
        List<String> allowed = ProgramArgs.allowedTargets(k8s.container("worker"));
        URI url = URI.create(ProgramArgs.coordinator(files("k8s").get("coordinator-url-mode.yaml")
                .container("coordinator")).target().url());
        assertThat(allowed).startsWith(url.getHost() + ":" + url.getPort(),
                "imager-test-service.imager.svc.cluster.local:8080").containsAll(PRIVATE_RANGES_8080).hasSize(5);
        assertThat(k8s.container("http-echo").getArgs()).contains("-listen=:8080");

        // deploy/demo: sumservice's pods.
        Manifests demo = applied("demo");
        assertThat(ProgramArgs.allowedTargets(demo.container("worker"))).isEqualTo(PRIVATE_RANGES_8080);
        assertThat(demo.container("sumservice").getPorts()).extracting(ContainerPort::getContainerPort).contains(8080);
    }

    private static void assertIdentity(Container c, String user, String key) {
        assertThat(c.getArgs()).contains("--nats-user=" + user).noneMatch(a -> a.startsWith("--nats-password"));
        HelmNatsAuthIT.assertSecretEnv(c, "IMAGER_NATS_PASSWORD", "nats-auth", key);
    }

    private static String value(Container c, String variable) {
        return c.getEnv().stream().filter(e -> e.getName().equals(variable)).findFirst()
                .map(EnvVar::getValue).orElseThrow(() -> new AssertionError(variable + " not set in " + c.getName()));
    }
}
