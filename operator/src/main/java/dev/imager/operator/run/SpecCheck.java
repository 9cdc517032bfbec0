package dev.imager.operator.run;

import dev.imager.coordinator.config.CoordinatorCommand;
import dev.imager.coordinator.config.ParseResult;
import dev.imager.coordinator.report.Thresholds;
import dev.imager.operator.OperatorSettings;
import dev.imager.operator.api.LoadTest;
import dev.imager.operator.api.LoadTestSpec;
import dev.imager.operator.api.RequestsSpec;
import dev.imager.operator.api.TargetSpec;
import dev.imager.protocol.cli.EnvironmentDefaults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every problem of a LoadTest's spec at once, each naming its field. The CRD's schema rejects most bad specs at
 * {@code kubectl apply}; this is the rest, and the same for API servers that skip validation: the structure a
 * coordinator needs, then the coordinator's own flag rules on the rendered flags (one rule per setting).
 */
public final class SpecCheck {

    private SpecCheck() {
    }

    /** The problems of {@code test}; empty when it can run. */
    public static List<String> problems(LoadTest test, OperatorSettings settings) {
        List<String> problems = structure(test);
        if (!problems.isEmpty()) {
            return problems;
        }
        // NATS access is the operator's, the same for every run (the chart tests check it): left out here, as its
        // secrets and files exist only in the pod. The operator's own environment (IMAGER_* variables) must not
        // decide whether a spec is valid either.
        List<String> args = CoordinatorArgs.render(test, settings, List.of("--nats-url=" + settings.nats().url()));
        ParseResult parsed = CoordinatorCommand.parse(new EnvironmentDefaults(Map.of()), args.toArray(String[]::new));
        if (parsed instanceof ParseResult.Invalid invalid) {
            for (String p : invalid.problems()) {
                problems.add(inSpecTerms(p));
            }
        } else if (parsed instanceof ParseResult.Help) {
            problems.add("spec: renders a help request instead of a run");
        }
        try {
            Thresholds.parseAll(test.getSpec().thresholds());
        } catch (IllegalArgumentException e) {
            problems.add("spec.thresholds: " + e.getMessage());
        }
        return problems;
    }

    /** What must be there before flags can be rendered at all. */
    private static List<String> structure(LoadTest test) {
        List<String> p = new ArrayList<>();
        String name = test.getMetadata().getName();
        if (name != null && name.length() > RunNames.MAX_NAME_LENGTH) {
            p.add("metadata.name: at most " + RunNames.MAX_NAME_LENGTH + " characters (the coordinator Job's pods are"
                    + " named after it)");
        }
        LoadTestSpec spec = test.getSpec();
        if (spec == null) {
            p.add("spec: required");
            return p;
        }
        TargetSpec t = spec.target();
        if (t == null || t.mode() == null) {
            p.add("spec.target.mode: required (pod, service or url)");
        } else {
            switch (t.mode()) {
                case "url" -> requireText(p, "spec.target.url", t.url());
                case "pod" -> requireText(p, "spec.target.deployment", t.deployment());
                case "service" -> requireText(p, "spec.target.service", t.service());
                default -> p.add("spec.target.mode: must be pod, service or url, got \"" + t.mode() + "\"");
            }
        }
        if (spec.load() == null || spec.load().duration() == null || spec.load().duration().isBlank()) {
            p.add("spec.load.duration: required (a LoadTest is one run that ends)");
        }
        RequestsSpec r = spec.requests();
        if (r != null && "file".equals(r.type()) && (r.configMap() == null || r.configMap().name() == null
                || r.configMap().name().isBlank())) {
            p.add("spec.requests.configMap.name: required with spec.requests.type=file");
        }
        if (spec.workers() == null) {
            p.add("spec.workers: required (count, or shared: true)");
        } else if (spec.workers().countOrDefault() < 1) {
            p.add("spec.workers.count: must be at least 1, got " + spec.workers().count());
        }
        return p;
    }

    private static void requireText(List<String> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(field + ": required in this target mode");
        }
    }

    /** "-max-rps: must be ..." becomes "spec.load.maxRps (-max-rps): must be ...". */
    static String inSpecTerms(String problem) {
        int colon = problem.indexOf(':');
        String flag = colon > 0 ? problem.substring(0, colon) : "";
        String field = CoordinatorArgs.SPEC_FIELDS.get(flag);
        return field == null ? "spec: " + problem : field + " (" + flag + ")" + problem.substring(colon);
    }
}
