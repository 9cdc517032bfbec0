package dev.imager.coordinator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.security.HostileBusScenario;
import dev.imager.protocol.testing.NatsTestServer;
import dev.imager.protocol.transport.NatsSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-bus attack against the NATS permissions the chart renders: the coordinator and the workers connect
 * with their identities, the attacker (and the observer that tells it the ids) as the watcher, which may read
 * everything and publish only status requests. The server refuses every forged job, result, heartbeat and
 * control message, so the processes see none of them: nothing is refused by the processes but the status requests
 * without a reply subject, and the server's log names each refused subject. The run itself must be as
 * untouched as without authentication.
 */
class HostileBusWithNatsAuthIT extends HostileBusScenario {

    @TempDir
    Path scratch;
    private ChartNats nats;

    @Override
    protected NatsTestServer startNats() throws Exception {
        nats = ChartNats.start(scratch, PREFIX);
        return nats.server();
    }

    @Override
    protected List<String> coordinatorNatsFlags() {
        return List.of("--nats-user", "imager-coordinator");
    }

    @Override
    protected Map<String, String> coordinatorEnvironment() {
        return Map.of("IMAGER_NATS_PASSWORD", nats.password("coordinator"));
    }

    @Override
    protected List<String> workerNatsFlags() {
        return List.of("--nats-user", "imager-worker");
    }

    @Override
    protected Map<String, String> workerEnvironment() {
        return Map.of("IMAGER_NATS_PASSWORD", nats.password("worker"));
    }

    @Override
    protected NatsSettings attackerSettings(String url) {
        return asWatcher(url);
    }

    @Override
    protected NatsSettings observerSettings(String url) {
        return asWatcher(url);
    }

    private NatsSettings asWatcher(String url) {
        return NatsSettings.of(url).withUserPassword("imager-watcher", nats.password("watcher"));
    }

    /** Only what the watcher may publish reaches the coordinator: status requests (these without a reply). */
    @Override
    protected void assertRefusedByTheCoordinator(Map<String, Double> refused) {
        assertThat(refused.getOrDefault("no_reply_subject", 0.0)).as("status requests without reply").isPositive();
        Map<String, Double> others = new java.util.HashMap<>(refused);
        others.remove("no_reply_subject");
        assertThat(others.values()).as("refused by the coordinator: %s", refused).containsOnly(0.0);
    }

    /** The phantoms never registered. */
    @Override
    protected int liveWorkersUnderAttack() {
        return WORKERS;
    }

    /** Neither the forged job nor the STOP reached a worker. */
    @Override
    protected void assertRefusedByTheWorkers(double forbiddenJobs, double foreignControls) {
        assertThat(forbiddenJobs).as("forged jobs that reached a worker").isZero();
        assertThat(foreignControls).as("forged controls that reached a worker").isZero();
    }

    @Override
    protected void assertTheServerSaid(NatsTestServer server) {
        String log = server.log();
        for (String subject : List.of(PREFIX + ".jobs", PREFIX + ".results.", PREFIX + ".heartbeat.",
                PREFIX + ".control")) {
            assertThat(log).as("the server's log").containsPattern("Publish Violation.*Subject \""
                    + java.util.regex.Pattern.quote(subject));
        }
    }
}
