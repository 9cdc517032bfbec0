package dev.imager.operator.run;

import dev.imager.operator.OperatorSettings;
import dev.imager.operator.api.LoadTest;
import dev.imager.operator.api.TargetSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The workers' {@code --allowed-targets} for a LoadTest, by the chart's rule (docs/security.md#allowed-targets):
 * url mode the URL's host:port; service mode the Service's DNS names on any port (the number behind a port name is
 * only known to the API server); pod mode the pod network CIDRs.
 */
public final class AllowedTargets {

    private AllowedTargets() {
    }

    /** The entries; never empty for a spec that passed {@link SpecCheck}. */
    public static List<String> of(LoadTest test, OperatorSettings settings) {
        TargetSpec t = test.getSpec().target();
        String ns = CoordinatorArgs.targetNamespace(test);
        switch (t.mode()) {
            case "url" -> {
                URI uri = URI.create(t.url());
                int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
                String host = uri.getHost();
                return List.of((host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port);
            }
            case "service" -> {
                String s = t.service();
                return List.of(s + "." + ns + ".svc", s + "." + ns + ".svc.cluster.local", s + "." + ns, s);
            }
            default -> {
                return new ArrayList<>(settings.podNetworkCidrs());
            }
        }
    }
}
