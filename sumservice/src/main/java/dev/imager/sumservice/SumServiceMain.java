package dev.imager.sumservice;

import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Command-line entry point: flags and environment to config, start the server, log one line, serve until
 * SIGTERM or SIGINT, then shut down cleanly (a shutdown hook closes the listener and the event loops, so a
 * Kubernetes Pod stops promptly).
 *
 * <p>Exit codes are stable: {@link #EXIT_OK}, {@link #EXIT_FAILURE} when the server cannot start (e.g. the
 * port is taken), {@link #EXIT_USAGE} for invalid flags or environment. After a signal the JVM reports the
 * signal's conventional status (143 for SIGTERM, 130 for SIGINT).
 */
public final class SumServiceMain {

    /** Ran and stopped normally, or printed {@code --help}. */
    public static final int EXIT_OK = 0;

    /** The server could not start, e.g. the address could not be bound. */
    public static final int EXIT_FAILURE = 1;

    /** Invalid flags or environment variables; every problem is printed to stderr. */
    public static final int EXIT_USAGE = 2;

    private static final Logger LOG = LoggerFactory.getLogger(SumServiceMain.class);

    private SumServiceMain() {
    }

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err);
        // Exit explicitly only on failure: after a signal the JVM is already exiting, and System.exit from
        // here would then block forever waiting for the shutdown hooks.
        if (code != EXIT_OK) {
            System.exit(code);
        }
    }

    /**
     * Parses, starts and serves until the server is closed (by the shutdown hook). Returns early with
     * {@link #EXIT_USAGE} or {@link #EXIT_FAILURE}; returns {@link #EXIT_OK} immediately for {@code --help}.
     */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        SumServiceArgs.Parsed parsed = SumServiceArgs.parse(Arrays.asList(args), env);
        if (parsed.helpRequested()) {
            out.print(SumServiceArgs.usage());
            return EXIT_OK;
        }
        if (!parsed.problems().isEmpty()) {
            err.println("sumservice: invalid configuration:");
            parsed.problems().forEach(problem -> err.println("  " + problem));
            err.println("Run with --help for usage.");
            return EXIT_USAGE;
        }

        SumServiceConfig config = parsed.config();
        SumServer server;
        try {
            server = SumServer.start(config);
        } catch (IOException e) {
            LOG.error("sumservice cannot listen on {}:{}: {}", config.host(), config.port(), e.getMessage());
            return EXIT_FAILURE;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("sumservice stopping");
            server.close();
            LOG.info("sumservice stopped");
        }, "sumservice-shutdown"));
        LOG.info(startupLine(server));
        server.awaitClosed();
        return EXIT_OK;
    }

    /** The one line logged at start: where it listens and what the capacity simulation does. */
    static String startupLine(SumServer server) {
        SumServiceConfig config = server.config();
        InetAddress ip = server.address().getAddress();
        String host = ip instanceof Inet6Address ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress();
        String address = host + ":" + server.port();
        String simulation = config.simulationEnabled()
                ? "capacity simulation on: concurrency " + config.concurrency() + ", service time "
                        + config.serviceTimeMs() + " ms, capacity "
                        + new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT))
                                .format(config.capacityRps())
                        + " rps, queue bound " + config.maxQueue()
                : "capacity simulation off";
        return "sumservice listening on " + address + " (" + server.transport() + "); " + simulation;
    }
}
