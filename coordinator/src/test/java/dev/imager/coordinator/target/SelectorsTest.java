package dev.imager.coordinator.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectorsTest {
    private static final LabelSelector SELECTOR = new LabelSelector(List.of(
            new LabelSelectorRequirement("tier", "In", List.of("web", "api")),
            new LabelSelectorRequirement("canary", "NotIn", List.of("true")),
            new LabelSelectorRequirement("team", "Exists", null),
            new LabelSelectorRequirement("legacy", "DoesNotExist", null)),
            Map.of("app", "sumservice"));

    @Test
    void rendersLikeKubectl() {
        assertThat(Selectors.text(SELECTOR))
                .isEqualTo("app=sumservice,tier in (web,api),canary notin (true),team,!legacy");
    }

    @Test
    void matchesTable() {
        // all requirements met
        assertThat(Selectors.matches(SELECTOR, Map.of("app", "sumservice", "tier", "web", "team", "x"))).isTrue();
        // NotIn passes when the value differs
        assertThat(Selectors.matches(SELECTOR, Map.of("app", "sumservice", "tier", "api", "team", "x", "canary", "no")))
                .isTrue();
        // matchLabels value differs
        assertThat(Selectors.matches(SELECTOR, Map.of("app", "other", "tier", "web", "team", "x"))).isFalse();
        // In fails: value not listed
        assertThat(Selectors.matches(SELECTOR, Map.of("app", "sumservice", "tier", "batch", "team", "x"))).isFalse();
        // NotIn fails
        assertThat(Selectors.matches(SELECTOR, Map.of("app", "sumservice", "tier", "web", "team", "x", "canary", "true")))
                .isFalse();
        // Exists fails
        assertThat(Selectors.matches(SELECTOR, Map.of("app", "sumservice", "tier", "web"))).isFalse();
        // DoesNotExist fails
        assertThat(Selectors.matches(SELECTOR, Map.of("app", "sumservice", "tier", "web", "team", "x", "legacy", "")))
                .isFalse();
        // no labels at all
        assertThat(Selectors.matches(SELECTOR, null)).isFalse();
    }

    @Test
    void emptySelectors() {
        assertThat(Selectors.isEmpty((LabelSelector) null)).isTrue();
        assertThat(Selectors.isEmpty(new LabelSelector())).isTrue();
        assertThat(Selectors.isEmpty(new LabelSelector(null, Map.of("a", "b")))).isFalse();
        assertThat(Selectors.isEmpty((Map<String, String>) null)).isTrue();
    }
}
