package dev.imager.operator.api;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One load test as a Kubernetes resource ({@code loadtests.imager.dev/v1alpha1}): the spec says what the
 * coordinator's flags say, in the same sections; the status is what the run's coordinator reports. The CRD (schema,
 * printer columns) is in the chart: charts/imager/templates/crd-loadtests.yaml.
 */
@Group(LoadTest.GROUP)
@Version(LoadTest.VERSION)
@Kind("LoadTest")
@Plural("loadtests")
@Singular("loadtest")
public class LoadTest extends CustomResource<LoadTestSpec, LoadTestStatus> implements Namespaced {

    public static final String GROUP = "imager.dev";
    public static final String VERSION = "v1alpha1";
    /** apiVersion of the resource, for owner references. */
    public static final String API_VERSION = GROUP + "/" + VERSION;

    private static final long serialVersionUID = 1L;
}
