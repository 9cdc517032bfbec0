package dev.imager.coordinator.target;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Label selectors in the text form kubectl prints, for error messages and logs. */
final class Selectors {

    private Selectors() {
    }

    /** True when the selector is missing or has no requirement: it would select every pod in the namespace. */
    static boolean isEmpty(LabelSelector selector) {
        return selector == null
                || (isEmpty(selector.getMatchLabels())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty()));
    }

    static boolean isEmpty(Map<String, String> labels) {
        return labels == null || labels.isEmpty();
    }

    /** e.g. {@code app=sumservice,tier in (web,api)}; labels sorted so messages are stable. */
    static String text(LabelSelector selector) {
        List<String> parts = new ArrayList<>();
        if (selector.getMatchLabels() != null) {
            parts.add(text(selector.getMatchLabels()));
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                parts.add(text(r));
            }
        }
        return String.join(",", parts.stream().filter(s -> !s.isEmpty()).toList());
    }

    static String text(Map<String, String> labels) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(labels).forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(",", parts);
    }

    private static String text(LabelSelectorRequirement r) {
        String values = r.getValues() == null ? "" : String.join(",", r.getValues());
        return switch (r.getOperator().toLowerCase(Locale.ROOT)) {
            case "in" -> r.getKey() + " in (" + values + ")";
            case "notin" -> r.getKey() + " notin (" + values + ")";
            case "exists" -> r.getKey();
            case "doesnotexist" -> "!" + r.getKey();
            default -> r.getKey() + " " + r.getOperator() + " (" + values + ")";
        };
    }
}
