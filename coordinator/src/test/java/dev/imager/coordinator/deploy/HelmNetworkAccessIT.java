package dev.imager.coordinator.deploy;

import static dev.imager.coordinator.deploy.ChartValueSets.DEFAULTS;
import static dev.imager.coordinator.deploy.ChartValueSets.EXTERNAL_NATS;
import static dev.imager.coordinator.deploy.ChartValueSets.POD_MODE;
import static dev.imager.coordinator.deploy.ChartValueSets.SERVICE_MODE;
import static dev.imager.coordinator.deploy.ChartValueSets.URL_MODE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.config.CoordinatorConfig;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What each pod may reach, as the chart renders it: the NetworkPolicies (workers: NATS, DNS and the target; the
 * coordinator: NATS, DNS and the Kubernetes API; the bundled NATS: only this release's programs and nats-box),
 * with their selectors evaluated against the rendered pods, and the workers' --allowed-targets for every target
 * mode.
 */
class HelmNetworkAccessIT {

    private static final List<String> PRIVATE_RANGES = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");

    @RegisterExtension
    static final PreparedChart CHART = new PreparedChart();

    // ---- NetworkPolicies ----

    @Test
    void workersReachOnlyDnsNatsAndTheDemoTarget() throws IOException {
        Manifests m = CHART.chart().render("imager", "imager", DEFAULTS);
        NetworkPolicy policy = m.get(NetworkPolicy.class, "imager-worker");
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(selects(policy.getSpec().getPodSelector(), labels(m.podOf("worker")))).isTrue();
        assertThat(selects(policy.getSpec().getPodSelector(), labels(m.podOf("coordinator")))).isFalse();

        // In: the metrics port only, from anyone (networkPolicy.metricsFrom narrows it).
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).isEmpty();
            assertThat(ports(rule.getPorts())).containsExactly("TCP/metrics");
        });
        assertThat(m.container("worker").getPorts()).extracting(ContainerPort::getName).contains("metrics");

        List<NetworkPolicyEgressRule> egress = policy.getSpec().getEgress();
        assertThat(egress).hasSize(3);
        assertDns(egress.get(0));
        assertReachesTheNatsPods(m, egress.get(1), 4222);
        // The demo's pods, on the port sumservice listens on.
        NetworkPolicyEgressRule target = egress.get(2);
        assertThat(ports(target.getPorts())).containsExactly("TCP/8080");
        assertThat(m.container("sumservice").getPorts()).extracting(ContainerPort::getContainerPort).contains(8080);
        assertThat(target.getTo()).singleElement().satisfies(peer -> {
            assertThat(peer.getNamespaceSelector()).isNull();
            assertThat(selects(peer.getPodSelector(), labels(m.podOf("sumservice")))).isTrue();
            assertThat(selects(peer.getPodSelector(), labels(m.podOf("coordinator")))).isFalse();
        });
    }

    @Test
    void theCoordinatorReachesDnsNatsAndTheApiServerButNoTarget() throws IOException {
        Manifests m = CHART.chart().render("imager", "imager", DEFAULTS);
        NetworkPolicy policy = m.get(NetworkPolicy.class, "imager-coordinator");
        assertThat(selects(policy.getSpec().getPodSelector(), labels(m.podOf("coordinator")))).isTrue();
        assertThat(selects(policy.getSpec().getPodSelector(), labels(m.podOf("worker")))).isFalse();
        assertThat(policy.getSpec().getIngress()).singleElement()
                .satisfies(rule -> assertThat(ports(rule.getPorts())).containsExactly("TCP/http"));
        List<NetworkPolicyEgressRule> egress = policy.getSpec().getEgress();
        assertThat(egress).hasSize(3);
        assertDns(egress.get(0));
        assertReachesTheNatsPods(m, egress.get(1), 4222);
        assertThat(ports(egress.get(2).getPorts())).containsExactly("TCP/443", "TCP/6443");
        assertThat(egress.get(2).getTo()).isEmpty();

        // url mode talks to no API server.
        List<NetworkPolicyEgressRule> url = CHART.chart().render("imager", "imager", URL_MODE)
                .get(NetworkPolicy.class, "imager-coordinator").getSpec().getEgress();
        assertThat(url).hasSize(2);
        assertThat(url).noneMatch(rule -> ports(rule.getPorts()).contains("TCP/443"));
    }

    @Test
    void theBundledNatsAcceptsOnlyThisReleasesProgramsAndNatsBox() throws IOException {
        Manifests m = CHART.chart().render("imager", "imager", DEFAULTS);
        NetworkPolicy policy = m.get(NetworkPolicy.class, "imager-nats");
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        Map<String, String> natsPods = m.get(Service.class, "imager-nats").getSpec().getSelector();
        assertThat(selects(policy.getSpec().getPodSelector(), natsPods)).isTrue();
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getPorts()).isEmpty();
            List<NetworkPolicyPeer> from = rule.getFrom();
            assertThat(from).allSatisfy(peer -> assertThat(peer.getNamespaceSelector()).isNull());
            for (String admitted : List.of("coordinator", "worker", "nats-box")) {
                assertThat(admits(from, labels(m.podOf(admitted)))).as(admitted).isTrue();
            }
            assertThat(admits(from, natsPods)).as("the NATS servers themselves (cluster routes)").isTrue();
            assertThat(admits(from, labels(m.podOf("sumservice")))).as("the target").isFalse();
            Map<String, String> otherRelease = new HashMap<>(labels(m.podOf("worker")));
            otherRelease.put("app.kubernetes.io/instance", "other");
            assertThat(admits(from, otherRelease)).as("another release's worker").isFalse();
        });
    }

    @Test
    void theTargetRuleFollowsTheTargetMode() throws IOException {
        // pod mode: the pods of the target's namespace, on the port name the coordinator picks them by.
        assertThat(targetRule(POD_MODE)).satisfies(rule -> {
            assertNamespace(rule.getTo(), "shop");
            assertThat(ports(rule.getPorts())).containsExactly("TCP/http");
        });
        // service mode: the Service's pods, whose port numbers only the API server knows.
        assertThat(targetRule(SERVICE_MODE)).satisfies(rule -> {
            assertNamespace(rule.getTo(), "shop");
            assertThat(rule.getPorts()).isEmpty();
        });
        // url mode: a Service's DNS name; an address; any other host on the URL's port.
        assertThat(targetRule(URL_MODE)).satisfies(rule -> assertNamespace(rule.getTo(), "shop"));
        assertThat(targetRule(url("http://10.1.2.3:9000/"))).satisfies(rule -> {
            assertThat(rule.getTo()).singleElement().satisfies(p -> assertThat(p.getIpBlock().getCidr())
                    .isEqualTo("10.1.2.3/32"));
            assertThat(ports(rule.getPorts())).containsExactly("TCP/9000");
        });
        assertThat(targetRule(url("https://api.example.com/v1"))).satisfies(rule -> {
            assertThat(rule.getTo()).isEmpty();
            assertThat(ports(rule.getPorts())).containsExactly("TCP/443");
        });
        assertThat(targetRule(POD_MODE + """
                networkPolicy:
                  target:
                    - ipBlock:
                        cidr: 203.0.113.0/24
                """)).satisfies(rule -> {
                    assertThat(rule.getTo()).singleElement().satisfies(p -> assertThat(p.getIpBlock().getCidr())
                            .isEqualTo("203.0.113.0/24"));
                    assertThat(rule.getPorts()).isEmpty();
                });
    }

    @Test
    void yourOwnNatsAndNarrowerPeersComeFromTheValues() throws IOException {
        Manifests own = CHART.chart().render("imager", "imager", EXTERNAL_NATS);
        assertThat(own.find(NetworkPolicy.class, "imager-nats")).isEmpty();
        NetworkPolicyEgressRule nats = own.get(NetworkPolicy.class, "imager-worker").getSpec().getEgress().get(1);
        assertThat(ports(nats.getPorts())).containsExactly("TCP/4222");
        assertThat(nats.getTo()).as("anywhere on the NATS port, until networkPolicy.externalNats says where").isEmpty();

        Manifests narrow = CHART.chart().render("imager", "imager", EXTERNAL_NATS + """
                networkPolicy:
                  externalNats:
                    - namespaceSelector:
                        matchLabels:
                          kubernetes.io/metadata.name: messaging
                  dns:
                    - namespaceSelector:
                        matchLabels:
                          kubernetes.io/metadata.name: kube-system
                  kubernetesApi:
                    - ipBlock:
                        cidr: 192.0.2.10/32
                  metricsFrom:
                    - namespaceSelector:
                        matchLabels:
                          kubernetes.io/metadata.name: monitoring
                """);
        NetworkPolicy coordinator = narrow.get(NetworkPolicy.class, "imager-coordinator");
        List<NetworkPolicyEgressRule> egress = coordinator.getSpec().getEgress();
        assertNamespace(egress.get(0).getTo(), "kube-system");
        assertNamespace(egress.get(1).getTo(), "messaging");
        assertThat(egress.get(2).getTo()).singleElement().satisfies(p -> assertThat(p.getIpBlock().getCidr())
                .isEqualTo("192.0.2.10/32"));
        assertNamespace(coordinator.getSpec().getIngress().get(0).getFrom(), "monitoring");
        assertNamespace(narrow.get(NetworkPolicy.class, "imager-worker").getSpec().getIngress().get(0).getFrom(),
                "monitoring");

        assertThat(CHART.chart().render("imager", "imager", "networkPolicy:\n  enabled: false\n")
                .all(NetworkPolicy.class)).isEmpty();
    }

    // ---- --allowed-targets ----

    @Test
    void workersMaySendOnlyWhereTheTargetIs() throws IOException {
        // The demo in pod mode: its pods' port, anywhere in the pod network.
        assertThat(allowed(DEFAULTS)).containsExactly("10.0.0.0/8:8080", "172.16.0.0/12:8080", "192.168.0.0/16:8080");
        assertThat(allowed(POD_MODE)).isEqualTo(PRIVATE_RANGES);
        assertThat(allowed(POD_MODE + "allowedTargets:\n  podNetworkCidrs: [10.244.0.0/16]\n"))
                .containsExactly("10.244.0.0/16");
        assertThat(allowed("allowedTargets:\n  podNetworkCidrs: [10.244.0.0/16, \"fd00:10:244::/56\"]\n"))
                .containsExactly("10.244.0.0/16:8080", "[fd00:10:244::/56]:8080");
        assertThat(CHART.chart().refused(POD_MODE + "allowedTargets:\n  podNetworkCidrs: []\n"))
                .contains("allowedTargets.podNetworkCidrs is required in pod mode");

        // service mode: what the coordinator names (<service>.<namespace>.svc), and the other names of it.
        Manifests service = CHART.chart().render("imager", "imager", SERVICE_MODE);
        assertThat(ProgramArgs.allowedTargets(service.container("worker"))).containsExactly("checkout-svc.shop.svc",
                "checkout-svc.shop.svc.cluster.local", "checkout-svc.shop", "checkout-svc");

        // url mode: the URL's host and port, the scheme's port when it has none.
        Manifests url = CHART.chart().render("imager", "imager", URL_MODE);
        CoordinatorConfig config = ProgramArgs.coordinator(url.container("coordinator"));
        URI target = URI.create(config.target().url());
        assertThat(ProgramArgs.allowedTargets(url.container("worker")))
                .containsExactly(target.getHost() + ":" + target.getPort());
        assertThat(allowed(url("https://api.example.com/v1"))).containsExactly("api.example.com:443");
        assertThat(allowed(url("http://[fd00::5]/x"))).containsExactly("[fd00::5]:80");
        assertThat(allowed(url("http://checkout.shop.svc:8080/") + """
                allowedTargets:
                  override: ["checkout.shop.svc:8080", "10.9.0.0/16:8443", "*.shop.example.com"]
                """)).containsExactly("checkout.shop.svc:8080", "10.9.0.0/16:8443", "*.shop.example.com");
    }

    // ---- helpers ----

    private static String url(String url) {
        return """
                demo:
                  enabled: false
                coordinator:
                  target:
                    mode: url
                    url: %s
                """.formatted(url);
    }

    private static List<String> allowed(String values) throws IOException {
        return ProgramArgs.allowedTargets(CHART.chart().render("imager", "imager", values).container("worker"));
    }

    /** The last egress rule of the workers' policy: the target's. */
    private static NetworkPolicyEgressRule targetRule(String values) throws IOException {
        List<NetworkPolicyEgressRule> egress = CHART.chart().render("imager", "imager", values)
                .get(NetworkPolicy.class, "imager-worker").getSpec().getEgress();
        assertThat(egress).hasSize(3);
        return egress.get(2);
    }

    private static void assertDns(NetworkPolicyEgressRule rule) {
        assertThat(ports(rule.getPorts())).containsExactlyInAnyOrder("UDP/53", "TCP/53");
        assertThat(rule.getTo()).isEmpty();
    }

    private static void assertReachesTheNatsPods(Manifests m, NetworkPolicyEgressRule rule, int port) {
        Service nats = m.get(Service.class, "imager-nats");
        assertThat(nats.getSpec().getPorts()).anySatisfy(p -> assertThat(p.getPort()).isEqualTo(port));
        assertThat(ports(rule.getPorts())).containsExactly("TCP/" + port);
        assertThat(rule.getTo()).singleElement().satisfies(peer -> {
            assertThat(peer.getNamespaceSelector()).isNull();
            assertThat(selects(peer.getPodSelector(), nats.getSpec().getSelector())).isTrue();
            assertThat(selects(peer.getPodSelector(), labels(m.podOf("nats-box")))).isFalse();
        });
    }

    private static void assertNamespace(List<NetworkPolicyPeer> peers, String namespace) {
        assertThat(peers).singleElement().satisfies(peer -> {
            assertThat(peer.getPodSelector()).isNull();
            assertThat(peer.getNamespaceSelector().getMatchLabels())
                    .containsExactly(Map.entry("kubernetes.io/metadata.name", namespace));
        });
    }

    private static List<String> ports(List<NetworkPolicyPort> ports) {
        return ports.stream().map(p -> p.getProtocol() + "/" + (p.getPort().getStrVal() != null
                ? p.getPort().getStrVal() : p.getPort().getIntVal())).toList();
    }

    private static Map<String, String> labels(PodTemplateSpec pod) {
        return pod.getMetadata().getLabels();
    }

    /** Whether a peer list admits a pod with these labels in the policy's own namespace. */
    private static boolean admits(List<NetworkPolicyPeer> peers, Map<String, String> labels) {
        return peers.stream().anyMatch(p -> p.getNamespaceSelector() == null && p.getIpBlock() == null
                && selects(p.getPodSelector(), labels));
    }

    /** Kubernetes label selector semantics: every matchLabels entry and every expression holds. */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (!labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            return false;
        }
        for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
            String value = labels.get(r.getKey());
            boolean holds = switch (r.getOperator()) {
                case "In" -> value != null && r.getValues().contains(value);
                case "NotIn" -> value == null || !r.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown selector operator " + r.getOperator());
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }
}
