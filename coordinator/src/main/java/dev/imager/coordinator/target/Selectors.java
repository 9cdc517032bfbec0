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

    /**
     * Whether {@code labels} satisfy the selector: every matchLabels pair and every matchExpression
     * (In, NotIn, Exists, DoesNotExist), as the API server evaluates it.
     */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(l.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                if (!matches(r, l)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean matches(LabelSelectorRequirement r, Map<String, String> labels) {
        String value = labels.get(r.getKey());
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        return switch (r.getOperator().toLowerCase(Locale.ROOT)) {
            case "in" -> value != null && values.contains(value);
            case "notin" -> value == null || !values.contains(value);
            case "exists" -> labels.containsKey(r.getKey());
            case "doesnotexist" -> !labels.containsKey(r.getKey());
            default -> false;
        };
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
