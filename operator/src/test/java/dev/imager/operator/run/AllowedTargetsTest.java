package dev.imager.operator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.operator.OperatorSettings;
import dev.imager.operator.api.LoadSpec;
import dev.imager.operator.api.LoadTest;
import dev.imager.operator.api.LoadTestSpec;
import dev.imager.operator.api.TargetSpec;
import dev.imager.operator.api.WorkersSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The workers' --allowed-targets by the chart's rule (docs/security.md#allowed-targets), one row per case. */
class AllowedTargetsTest {

    private static final OperatorSettings SETTINGS = new OperatorSettings("lt", "c", "w", null,
            NatsAccess.open("nats://n:4222", null), null, "rel", null, 8099, 9100, List.of("10.0.0.0/8", "fd00::/8"),
            Duration.ofSeconds(2), Duration.ofSeconds(60), false);

    private static List<String> of(TargetSpec target) {
        LoadTest t = new LoadTest();
        t.setMetadata(new ObjectMetaBuilder().withName("x").withNamespace("lt").build());
        t.setSpec(new LoadTestSpec(target, new LoadSpec(null, null, null, null, null, null, null, null, "1m"), null,
                new WorkersSpec(1, false, null), null, null));
        return AllowedTargets.of(t, SETTINGS);
    }

    @Test
    void eachModeAllowsWhatItsJobsWillName() {
        // url: host and port; the scheme's port when the URL has none
        assertThat(of(new TargetSpec("url", "http://sum.apps.svc:8080/sum?a=1", null, null, null, null, null)))
                .containsExactly("sum.apps.svc:8080");
        assertThat(of(new TargetSpec("url", "https://api.example.com", null, null, null, null, null)))
                .containsExactly("api.example.com:443");
        assertThat(of(new TargetSpec("url", "http://[fd00::1]/", null, null, null, null, null)))
                .containsExactly("[fd00::1]:80");
        // service: its DNS names in the target namespace (the LoadTest's by default), any port
        assertThat(of(new TargetSpec("service", null, null, "checkout", "shop", "http", null))).containsExactly(
                "checkout.shop.svc", "checkout.shop.svc.cluster.local", "checkout.shop", "checkout");
        assertThat(of(new TargetSpec("service", null, null, "checkout", null, null, null)))
                .contains("checkout.lt.svc");
        // pod: the pod network
        assertThat(of(new TargetSpec("pod", null, "checkout", null, null, null, null)))
                .containsExactly("10.0.0.0/8", "fd00::/8");
    }

    @Test
    void theWorkersOwnParserAcceptsTheListAndPermitsTheTarget() {
        // What the worker does with --allowed-targets: parse the comma-separated list, then ask per job.
        var url = dev.imager.worker.targets.AllowedTargets.parse(String.join(",",
                of(new TargetSpec("url", "http://sum.apps.svc:8080/sum", null, null, null, null, null))));
        assertThat(url.permits("sum.apps.svc", 8080)).isTrue();
        assertThat(url.permits("sum.apps.svc", 9090)).isFalse();
        assertThat(url.permits("metadata.google.internal", 80)).isFalse();
        var service = dev.imager.worker.targets.AllowedTargets.parse(String.join(",",
                of(new TargetSpec("service", null, null, "checkout", "shop", null, null))));
        assertThat(service.permits("checkout.shop.svc", 8443)).isTrue();
        assertThat(service.permits("other.shop.svc", 8443)).isFalse();
        var pod = dev.imager.worker.targets.AllowedTargets.parse(String.join(",",
                of(new TargetSpec("pod", null, "checkout", null, null, null, null))));
        assertThat(pod.permits("10.1.2.3", 8080)).isTrue();
        assertThat(pod.permits("192.168.1.1", 8080)).isFalse();
    }
}
