package dev.imager.operator;

import dev.imager.operator.api.LoadSpec;
import dev.imager.operator.api.LoadTest;
import dev.imager.operator.api.LoadTestSpec;
import dev.imager.operator.api.RequestsSpec;
import dev.imager.operator.api.TargetSpec;
import dev.imager.operator.api.WorkersSpec;
import dev.imager.operator.run.NatsAccess;
import dev.imager.operator.run.RunNames;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import java.time.Duration;
import java.util.List;

/** LoadTests, settings and simulated cluster state (what the Job controller and kubelet would do) for the tests. */
final class Fixtures {

    static final String NS = "lt";
    static final String RELEASE = "rel";
    static final String SECRET = "rel-nats-auth";

    private Fixtures() {
    }

    /** The controller's settings, with the coordinators' port where the test's fake coordinator listens. */
    static OperatorSettings settings(int coordinatorPort, boolean networkPolicies) {
        NatsAccess nats = new NatsAccess("nats://rel-nats:4222", "imager", "password", SECRET, "imager-coordinator",
                "imager-worker", null, false, "", "", "", "");
        return new OperatorSettings(NS, "imager/coordinator:t", "imager/worker:t", "IfNotPresent", nats, "imager", RELEASE,
                "rel-imager-coordinator", coordinatorPort, 9100, List.of("10.0.0.0/8"), Duration.ofMillis(200),
                Duration.ofSeconds(60), networkPolicies);
    }

    /** A url-mode LoadTest against a service on sumservice's port, adaptive, with a threshold. */
    static LoadTest loadTest(String name) {
        return loadTest(name, new LoadSpec("adaptive-exponential", 50, 400, null, 100, null, null, "2s", "60s"));
    }

    static LoadTest loadTest(String name, LoadSpec load) {
        LoadTest t = new LoadTest();
        t.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        t.setSpec(new LoadTestSpec(new TargetSpec("url", "http://sum.apps.svc:8080", null, null, null, null, null),
                load, new RequestsSpec("random-sum", null, new RequestsSpec.RandomSum("/sum", 1, 1000)),
                new WorkersSpec(3, false, null), List.of("p99<250ms"), null));
        return t;
    }

    /** The LoadTest CRD as the fabric8 model derives it from the class, with the status subresource. */
    static void installCrd(KubernetesClient client) {
        CustomResourceDefinition crd = CustomResourceDefinitionContext.v1CRDFromCustomResourceType(LoadTest.class)
                .editSpec().editFirstVersion().withNewSubresources().withNewStatus().endStatus().endSubresources()
                .endVersion().endSpec().build();
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    }

    /** What the Job controller and the kubelet make of the coordinator Job: a Running pod on 127.0.0.1. */
    static Pod runningCoordinatorPod(LoadTest test, OperatorSettings settings) {
        return new PodBuilder().withNewMetadata().withName(RunNames.coordinatorJob(test) + "-x7k2p").withNamespace(NS)
                .withLabels(RunNames.labels(settings, test, "coordinator")).endMetadata()
                .withNewSpec().addNewContainer().withName("coordinator").withImage("imager/coordinator:t").endContainer()
                .endSpec()
                .withNewStatus().withPhase("Running").withPodIP("127.0.0.1").endStatus().build();
    }

    /** The same pod once its container exited with {@code code}. */
    static Pod exitedCoordinatorPod(LoadTest test, OperatorSettings settings, int code) {
        return new PodBuilder(runningCoordinatorPod(test, settings)).editStatus().withPhase(code == 0 ? "Succeeded" : "Failed")
                .addNewContainerStatus().withName("coordinator").withNewState().withNewTerminated().withExitCode(code)
                .endTerminated().endState().endContainerStatus().endStatus().build();
    }
}
