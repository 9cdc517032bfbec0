package dev.imager.coordinator.target;

import dev.imager.coordinator.config.Sections;
import dev.imager.coordinator.config.TargetSettings;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Builders for the Kubernetes objects the target tests create in the mock API server. */
final class Fixtures {
    static final String NS = "imagerdemo";
    static final String APP = "sumservice";
    static final Map<String, String> LABELS = Map.of("app", APP);

    private Fixtures() {
    }

    static Deployment deployment(String name, LabelSelector selector) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withSelector(selector).withReplicas(3).endSpec()
                .build();
    }

    static Deployment deployment(String name) {
        return deployment(name, new LabelSelector(null, LABELS));
    }

    /** A pod with phase, readiness and IP as given; created in a fixed order so creation times differ. */
    static PodBuilder pod(String name, String phase, boolean ready, String ip, ContainerPort... ports) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).withLabels(LABELS).endMetadata()
                .withNewSpec()
                .addToContainers(new ContainerBuilder().withName("app").withImage("imager/sumservice:local")
                        .withPorts(Arrays.asList(ports)).build())
                .endSpec()
                .withNewStatus().withPhase(phase).withPodIP(ip)
                .withConditions(new PodConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False").build())
                .endStatus();
    }

    /** A Running, Ready pod with container port {@code http} 8080 and a {@code metrics} port. */
    static Pod readyPod(String name, String ip) {
        return pod(name, "Running", true, ip, port("http", 8080), port("metrics", 9100)).build();
    }

    static Pod withCreationTimestamp(Pod pod, String timestamp) {
        return new PodBuilder(pod).editMetadata().withCreationTimestamp(timestamp).endMetadata().build();
    }

    static ContainerPort port(String name, int number) {
        return new ContainerPortBuilder().withName(name).withContainerPort(number).build();
    }

    static Service service(String name, Map<String, String> selector, ServicePort... ports) {
        return new ServiceBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withSelector(selector).withPorts(List.of(ports)).endSpec()
                .build();
    }

    static ServicePort servicePort(String name, int port, int targetPort) {
        return new ServicePortBuilder().withName(name).withPort(port)
                .withNewTargetPort(targetPort).build();
    }

    /** PodMetrics as metrics-server reports them: one usage map per container, {cpu, memory} quantity strings. */
    static PodMetrics podMetrics(String pod, String[]... containers) {
        PodMetricsBuilder b = new PodMetricsBuilder()
                .withNewMetadata().withName(pod).withNamespace(NS).endMetadata()
                .withTimestamp("2026-11-01T00:00:00Z").withWindow(new io.fabric8.kubernetes.api.model.Duration(java.time.Duration.ofSeconds(15)));
        int i = 0;
        for (String[] usage : containers) {
            b.addToContainers(new ContainerMetricsBuilder().withName("c" + i++)
                    .withUsage(Map.of("cpu", new Quantity(usage[0]), "memory", new Quantity(usage[1])))
                    .build());
        }
        return b.build();
    }

    static TargetSettings podSettings(String portName) {
        return Sections.pod(NS, APP, portName, "");
    }
}
