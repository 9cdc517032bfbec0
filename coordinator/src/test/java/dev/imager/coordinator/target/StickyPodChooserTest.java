package dev.imager.coordinator.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StickyPodChooserTest {
    private final StickyPodChooser chooser = new StickyPodChooser();

    private static Pod pod(String name, String uid, String created) {
        return new PodBuilder().withNewMetadata().withName(name).withUid(uid).withCreationTimestamp(created)
                .endMetadata().build();
    }

    private static final Pod A = pod("a", "uid-a", "2026-11-01T10:00:00Z");
    private static final Pod B = pod("b", "uid-b", "2026-11-01T09:00:00Z");
    private static final Pod C = pod("c", "uid-c", "2026-11-01T09:00:00Z");

    private static String name(StickyPodChooser.Choice c) {
        return c.pod().map(p -> p.getMetadata().getName()).orElse("-");
    }

    @Test
    void firstChoiceIsTheOldestPodWithNameBreakingTies() {
        StickyPodChooser.Choice c = chooser.choose(List.of(A, C, B));

        assertThat(name(c)).isEqualTo("b");
        assertThat(c.replaced()).isEmpty();
        assertThat(c.switched()).isFalse();
    }

    @Test
    void keepsTheCurrentPodEvenWhenAnOlderOneAppears() {
        chooser.choose(List.of(A));

        StickyPodChooser.Choice c = chooser.choose(List.of(A, B, C));

        assertThat(name(c)).isEqualTo("a");
        assertThat(c.replaced()).isEmpty();
    }

    @Test
    void replacesTheCurrentPodWhenItIsNoLongerEligible() {
        chooser.choose(List.of(A, B));

        StickyPodChooser.Choice c = chooser.choose(List.of(A, C));

        assertThat(name(c)).isEqualTo("c");
        assertThat(c.replaced()).map(p -> p.getMetadata().getName()).contains("b");
        assertThat(c.switched()).isTrue();
    }

    @Test
    void aRecreatedPodWithTheSameNameButANewUidCountsAsNew() {
        chooser.choose(List.of(A));
        Pod aAgain = pod("a", "uid-a2", "2026-11-01T11:00:00Z");

        StickyPodChooser.Choice c = chooser.choose(List.of(aAgain));

        assertThat(c.pod()).contains(aAgain);
        assertThat(c.replaced()).contains(A);
    }

    @Test
    void noEligiblePodReportsTheLostOneOnceThenNothing() {
        chooser.choose(List.of(A));

        StickyPodChooser.Choice lost = chooser.choose(List.of());
        StickyPodChooser.Choice still = chooser.choose(List.of());

        assertThat(lost.pod()).isEmpty();
        assertThat(lost.replaced()).contains(A);
        assertThat(still.replaced()).isEmpty();
        assertThat(chooser.current()).isEqualTo(Optional.empty());
    }
}
