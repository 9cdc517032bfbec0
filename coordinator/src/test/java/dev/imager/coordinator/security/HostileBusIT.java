package dev.imager.coordinator.security;

import dev.imager.protocol.testing.NatsTestServer;

/**
 * The hostile-bus scenario on a nats-server without authentication: every forgery reaches the processes, which must
 * refuse each by what they check themselves. With the chart's permission config, where the server refuses the
 * forgeries: {@code dev.imager.coordinator.deploy.HostileBusWithNatsAuthIT}.
 */
class HostileBusIT extends HostileBusScenario {

    @Override
    protected NatsTestServer startNats() {
        return NatsTestServer.startBinary();
    }
}
