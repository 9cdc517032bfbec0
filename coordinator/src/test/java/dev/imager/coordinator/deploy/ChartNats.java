package dev.imager.coordinator.deploy;

import dev.imager.protocol.testing.NatsTestServer;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real nats-server with the authorization the chart renders for a subject prefix: the authorization file and the
 * passwords come from {@code helm template}, and the server reads the passwords from its environment as the bundled
 * NATS does.
 *
 * @param server the running server
 * @param passwords the rendered Secret's passwords by key ({@code coordinator-password}, {@code worker-password},
 *     {@code watcher-password})
 */
record ChartNats(NatsTestServer server, Map<String, String> passwords) {

    /** Renders the chart for {@code prefix} under {@code scratch} and starts the server. */
    static ChartNats start(Path scratch, String prefix) throws Exception {
        Manifests m = ImagerChart.prepare(scratch).render("imager", "imager", "subjectPrefix: " + prefix + "\n");
        Files.writeString(scratch.resolve("authorization.conf"), HelmNatsAuthIT.authorization(m, "imager-nats"));
        // As the chart's NATS does it: nats.conf includes the file from the ConfigMap.
        Path conf = Files.writeString(scratch.resolve("nats.conf"), "include ./authorization.conf\n");
        Map<String, String> passwords = HelmNatsAuthIT.passwords(m.get(Secret.class, "imager-nats-auth"));
        NatsTestServer server = NatsTestServer.startWithConfig(conf, Map.of(
                "IMAGER_COORDINATOR_PASSWORD", passwords.get("coordinator-password"),
                "IMAGER_WORKER_PASSWORD", passwords.get("worker-password"),
                "IMAGER_WATCHER_PASSWORD", passwords.get("watcher-password")));
        return new ChartNats(server, passwords);
    }

    /** The password of {@code identity} (coordinator, worker, watcher). */
    String password(String identity) {
        return passwords.get(identity + "-password");
    }
}
