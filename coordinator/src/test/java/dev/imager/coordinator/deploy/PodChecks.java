package dev.imager.coordinator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.Map;

/**
 * What every imager pod must be, however it is deployed: the chart's pods and {@code deploy/}'s manifests are held to
 * the same checks, so they live apart from either's tests.
 */
final class PodChecks {

    private PodChecks() {
    }

    static void assertHealthzProbe(Probe probe, String port) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo(port);
    }

    static void assertScraped(PodTemplateSpec pod, int port) {
        assertThat(pod.getMetadata().getAnnotations()).contains(Map.entry("prometheus.io/scrape", "true"),
                Map.entry("prometheus.io/port", Integer.toString(port)), Map.entry("prometheus.io/path", "/metrics"));
    }

    /** Non-root, read-only root filesystem, no privilege escalation, requests and limits, no service links. */
    static void assertHardened(String what, PodTemplateSpec template) {
        PodSpec pod = template.getSpec();
        assertThat(pod.getSecurityContext()).as("%s pod securityContext", what).isNotNull();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).as("%s runAsNonRoot", what).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        for (Container c : pod.getContainers()) {
            String where = what + " container " + c.getName();
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).as("%s read-only root", where).isTrue();
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(where).isFalse();
            assertThat(c.getSecurityContext().getCapabilities().getDrop()).as(where).containsExactly("ALL");
            assertThat(c.getResources().getRequests()).as("%s requests", where).containsKeys("cpu", "memory");
            assertThat(c.getResources().getLimits()).as("%s limits", where).containsKeys("cpu", "memory");
            if (c.getImage().startsWith("imager/")) {
                // The JVM needs a writable /tmp on a read-only root filesystem.
                assertThat(c.getVolumeMounts()).as(where).anySatisfy(v -> {
                    assertThat(v.getMountPath()).isEqualTo("/tmp");
                    assertThat(pod.getVolumes()).anySatisfy(vol -> {
                        assertThat(vol.getName()).isEqualTo(v.getName());
                        assertThat(vol.getEmptyDir()).isNotNull();
                    });
                });
                assertThat(pod.getEnableServiceLinks()).as("%s enableServiceLinks", where).isFalse();
            }
        }
    }
}
