package dev.imager.operator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One CRD validation rule ({@code x-kubernetes-validations}) evaluated on a JSON value, as the API server does at
 * {@code kubectl apply}: {@code self} is the object the rule sits on; JSON integers are CEL ints, other numbers
 * doubles.
 */
final class CelRule {

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS).addVar("self", SimpleType.DYN).build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();
    private static final Map<String, CelRuntime.Program> PROGRAMS = new ConcurrentHashMap<>();

    private CelRule() {
    }

    /** Whether {@code rule} holds for {@code self}; a rule that does not compile or evaluate to a boolean fails the test. */
    static boolean holds(String rule, JsonNode self) {
        try {
            Object result = PROGRAMS.computeIfAbsent(rule, CelRule::compile).eval(Map.of("self", value(self)));
            if (!(result instanceof Boolean holds)) {
                throw new AssertionError("CEL rule " + rule + " gave " + result + ", not a boolean");
            }
            return holds;
        } catch (CelEvaluationException e) {
            throw new AssertionError("CEL rule " + rule + " failed on " + self + ": " + e.getMessage(), e);
        }
    }

    private static CelRuntime.Program compile(String rule) {
        try {
            return RUNTIME.createProgram(COMPILER.compile(rule).getAst());
        } catch (CelValidationException | CelEvaluationException e) {
            throw new AssertionError("CEL rule " + rule + " does not compile: " + e.getMessage(), e);
        }
    }

    /** The JSON value as CEL sees it: maps, lists, strings, booleans, longs and doubles. */
    private static Object value(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(f -> map.put(f.getKey(), value(f.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(value(item)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNull()) {
            return dev.cel.common.values.NullValue.NULL_VALUE;
        }
        return node.asText();
    }
}
