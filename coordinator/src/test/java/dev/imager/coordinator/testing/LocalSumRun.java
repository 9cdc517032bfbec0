package dev.imager.coordinator.testing;

import dev.imager.coordinator.run.Coordinator;
import dev.imager.coordinator.run.FinishedRun;
import dev.imager.coordinator.run.RunControl;
import dev.imager.coordinator.run.RunOptions;
import dev.imager.protocol.transport.InMemoryTransport;
import dev.imager.sumservice.Route;
import dev.imager.sumservice.SumServer;
import dev.imager.sumservice.SumServiceConfig;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs in local mode (two in-process workers over the in-memory bus) against sumservice on loopback, with
 * random-sum requests: the set-up of the end-to-end tests that check a load shape against what the target itself
 * counted. Start one per test class ({@code @BeforeAll}) and close it after ({@code @AfterAll}).
 */
public final class LocalSumRun implements AutoCloseable {

    private final SumServer target;

    private LocalSumRun(SumServer target) {
        this.target = target;
    }

    /** Starts the target on a free loopback port. */
    public static LocalSumRun start() throws IOException {
        return new LocalSumRun(SumServer.start(SumServiceConfig.defaults().withHost("127.0.0.1").withPort(0)));
    }

    /** The requests the target has answered with 200 so far. */
    public long answered() {
        return target.metrics().requestCount(Route.SUM, 200);
    }

    /** Runs with {@code load} (the load flags) to its end, reporting to {@code listener}. */
    public FinishedRun run(RecordingListener listener, String... load) {
        return run(listener, bus -> { }, load);
    }

    /**
     * Runs with {@code load} to its end, reporting to {@code listener}; {@code watch} may subscribe to the bus before
     * the run starts (its subscriptions end with the bus, after the run).
     */
    public FinishedRun run(RecordingListener listener, Consumer<InMemoryTransport> watch, String... load) {
        String[] args = Stream.concat(Stream.of("--local-workers", "2", "-target-mode", "url", "-target-url",
                "http://127.0.0.1:" + target.port(), "-request-source-type", "random-sum", "-listen-port", "0"),
                Stream.of(load)).toArray(String[]::new);
        try (InMemoryTransport bus = new InMemoryTransport()) {
            watch.accept(bus);
            return Coordinator.run(Configs.parse(args), RunOptions.defaults().withTransport(bus).withListener(listener),
                    new RunControl());
        }
    }

    @Override
    public void close() {
        target.close();
    }
}
