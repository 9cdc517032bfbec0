package dev.imager.operator.run;

import dev.imager.operator.OperatorSettings;
import dev.imager.operator.api.LoadSpec;
import dev.imager.operator.api.LoadTest;
import dev.imager.operator.api.LoadTestSpec;
import dev.imager.operator.api.RequestsSpec;
import dev.imager.operator.api.TargetSpec;
import dev.imager.protocol.cli.GoDuration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A LoadTest's spec as coordinator flags, written as the chart writes them ({@code -name=value} for the original's
 * flags, {@code --name=value} for imager's). Absent spec values give no flag: the coordinator's default applies.
 * {@link #SPEC_FIELDS} maps every flag back to its spec field, so a problem the coordinator's own rules find names
 * the field the user wrote.
 */
public final class CoordinatorArgs {

    /** Where the request file of a {@code file} source is mounted. */
    public static final String REQUEST_FILE = "/config/requests.json";
    /** Where the coordinator writes report.json and report.html (an emptyDir). */
    public static final String REPORT_DIR = "/reports";
    /** How long the coordinator waits for its workers (image pulls included). */
    public static final String WORKER_WAIT_TIMEOUT = "5m";

    /** Coordinator flag to the spec field it comes from. */
    public static final Map<String, String> SPEC_FIELDS = specFields();

    private CoordinatorArgs() {
    }

    /** The coordinator's arguments for {@code test}; the spec must have passed {@link SpecCheck}'s structure checks. */
    public static List<String> render(LoadTest test, OperatorSettings settings) {
        return render(test, settings, settings.nats().args(RunObjects.COORDINATOR));
    }

    /** The same with {@code natsArgs} for the NATS flags (the spec check leaves out files only the pod has). */
    static List<String> render(LoadTest test, OperatorSettings settings, List<String> natsArgs) {
        LoadTestSpec spec = test.getSpec();
        List<String> args = new ArrayList<>();
        args.add("-listen-port=" + settings.listenPort());
        TargetSpec t = spec.target();
        args.add("-target-mode=" + t.mode());
        if ("url".equals(t.mode())) {
            args.add("-target-url=" + t.url());
        } else {
            args.add("-target-namespace=" + targetNamespace(test));
            if ("pod".equals(t.mode())) {
                args.add("-target-deployment=" + t.deployment());
            } else {
                args.add("-target-service=" + t.service());
            }
            add(args, "-target-port-name", t.portName());
            add(args, "-target-scheme", t.scheme());
            args.add("-in-cluster=true");
        }
        RequestsSpec r = spec.requests();
        String type = r == null || r.type() == null ? "random-sum" : r.type();
        args.add("-request-source-type=" + type);
        if ("file".equals(type)) {
            args.add("-request-source-file=" + REQUEST_FILE);
        } else if (r != null && r.randomSum() != null) {
            add(args, "-random-sum-path", r.randomSum().path());
            add(args, "-random-sum-min", r.randomSum().min());
            add(args, "-random-sum-max", r.randomSum().max());
        }
        LoadSpec l = spec.load();
        add(args, "-load-calculator", l.calculator());
        add(args, "-min-rps", l.minRps());
        add(args, "-max-rps", l.maxRps());
        add(args, "-step-rps", l.stepRps());
        add(args, "-adaptive-max-latency-ms", l.adaptiveMaxLatencyMs());
        add(args, "-schedule-interval", l.scheduleInterval());
        add(args, "-job-duration", l.jobDuration());
        args.addAll(natsArgs);
        args.add("--min-workers=" + spec.workers().countOrDefault());
        args.add("--worker-wait-timeout=" + WORKER_WAIT_TIMEOUT);
        add(args, "--warmup", l.warmup());
        add(args, "--duration", l.duration());
        for (String threshold : spec.thresholds()) {
            args.add("--threshold=" + threshold);
        }
        args.add("--report-dir=" + REPORT_DIR);
        args.add("--report-hold=" + GoDuration.format(settings.reportHold()));
        args.add("--progress=plain");
        return args;
    }

    /** The target's namespace: the spec's, else the LoadTest's own. */
    public static String targetNamespace(LoadTest test) {
        String ns = test.getSpec().target().namespace();
        return ns == null || ns.isBlank() ? test.getMetadata().getNamespace() : ns;
    }

    private static void add(List<String> args, String flag, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            args.add(flag + "=" + value);
        }
    }

    private static Map<String, String> specFields() {
        Map<String, String> m = new LinkedHashMap<>();
        Function<String, String> target = f -> "spec.target." + f;
        m.put("-target-mode", target.apply("mode"));
        m.put("-target-url", target.apply("url"));
        m.put("-target-namespace", target.apply("namespace"));
        m.put("-target-deployment", target.apply("deployment"));
        m.put("-target-service", target.apply("service"));
        m.put("-target-port-name", target.apply("portName"));
        m.put("-target-scheme", target.apply("scheme"));
        m.put("-request-source-type", "spec.requests.type");
        m.put("-request-source-file", "spec.requests.configMap");
        m.put("-random-sum-path", "spec.requests.randomSum.path");
        m.put("-random-sum-min", "spec.requests.randomSum.min");
        m.put("-random-sum-max", "spec.requests.randomSum.max");
        m.put("-load-calculator", "spec.load.calculator");
        m.put("-min-rps", "spec.load.minRps");
        m.put("-max-rps", "spec.load.maxRps");
        m.put("-step-rps", "spec.load.stepRps");
        m.put("-adaptive-max-latency-ms", "spec.load.adaptiveMaxLatencyMs");
        m.put("-schedule-interval", "spec.load.scheduleInterval");
        m.put("-job-duration", "spec.load.jobDuration");
        m.put("--warmup", "spec.load.warmup");
        m.put("--duration", "spec.load.duration");
        m.put("--min-workers", "spec.workers.count");
        m.put("--threshold", "spec.thresholds");
        return Map.copyOf(m);
    }
}
