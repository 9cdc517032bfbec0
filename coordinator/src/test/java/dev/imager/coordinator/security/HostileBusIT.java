package dev.imager.coordinator.security;

import dev.imager.protocol.testing.NatsTestServer;

/**
 * The hostile-bus scenario on a nats-server without authentication: every forgery reaches the processes, which must
 * refuse each by what they check themselves. (With the deployment's permission config, a variant starts the server with
 * {@link NatsTestServer#startWithConfig(java.nio.file.Path, java.util.Map)} and gives each party its identity; there
 * the server refuses the forgeries.)
 */
class HostileBusIT extends HostileBusScenario {

    @Override
    protected NatsTestServer startNats() {
        return NatsTestServer.startBinary();
    }
}
