package dev.imager.coordinator.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imager.coordinator.config.Sections;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesClientsTest {
    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster:
                server: https://127.0.0.1:6443
                insecure-skip-tls-verify: true
            users:
            - name: tester
              user:
                token: not-a-real-token
            contexts:
            - name: test
              context:
                cluster: test
                user: tester
                namespace: imagerdemo
            current-context: test
            """;

    @TempDir
    Path dir;

    @Test
    void kubeconfigFileGivesAClientForItsCurrentContext() throws Exception {
        Path file = Files.writeString(dir.resolve("config"), KUBECONFIG);

        try (KubernetesClient client = KubernetesClients.create(false, file.toString(), Map.of(), dir.resolve("none"), dir)) {
            assertThat(client.getConfiguration().getMasterUrl()).startsWith("https://127.0.0.1:6443");
            assertThat(client.getConfiguration().getNamespace()).isEqualTo("imagerdemo");
        }
    }

    @Test
    void emptyKubeconfigMeansHomeDotKubeConfig() throws Exception {
        Files.createDirectories(dir.resolve(".kube"));
        Files.writeString(dir.resolve(".kube/config"), KUBECONFIG);

        try (KubernetesClient client = KubernetesClients.create(false, "", Map.of(), dir.resolve("none"), dir)) {
            assertThat(client.getConfiguration().getMasterUrl()).startsWith("https://127.0.0.1:6443");
        }
    }

    @Test
    void missingKubeconfigNamesTheFile() {
        Path missing = dir.resolve("nope/config");

        assertThatThrownBy(() -> KubernetesClients.create(false, missing.toString(), Map.of(), dir.resolve("none"), dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot read kubeconfig " + missing.toAbsolutePath())
                .hasMessageContaining("-kubeconfig");
    }

    @Test
    void inClusterOutsideAPodSaysSo() {
        assertThatThrownBy(() -> KubernetesClients.create(true, "", Map.of(), dir.resolve("token"), dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("KUBERNETES_SERVICE_HOST is not set")
                .hasMessageContaining("-in-cluster=false");
    }

    @Test
    void inClusterWithoutTokenSaysSo() {
        Map<String, String> env = Map.of(KubernetesClients.SERVICE_HOST_ENV, "127.0.0.1");

        assertThatThrownBy(() -> KubernetesClients.create(true, "", env, dir.resolve("token"), dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("service account token " + dir.resolve("token"));
    }

    @Test
    void clientFailureBecomesAResolutionFailureAtStart() {
        TargetResolver resolver = TargetResolvers.create(Sections.pod("ns", "d", "http", ""), () -> {
            throw new IllegalStateException("cannot read kubeconfig /x");
        });

        assertThatThrownBy(resolver::start)
                .isInstanceOf(TargetResolutionException.class)
                .hasMessage("create Kubernetes client: cannot read kubeconfig /x");
    }

    @Test
    void lazyClientIsCreatedOnceAndRetriedAfterAFailure() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        Path file = dir.resolve("config");
        LazyKubernetesClient lazy = new LazyKubernetesClient(() -> {
            calls.incrementAndGet();
            return KubernetesClients.create(false, file.toString(), Map.of(), dir.resolve("none"), dir);
        });

        assertThatThrownBy(lazy::get).isInstanceOf(IllegalStateException.class);
        assertThat(lazy.created()).isFalse();
        Files.writeString(file, KUBECONFIG);
        KubernetesClient first = lazy.get();
        assertThat(lazy.get()).isSameAs(first);
        assertThat(calls).hasValue(2);
        lazy.close();
        assertThatThrownBy(lazy::get).hasMessageContaining("closed");
    }
}
