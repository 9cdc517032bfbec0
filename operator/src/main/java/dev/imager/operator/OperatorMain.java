package dev.imager.operator;

import dev.imager.operator.coordinator.CoordinatorEndpoint;
import dev.imager.protocol.cli.TerminationSignals;
import dev.imager.protocol.process.MetricsServer;
import dev.imager.protocol.process.MicrometerProcessMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The operator process: parses its flags, connects to the API server (in-cluster ServiceAccount, else the
 * kubeconfig), runs LoadTests until SIGTERM, and answers {@code /healthz} and {@code /metrics} on
 * {@code --health-port}. Exit codes: 0 stopped, 2 invalid flags, 3 the API server unusable or the port taken.
 */
public final class OperatorMain {

    private OperatorMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        OperatorCommand command = new OperatorCommand();
        CommandLine line = new CommandLine(command);
        PrintWriter err = new PrintWriter(System.err, true);
        try {
            line.parseArgs(args);
        } catch (ParameterException e) {
            err.println("operator: " + e.getMessage());
            err.println("Run 'operator --help' for usage.");
            return 2;
        }
        if (line.isUsageHelpRequested()) {
            line.usage(System.out);
            return 0;
        }
        if (line.isVersionHelpRequested()) {
            line.printVersionHelp(System.out);
            return 0;
        }
        List<String> problems = command.problems();
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("operator: " + p));
            err.println("Run 'operator --help' for usage.");
            return 2;
        }
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            String fallback = System.getenv().getOrDefault("POD_NAMESPACE", client.getNamespace());
            if (fallback == null && command.namespace == null) {
                err.println("operator: --namespace is required (no POD_NAMESPACE, no kubeconfig namespace)");
                return 2;
            }
            OperatorSettings settings;
            try {
                settings = command.settings(fallback);
            } catch (IllegalArgumentException e) {
                err.println("operator: " + e.getMessage());
                return 2;
            }
            LoadTestReconciler reconciler = new LoadTestReconciler(client, settings, new CoordinatorEndpoint(),
                    Clock.systemUTC());
            TerminationSignals signals = TerminationSignals.install();
            try (LoadTestController controller = new LoadTestController(client, settings, reconciler).start();
                    MetricsServer health = healthServer(command.healthPort, controller)) {
                if (health != null) {
                    System.err.println("operator: /healthz and /metrics on :" + health.port());
                }
                signals.await();
            } catch (IOException e) {
                err.println("operator: --health-port " + command.healthPort + ": cannot listen: " + e.getMessage());
                return 3;
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (RuntimeException e) {
            err.println("operator: " + e.getMessage());
            return 3;
        }
    }

    /** {@code /healthz} follows the controller ({@link LoadTestController#healthy()}); null when the port is -1. */
    private static MetricsServer healthServer(int port, LoadTestController controller) throws IOException {
        if (port < 0) {
            return null;
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MicrometerProcessMetrics.bindTo(registry); // for the process's lifetime
        return new MetricsServer("0.0.0.0", port, registry::scrape, controller::healthy);
    }
}
