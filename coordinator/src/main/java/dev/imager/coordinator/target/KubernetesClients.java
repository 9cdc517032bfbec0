package dev.imager.coordinator.target;

import static dev.imager.coordinator.config.TargetFlags.IN_CLUSTER;
import static dev.imager.coordinator.config.TargetFlags.KUBECONFIG;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds the Kubernetes client from {@code -in-cluster} and {@code -kubeconfig}, failing with a message
 * that says what to change rather than a fabric8 stack trace from the first API call.
 */
public final class KubernetesClients {
    /** Set by the kubelet in every pod; its absence means "not running in a cluster". */
    static final String SERVICE_HOST_ENV = "KUBERNETES_SERVICE_HOST";
    /** Where the kubelet mounts the service account token. */
    static final Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");
    /** The kubeconfig read when {@code -kubeconfig} is empty, relative to the home directory. */
    static final Path DEFAULT_KUBECONFIG = Path.of(".kube", "config");

    private KubernetesClients() {
    }

    /**
     * In cluster: fabric8's default auto-configuration, which in a pod uses the mounted service
     * account (token, CA, namespace) and the {@code KUBERNETES_SERVICE_HOST/PORT} environment.
     * Otherwise: the kubeconfig file ({@code ~/.kube/config} when empty; like the original, the
     * {@code KUBECONFIG} variable is not consulted) with its current context.
     *
     * @throws IllegalStateException naming the missing piece (environment, token file, kubeconfig file)
     */
    public static KubernetesClient create(boolean inCluster, String kubeconfig) {
        return create(inCluster, kubeconfig, System.getenv(), SERVICE_ACCOUNT_TOKEN,
                Path.of(System.getProperty("user.home", "")));
    }

    /** A supplier for {@link TargetResolvers#create} that builds the client on first use and closes it. */
    public static LazyKubernetesClient lazy(boolean inCluster, String kubeconfig) {
        return new LazyKubernetesClient(() -> create(inCluster, kubeconfig));
    }

    static KubernetesClient create(boolean inCluster, String kubeconfig, Map<String, String> env,
                                   Path tokenFile, Path home) {
        if (inCluster) {
            String host = env.get(SERVICE_HOST_ENV);
            if (host == null || host.isBlank()) {
                throw new IllegalStateException(IN_CLUSTER + "=true but " + SERVICE_HOST_ENV
                        + " is not set (not running in a pod?); use " + IN_CLUSTER + "=false with " + KUBECONFIG);
            }
            if (!Files.isReadable(tokenFile)) {
                throw new IllegalStateException(IN_CLUSTER + "=true but the service account token " + tokenFile
                        + " is not readable; is automountServiceAccountToken disabled for the pod?");
            }
            return new KubernetesClientBuilder().build();
        }
        Path file = kubeconfig == null || kubeconfig.isBlank() ? home.resolve(DEFAULT_KUBECONFIG) : Path.of(kubeconfig);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalStateException("cannot read kubeconfig " + file.toAbsolutePath()
                    + " (" + IN_CLUSTER + "=false" + (kubeconfig == null || kubeconfig.isBlank() ? ", " + KUBECONFIG
                    + " empty" : "") + "); pass " + KUBECONFIG + "=<file> or run in a cluster with " + IN_CLUSTER
                    + "=true");
        }
        Config config;
        try {
            config = Config.fromKubeconfig(file.toFile());
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot use kubeconfig " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
