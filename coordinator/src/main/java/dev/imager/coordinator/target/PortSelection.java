package dev.imager.coordinator.target;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.event.Level;

/**
 * Finds the port named by {@code -target-port-name}: a container port in pod mode, a service port in
 * service mode; the first declared port when the name is empty.
 *
 * <p>In pod mode a name that matches nothing is an error listing the names that exist: the original fell back
 * to port 80, which sends a whole test to a port the pod may not even listen on. In service mode it is the
 * Service's first port, as in the original (a Service usually has one port, often not named {@code http}),
 * logged at WARN with the port chosen and the names that exist.
 */
final class PortSelection {

    private PortSelection() {
    }

    /** The container port of {@code pod} named {@code portName}, or its first container port when empty. */
    static int containerPort(Pod pod, String portName) throws TargetResolutionException {
        List<ContainerPort> ports = new ArrayList<>();
        if (pod.getSpec() != null && pod.getSpec().getContainers() != null) {
            for (Container c : pod.getSpec().getContainers()) {
                if (c.getPorts() != null) {
                    ports.addAll(c.getPorts());
                }
            }
        }
        String who = "pod " + PodRef.of(pod);
        if (portName.isEmpty()) {
            if (ports.isEmpty()) {
                throw new TargetResolutionException(who + " declares no container ports; "
                        + "add a containerPort to the Deployment's pod template");
            }
            return ports.get(0).getContainerPort();
        }
        for (ContainerPort p : ports) {
            if (portName.equals(p.getName())) {
                return p.getContainerPort();
            }
        }
        throw new TargetResolutionException(who + " has no container port named '" + portName + "' "
                + existing(ports.stream().map(ContainerPort::getName).toList(), "containerPort"));
    }

    /**
     * The service port (not targetPort) named {@code portName}; the first service port when the name is empty or
     * matches none (then said on {@code log}).
     */
    static int servicePort(Service service, String portName, LogSink log) throws TargetResolutionException {
        List<ServicePort> ports = service.getSpec() == null || service.getSpec().getPorts() == null
                ? List.of() : service.getSpec().getPorts();
        String who = "service " + service.getMetadata().getNamespace() + "/" + service.getMetadata().getName();
        if (ports.isEmpty()) {
            throw new TargetResolutionException(who + " has no ports");
        }
        if (portName.isEmpty()) {
            return ports.get(0).getPort();
        }
        for (ServicePort p : ports) {
            if (portName.equals(p.getName())) {
                return p.getPort();
            }
        }
        ServicePort first = ports.get(0);
        List<String> named = ports.stream().map(ServicePort::getName).filter(n -> n != null && !n.isEmpty()).toList();
        log.log(Level.WARN, who + " has no port named '" + portName + "' ("
                + (named.isEmpty() ? "its ports are unnamed" : "its ports: " + String.join(", ", named))
                + "); using its first port, " + (first.getName() == null || first.getName().isEmpty() ? ""
                        : first.getName() + " ") + first.getPort() + "; set -target-port-name to choose another");
        return first.getPort();
    }

    private static String existing(List<String> names, String what) {
        List<String> named = names.stream().filter(n -> n != null && !n.isEmpty()).toList();
        if (names.isEmpty()) {
            return "(it declares no " + what + "s)";
        }
        if (named.isEmpty()) {
            return "(its " + what + "s are unnamed; set -target-port-name= to use the first one)";
        }
        return "(named " + what + "s: " + named.stream().collect(Collectors.joining(", "))
                + "); set -target-port-name to one of them, or empty for the first";
    }
}
