package dev.imager.operator.run;

import dev.imager.operator.OperatorSettings;
import dev.imager.operator.api.LoadTest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names and labels of the objects one LoadTest owns. The pods carry the chart's selector labels (name, instance,
 * component coordinator or worker), so the release's NetworkPolicies and the bundled NATS's ingress rule treat
 * them as the release's own, plus {@value #LOADTEST_LABEL} naming their LoadTest.
 */
public final class RunNames {

    /** Label naming the LoadTest an object belongs to. */
    public static final String LOADTEST_LABEL = "imager.dev/loadtest";
    /** The chart's component label. */
    public static final String COMPONENT_LABEL = "app.kubernetes.io/component";
    /**
     * Longest LoadTest name: "-coordinator" and the Job controller's pod suffix must still fit the 63 characters
     * of a label value (job-name) and of a pod's host name.
     */
    public static final int MAX_NAME_LENGTH = 40;

    private RunNames() {
    }

    public static String coordinatorJob(LoadTest test) {
        return test.getMetadata().getName() + "-coordinator";
    }

    public static String workerDeployment(LoadTest test) {
        return test.getMetadata().getName() + "-workers";
    }

    public static String reportConfigMap(LoadTest test) {
        return test.getMetadata().getName() + "-report";
    }

    public static String networkPolicy(LoadTest test, String component) {
        return test.getMetadata().getName() + "-" + component;
    }

    /** Labels of every object and pod of {@code test}'s run, for {@code component} (coordinator, worker, report). */
    public static Map<String, String> labels(OperatorSettings settings, LoadTest test, String component) {
        Map<String, String> labels = selector(settings, test, component);
        labels.put("app.kubernetes.io/part-of", "imager");
        labels.put("app.kubernetes.io/managed-by", "imager-operator");
        return labels;
    }

    /** The labels that select {@code test}'s pods of {@code component}. */
    public static Map<String, String> selector(OperatorSettings settings, LoadTest test, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", settings.appName());
        if (!settings.instance().isEmpty()) {
            labels.put("app.kubernetes.io/instance", settings.instance());
        }
        labels.put(COMPONENT_LABEL, component);
        labels.put(LOADTEST_LABEL, test.getMetadata().getName());
        return labels;
    }
}
