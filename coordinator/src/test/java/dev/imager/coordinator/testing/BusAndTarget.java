package dev.imager.coordinator.testing;

import dev.imager.protocol.testing.NatsTestServer;
import dev.imager.sumservice.SumServer;
import dev.imager.sumservice.SumServiceConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real nats-server and a sumservice on loopback, shared by one test class's tests (each takes a moment to start),
 * so that the distributed-run tests do not each repeat the same {@code @BeforeAll} and {@code @AfterAll}. Register
 * it on a static field: {@code @RegisterExtension static final BusAndTarget ENV = new BusAndTarget();}. The target
 * counts what it answered ({@code target().metrics()}): the outside count a run's totals are checked against.
 */
public final class BusAndTarget implements BeforeAllCallback, AfterAllCallback {

    private NatsTestServer nats;
    private SumServer target;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        nats = NatsTestServer.start();
        target = SumServer.start(SumServiceConfig.defaults().withHost("127.0.0.1").withPort(0));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (target != null) {
            target.close();
        }
        if (nats != null) {
            nats.close();
        }
        target = null;
        nats = null;
    }

    public NatsTestServer nats() {
        return started(nats);
    }

    public SumServer target() {
        return started(target);
    }

    private static <T> T started(T value) {
        if (value == null) {
            throw new IllegalStateException("BusAndTarget is registered on a static @RegisterExtension field and used "
                    + "while the class's tests run");
        }
        return value;
    }
}
