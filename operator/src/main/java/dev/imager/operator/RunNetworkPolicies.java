package dev.imager.operator;

import dev.imager.operator.api.LoadTest;
import dev.imager.operator.api.TargetSpec;
import dev.imager.operator.run.CoordinatorArgs;
import dev.imager.operator.run.RunNames;
import dev.imager.operator.run.RunObjects;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a run's pods may reach beyond what the release's NetworkPolicies allow (they select these pods by their
 * labels, and they allow the chart's target, not the LoadTest's). Policies add up, so each of these only opens:
 * the workers to the LoadTest's target (by the chart's rule, docs/security.md#network-policies), the coordinator
 * to the Kubernetes API in pod and service modes and to the operator's /status and report requests. Owned by the
 * LoadTest.
 */
final class RunNetworkPolicies {

    private static final Pattern SERVICE_HOST = Pattern.compile("^[a-z0-9-]+\\.([a-z0-9-]+)\\.svc(\\.cluster\\.local)?$");
    private static final Pattern IPV4 = Pattern.compile("^[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+$");

    private RunNetworkPolicies() {
    }

    static List<NetworkPolicy> of(LoadTest test, OperatorSettings settings) {
        return List.of(workers(test, settings), coordinator(test, settings));
    }

    private static NetworkPolicy workers(LoadTest test, OperatorSettings settings) {
        return new NetworkPolicyBuilder().withNewMetadata().withName(RunNames.networkPolicy(test, RunObjects.WORKER))
                .withNamespace(test.getMetadata().getNamespace())
                .withLabels(RunNames.labels(settings, test, RunObjects.WORKER))
                .withOwnerReferences(RunObjects.owner(test)).endMetadata()
                .withNewSpec().withNewPodSelector().withMatchLabels(RunNames.selector(settings, test, RunObjects.WORKER))
                .endPodSelector().withPolicyTypes("Egress").withEgress(targetEgress(test)).endSpec().build();
    }

    private static NetworkPolicy coordinator(LoadTest test, OperatorSettings settings) {
        Map<String, String> operatorPods = new java.util.LinkedHashMap<>();
        operatorPods.put("app.kubernetes.io/name", settings.appName());
        if (!settings.instance().isEmpty()) {
            operatorPods.put("app.kubernetes.io/instance", settings.instance());
        }
        operatorPods.put(RunNames.COMPONENT_LABEL, "operator");
        NetworkPolicyBuilder b = new NetworkPolicyBuilder().withNewMetadata()
                .withName(RunNames.networkPolicy(test, RunObjects.COORDINATOR))
                .withNamespace(test.getMetadata().getNamespace())
                .withLabels(RunNames.labels(settings, test, RunObjects.COORDINATOR))
                .withOwnerReferences(RunObjects.owner(test)).endMetadata();
        var spec = b.withNewSpec().withNewPodSelector()
                .withMatchLabels(RunNames.selector(settings, test, RunObjects.COORDINATOR)).endPodSelector()
                .addNewIngress().addNewFrom().withNewPodSelector().withMatchLabels(operatorPods).endPodSelector().endFrom()
                .addNewPort().withPort(new IntOrString(settings.listenPort())).withProtocol("TCP").endPort().endIngress();
        if ("url".equals(test.getSpec().target().mode())) {
            spec.withPolicyTypes("Ingress");
        } else {
            // The API server's Service address is translated to the control plane's, commonly on 443 or 6443.
            spec.withPolicyTypes("Ingress", "Egress").addNewEgress()
                    .addNewPort().withPort(new IntOrString(443)).withProtocol("TCP").endPort()
                    .addNewPort().withPort(new IntOrString(6443)).withProtocol("TCP").endPort().endEgress();
        }
        return spec.endSpec().build();
    }

    /** The LoadTest's target as peers: its namespace's pods, an IP, or anywhere on the URL's port. */
    private static NetworkPolicyEgressRule targetEgress(LoadTest test) {
        TargetSpec t = test.getSpec().target();
        if (!"url".equals(t.mode())) {
            return new NetworkPolicyEgressRuleBuilder().withTo(namespace(CoordinatorArgs.targetNamespace(test))).build();
        }
        URI uri = URI.create(t.url());
        String host = uri.getHost().toLowerCase(java.util.Locale.ROOT);
        var service = SERVICE_HOST.matcher(host);
        if (service.matches()) {
            return new NetworkPolicyEgressRuleBuilder().withTo(namespace(service.group(1))).build();
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        NetworkPolicyEgressRuleBuilder rule = new NetworkPolicyEgressRuleBuilder()
                .addNewPort().withPort(new IntOrString(port)).withProtocol("TCP").endPort();
        List<NetworkPolicyPeer> to = new ArrayList<>();
        if (IPV4.matcher(host).matches()) {
            to.add(new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(host + "/32").endIpBlock().build());
        } else if (host.startsWith("[")) {
            to.add(new NetworkPolicyPeerBuilder().withNewIpBlock()
                    .withCidr(host.substring(1, host.length() - 1) + "/128").endIpBlock().build());
        }
        return rule.withTo(to).build();
    }

    private static NetworkPolicyPeer namespace(String name) {
        return new NetworkPolicyPeerBuilder().withNewNamespaceSelector()
                .withMatchLabels(Map.of("kubernetes.io/metadata.name", name)).endNamespaceSelector().build();
    }
}
