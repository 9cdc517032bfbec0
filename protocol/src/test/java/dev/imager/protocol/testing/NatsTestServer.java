package dev.imager.protocol.testing;

import io.nats.NatsServerRunner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * A real NATS server for tests, found in this order:
 * <ol>
 *   <li>{@code NATS_URL}, when set: an external server (cannot be restarted by the test);</li>
 *   <li>the {@code nats-server} binary ({@code NATS_SERVER_PATH}, then {@code PATH}, then
 *       {@code /usr/sbin}, {@code /usr/local/bin}), started through jnats-server-runner on a free
 *       loopback port;</li>
 *   <li>Testcontainers with the {@code nats} image, when a Docker engine is available;</li>
 *   <li>otherwise the test fails with a message saying how to install nats-server.</li>
 * </ol>
 * Starting takes a moment: share one server per test class.
 */
public final class NatsTestServer implements AutoCloseable {

    /** Image used when falling back to Testcontainers. */
    public static final String NATS_IMAGE = "nats:2.10-alpine";

    private static final String INSTALL_HINT = "No NATS server for the tests: set NATS_URL to a running server, "
            + "or install nats-server (Debian/Ubuntu: sudo apt-get install -y nats-server; other systems: "
            + "https://github.com/nats-io/nats-server/releases), or run the tests where a Docker engine is available.";

    private final Path executable;
    private final int port;
    private final String externalUrl;
    private final String[] extraArgs;
    private final Map<String, String> environment;
    private NatsServerRunner runner;
    private Process process;
    private Path processLog;
    private GenericContainer<?> container;

    private NatsTestServer(Path executable, int port, String externalUrl, String... extraArgs) {
        this(executable, port, externalUrl, null, extraArgs);
    }

    private NatsTestServer(Path executable, int port, String externalUrl, Map<String, String> environment,
            String... extraArgs) {
        this.executable = executable;
        this.port = port;
        this.externalUrl = externalUrl;
        this.environment = environment;
        this.extraArgs = extraArgs;
    }

    /**
     * Starts the {@code nats-server} binary with extra options (authentication, TLS), on a free loopback
     * port. Needs the binary: a server reached through {@code NATS_URL} or Docker cannot be configured.
     */
    public static NatsTestServer startBinary(String... extraArgs) {
        Path binary = findBinary();
        if (binary == null) {
            throw new IllegalStateException(INSTALL_HINT);
        }
        NatsTestServer server = new NatsTestServer(binary, freePort(), null, extraArgs);
        server.startBinary();
        return server;
    }

    /**
     * Starts the {@code nats-server} binary with a configuration file and extra environment variables (which
     * the file can name as {@code $VARIABLE}, as a deployment's server reads its passwords), on a free loopback
     * port: {@code -a 127.0.0.1 -p <port>} override the file's listen address. jnats-server-runner cannot pass
     * an environment, so this runs the process itself.
     */
    public static NatsTestServer startWithConfig(Path configFile, Map<String, String> environment) {
        Path binary = findBinary();
        if (binary == null) {
            throw new IllegalStateException(INSTALL_HINT);
        }
        NatsTestServer server = new NatsTestServer(binary, freePort(), null, Map.copyOf(environment), "-c",
                configFile.toString());
        server.startBinary();
        return server;
    }

    /** Finds or starts a server as described in the class comment. */
    public static NatsTestServer start() {
        String env = System.getenv("NATS_URL");
        if (env != null && !env.isBlank()) {
            return new NatsTestServer(null, -1, env.trim());
        }
        Path binary = findBinary();
        if (binary != null) {
            NatsTestServer server = new NatsTestServer(binary, freePort(), null);
            server.startBinary();
            return server;
        }
        if (dockerAvailable()) {
            NatsTestServer server = new NatsTestServer(null, -1, null);
            server.startContainer();
            return server;
        }
        throw new IllegalStateException(INSTALL_HINT);
    }

    /** The URL clients connect to, e.g. {@code nats://127.0.0.1:41234}. */
    public String url() {
        if (externalUrl != null) {
            return externalUrl;
        }
        if (container != null) {
            return "nats://" + container.getHost() + ":" + container.getMappedPort(4222);
        }
        return "nats://127.0.0.1:" + port;
    }

    /** True when this test owns the server process and can stop and restart it. */
    public boolean restartable() {
        return executable != null;
    }

    /** Stops the server process (connections see a disconnect). */
    public void stop() {
        requireRestartable();
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        if (runner != null) {
            try {
                runner.shutdown(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            runner = null;
        }
    }

    /** Starts the server again on the same port. */
    public void restart() {
        requireRestartable();
        stop();
        startBinary();
    }

    /**
     * Freezes the server process (SIGSTOP): connections stay open, so clients still count themselves connected, but
     * nothing is read or delivered until {@link #resume()}: a broker that stalls rather than dies.
     */
    public void pause() {
        signal("STOP");
    }

    /** Lets a {@link #pause() paused} server run again: what clients wrote meanwhile is delivered now. */
    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        requireRestartable();
        long pid = serverProcess().pid();
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid + " failed: "
                        + new String(kill.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill -" + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling nats-server", e);
        }
    }

    /**
     * The running server's process: the one this class started, or the one jnats-server-runner started (a child of
     * this JVM whose command line, or the configuration file it names, holds this server's port).
     */
    private ProcessHandle serverProcess() {
        if (process != null) {
            return process.toHandle();
        }
        String portText = Integer.toString(port);
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("nats-server")).orElse(false))
                .filter(p -> p.info().arguments().map(args -> mentionsPort(args, portText)).orElse(false))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no nats-server process of port " + port + " found"));
    }

    private static boolean mentionsPort(String[] args, String port) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(port)) {
                return true;
            }
            if (args[i].equals("--config") && i + 1 < args.length) {
                try {
                    return Files.readString(Path.of(args[i + 1])).matches("(?s).*\\bport:\\s*" + port + "\\b.*");
                } catch (IOException e) {
                    return false;
                }
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (runner != null || process != null) {
            stop();
        }
        if (container != null) {
            container.stop();
            container = null;
        }
    }

    private void requireRestartable() {
        if (!restartable()) {
            throw new IllegalStateException("this NATS server (" + url() + ") is not owned by the test");
        }
    }

    private void startBinary() {
        if (environment != null) {
            startProcess();
            return;
        }
        try {
            runner = NatsServerRunner.builder()
                    .executablePath(executable)
                    .port(port)
                    .customArgs(args())
                    .outputLevel(Level.WARNING)
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + executable + " on port " + port + ": " + e.getMessage(), e);
        }
        awaitListening();
    }

    private void startProcess() {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(List.of(args()));
        command.addAll(List.of("-p", Integer.toString(port)));
        try {
            processLog = Files.createTempFile("nats-server-" + port, ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(processLog.toFile());
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command + ": " + e.getMessage(), e);
        }
        awaitListening();
    }

    /** What the server printed, when this test started it with {@link #startWithConfig}. */
    public String log() {
        try {
            return processLog == null ? "" : Files.readString(processLog);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private String[] args() {
        String[] args = new String[2 + extraArgs.length];
        args[0] = "-a";
        args[1] = "127.0.0.1";
        System.arraycopy(extraArgs, 0, args, 2, extraArgs.length);
        return args;
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("nats-server exited with " + process.exitValue() + ":\n" + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
            }
        }
        throw new IllegalStateException("nats-server did not listen on 127.0.0.1:" + port + " within 10 s");
    }

    private void startContainer() {
        GenericContainer<?> c = new GenericContainer<>(NATS_IMAGE).withExposedPorts(4222);
        c.start();
        container = c;
    }

    private static Path findBinary() {
        List<Path> candidates = new ArrayList<>();
        for (String var : new String[] {"NATS_SERVER_PATH", "nats_server_path"}) {
            String value = System.getenv(var);
            if (value != null && !value.isBlank()) {
                candidates.add(Path.of(value));
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir, "nats-server"));
                }
            }
        }
        candidates.add(Path.of("/usr/sbin/nats-server"));
        candidates.add(Path.of("/usr/local/bin/nats-server"));
        return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** A currently free loopback port. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
