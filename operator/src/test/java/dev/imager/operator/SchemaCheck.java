package dev.imager.operator;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parts of a CRD's structural OpenAPI schema this project's CRD uses, checked the way the API server does at
 * {@code kubectl apply}: type, required, enum, minimum/maximum, pattern, minLength/maxLength, maxItems, items,
 * additionalProperties, int-or-string. Unknown fields are reported (the API server would prune them silently: a
 * test should know). CEL rules ({@code x-kubernetes-validations}) are evaluated on each object they sit on, with
 * {@code self} that object, by cel-java with the standard macros ({@code has}): the CEL of the API server, without
 * Kubernetes' own function libraries, which these rules do not use (a rule calling one fails to compile here).
 */
final class SchemaCheck {

    private SchemaCheck() {
    }

    /** Every violation of {@code value} against {@code schema}, each with its path; empty when valid. */
    static List<String> violations(JSONSchemaProps schema, JsonNode value) {
        List<String> out = new ArrayList<>();
        check(schema, value, "", out);
        return out;
    }

    private static void check(JSONSchemaProps s, JsonNode v, String path, List<String> out) {
        if (Boolean.TRUE.equals(s.getXKubernetesIntOrString())) {
            if (!v.isIntegralNumber() && !v.isTextual()) {
                out.add(path + ": must be an integer or a string");
            }
            return;
        }
        String type = s.getType();
        if (type == null) {
            return;
        }
        switch (type) {
            case "object" -> {
                if (!v.isObject()) {
                    out.add(path + ": must be an object");
                    return;
                }
                for (String required : s.getRequired()) {
                    if (!v.has(required)) {
                        out.add(path + "." + required + ": required");
                    }
                }
                Map<String, JSONSchemaProps> properties = s.getProperties();
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String p = path + "." + field.getKey();
                    if (properties.containsKey(field.getKey())) {
                        check(properties.get(field.getKey()), field.getValue(), p, out);
                    } else if (s.getAdditionalProperties() != null && s.getAdditionalProperties().getSchema() != null) {
                        check(s.getAdditionalProperties().getSchema(), field.getValue(), p, out);
                    } else if (!Boolean.TRUE.equals(s.getXKubernetesPreserveUnknownFields())) {
                        out.add(p + ": unknown field");
                    }
                }
                for (ValidationRule rule : s.getXKubernetesValidations()) {
                    if (!CelRule.holds(rule.getRule(), v)) {
                        out.add(path + ": " + rule.getMessage());
                    }
                }
            }
            case "array" -> {
                if (!v.isArray()) {
                    out.add(path + ": must be an array");
                    return;
                }
                if (s.getMaxItems() != null && v.size() > s.getMaxItems()) {
                    out.add(path + ": at most " + s.getMaxItems() + " items");
                }
                for (int i = 0; i < v.size(); i++) {
                    check(s.getItems().getSchema(), v.get(i), path + "[" + i + "]", out);
                }
            }
            case "string" -> {
                if (!v.isTextual()) {
                    out.add(path + ": must be a string");
                    return;
                }
                String text = v.asText();
                if (s.getMaxLength() != null && text.length() > s.getMaxLength()) {
                    out.add(path + ": longer than " + s.getMaxLength());
                }
                if (s.getMinLength() != null && text.length() < s.getMinLength()) {
                    out.add(path + ": shorter than " + s.getMinLength());
                }
                // OpenAPI patterns are ECMA-262 regular expressions, unanchored; these ones read the same in Java.
                if (s.getPattern() != null && !Pattern.compile(s.getPattern()).matcher(text).find()) {
                    out.add(path + ": does not match " + s.getPattern());
                }
                enumeration(s, v, path, out);
            }
            case "integer", "number" -> {
                if ("integer".equals(type) ? !v.isIntegralNumber() : !v.isNumber()) {
                    out.add(path + ": must be " + ("integer".equals(type) ? "an integer" : "a number"));
                    return;
                }
                BigDecimal n = v.decimalValue();
                if (s.getMinimum() != null && n.compareTo(BigDecimal.valueOf(s.getMinimum())) < 0) {
                    out.add(path + ": below the minimum " + s.getMinimum());
                }
                if (s.getMaximum() != null && n.compareTo(BigDecimal.valueOf(s.getMaximum())) > 0) {
                    out.add(path + ": above the maximum " + s.getMaximum());
                }
            }
            case "boolean" -> {
                if (!v.isBoolean()) {
                    out.add(path + ": must be true or false");
                }
            }
            default -> out.add(path + ": schema type " + type + " not understood by this check");
        }
    }

    private static void enumeration(JSONSchemaProps s, JsonNode v, String path, List<String> out) {
        if (s.getEnum() != null && !s.getEnum().isEmpty()
                && s.getEnum().stream().noneMatch(e -> e.asText().equals(v.asText()))) {
            out.add(path + ": must be one of " + s.getEnum().stream().map(JsonNode::asText).toList());
        }
    }
}
