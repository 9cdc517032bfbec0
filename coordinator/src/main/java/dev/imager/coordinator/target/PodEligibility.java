package dev.imager.coordinator.target;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.Optional;

/**
 * Which pods may receive load: phase Running, Ready condition True, not terminating, with a pod IP.
 * The original looked at the phase only, so it kept sending to pods whose readiness probe failed
 * and to pods already shutting down.
 */
final class PodEligibility {
    static final String RUNNING = "Running";
    static final String READY = "Ready";
    static final String TRUE = "True";

    private PodEligibility() {
    }

    static boolean isEligible(Pod pod) {
        return whyIneligible(pod).isEmpty();
    }

    /** Why the pod may not receive load, in a few words for logs and errors; empty when it may. */
    static Optional<String> whyIneligible(Pod pod) {
        if (pod.getMetadata() != null && pod.getMetadata().getDeletionTimestamp() != null) {
            return Optional.of("terminating");
        }
        PodStatus status = pod.getStatus();
        String phase = status == null ? null : status.getPhase();
        if (!RUNNING.equals(phase)) {
            return Optional.of("phase " + (phase == null ? "unknown" : phase));
        }
        if (!isReady(status)) {
            return Optional.of("not ready");
        }
        if (status.getPodIP() == null || status.getPodIP().isBlank()) {
            return Optional.of("no pod IP");
        }
        return Optional.empty();
    }

    private static boolean isReady(PodStatus status) {
        if (status.getConditions() == null) {
            return false;
        }
        for (PodCondition c : status.getConditions()) {
            if (READY.equals(c.getType())) {
                return TRUE.equals(c.getStatus());
            }
        }
        return false;
    }
}
