package dev.imager.coordinator.target;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps targeting the same pod while it stays eligible; picks a new one only when it goes.
 *
 * <p>The original re-picked a random pod every tick, which spread the "one pod" load over all pods
 * and made per-pod CPU readings meaningless. Here a pod is kept until it is deleted, stops being Ready
 * or starts terminating. A replacement is the oldest eligible pod (earliest creation time, then name):
 * deterministic, and the oldest pod is the one most likely warmed up and least likely to be rolled
 * away next.
 *
 * <p>Pure logic over the pods it is given; not thread-safe (the resolver serialises calls).
 */
final class StickyPodChooser {

    /** Oldest first; name breaks ties (creation timestamps have one-second resolution). */
    static final Comparator<Pod> OLDEST_FIRST = Comparator
            .comparing((Pod p) -> Objects.requireNonNullElse(p.getMetadata().getCreationTimestamp(), ""))
            .thenComparing(p -> p.getMetadata().getName());

    /** One choice: the pod to target (if any) and the one it replaces (if it changed). */
    record Choice(Optional<Pod> pod, Optional<Pod> replaced) {
        boolean switched() {
            return replaced.isPresent() && pod.isPresent();
        }
    }

    private Pod current;

    /**
     * Chooses among {@code eligible} pods, keeping the current one when it is still among them.
     * A pod is "the same" when name and UID match, so a recreated pod with a reused name counts as new.
     */
    Choice choose(List<Pod> eligible) {
        if (current != null) {
            for (Pod p : eligible) {
                if (samePod(p, current)) {
                    current = p;
                    return new Choice(Optional.of(p), Optional.empty());
                }
            }
        }
        Optional<Pod> next = eligible.stream().min(OLDEST_FIRST);
        Optional<Pod> replaced = Optional.ofNullable(current);
        current = next.orElse(null);
        return new Choice(next, replaced);
    }

    /** The pod chosen last, if any (may no longer be eligible). */
    Optional<Pod> current() {
        return Optional.ofNullable(current);
    }

    private static boolean samePod(Pod a, Pod b) {
        if (!a.getMetadata().getName().equals(b.getMetadata().getName())) {
            return false;
        }
        String uidA = a.getMetadata().getUid();
        String uidB = b.getMetadata().getUid();
        return uidA == null || uidB == null || uidA.equals(uidB);
    }
}
