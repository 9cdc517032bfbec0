package dev.imager.coordinator.target;

import static dev.imager.coordinator.target.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodEligibilityTest {

    private static Optional<String> why(Pod p) {
        return PodEligibility.whyIneligible(p);
    }

    @Test
    void eligibilityTable() {
        // Running, Ready, with an IP: eligible.
        assertThat(why(pod("p", "Running", true, "127.0.1.1").build())).isEmpty();
        // Readiness probe failing: the original still sent load here.
        assertThat(why(pod("p", "Running", false, "127.0.1.1").build())).contains("not ready");
        // Not started yet.
        assertThat(why(pod("p", "Pending", false, null).build())).contains("phase Pending");
        // Finished.
        assertThat(why(pod("p", "Succeeded", false, "127.0.1.1").build())).contains("phase Succeeded");
        // Ready but no IP reported yet.
        assertThat(why(pod("p", "Running", true, "").build())).contains("no pod IP");
        // Shutting down, even while still Ready.
        assertThat(why(new PodBuilder(pod("p", "Running", true, "127.0.1.1").build()).editMetadata()
                .withDeletionTimestamp("2026-11-01T00:00:00Z").endMetadata().build())).contains("terminating");
        // No status at all.
        assertThat(why(new PodBuilder().withNewMetadata().withName("p").endMetadata().build())).contains("phase unknown");
        // Running without a Ready condition.
        assertThat(why(new PodBuilder(pod("p", "Running", true, "127.0.1.1").build()).editStatus()
                .withConditions().endStatus().build())).contains("not ready");
    }
}
