package dev.imager.protocol.transport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How to reach NATS: servers, identity, authentication and TLS. Build with {@link #of(String)} and the
 * {@code with*} methods; {@link #problems()} lists every inconsistency at once, each naming the setting.
 *
 * @param servers comma-separated server URLs, e.g. {@code nats://nats:4222}
 * @param connectionName name shown by {@code nats server report connections}
 * @param user user name (with {@code password}), or null
 * @param password password, or null
 * @param token authentication token, or null
 * @param credentialsFile NATS credentials (.creds) file, or null
 * @param tls require TLS even when the URL scheme is {@code nats://}
 * @param tlsCaFile PEM file of CA certificates to trust instead of the JVM's default trust store, or null
 * @param tlsCertFile PEM client certificate chain for mutual TLS, or null
 * @param tlsKeyFile PEM (PKCS#8) private key of {@code tlsCertFile}, or null
 * @param connectTimeout how long to keep trying the first connection before giving up
 */
public record NatsSettings(
        String servers,
        String connectionName,
        String user,
        String password,
        String token,
        Path credentialsFile,
        boolean tls,
        Path tlsCaFile,
        Path tlsCertFile,
        Path tlsKeyFile,
        Duration connectTimeout) {

    /** Server used when none is configured. */
    public static final String DEFAULT_URL = "nats://localhost:4222";

    /** How long the first connection is retried by default. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    public static NatsSettings of(String servers) {
        return new NatsSettings(servers, "imager", null, null, null, null, false, null, null, null,
                DEFAULT_CONNECT_TIMEOUT);
    }

    public NatsSettings withConnectionName(String name) {
        return new NatsSettings(servers, name, user, password, token, credentialsFile, tls, tlsCaFile,
                tlsCertFile, tlsKeyFile, connectTimeout);
    }

    public NatsSettings withUserPassword(String u, String p) {
        return new NatsSettings(servers, connectionName, u, p, token, credentialsFile, tls, tlsCaFile,
                tlsCertFile, tlsKeyFile, connectTimeout);
    }

    public NatsSettings withToken(String t) {
        return new NatsSettings(servers, connectionName, user, password, t, credentialsFile, tls, tlsCaFile,
                tlsCertFile, tlsKeyFile, connectTimeout);
    }

    public NatsSettings withCredentialsFile(Path file) {
        return new NatsSettings(servers, connectionName, user, password, token, file, tls, tlsCaFile,
                tlsCertFile, tlsKeyFile, connectTimeout);
    }

    /**
     * The authentication options as given, each null when absent; replaces any set before. Several
     * methods at once, or a user without a password, are left for {@link #problems()} to report.
     */
    public NatsSettings withAuth(String u, String p, String t, Path credsFile) {
        return new NatsSettings(servers, connectionName, u, p, t, credsFile, tls, tlsCaFile, tlsCertFile,
                tlsKeyFile, connectTimeout);
    }

    public NatsSettings withTls(boolean on, Path caFile, Path certFile, Path keyFile) {
        return new NatsSettings(servers, connectionName, user, password, token, credentialsFile, on, caFile,
                certFile, keyFile, connectTimeout);
    }

    public NatsSettings withConnectTimeout(Duration timeout) {
        return new NatsSettings(servers, connectionName, user, password, token, credentialsFile, tls, tlsCaFile,
                tlsCertFile, tlsKeyFile, timeout);
    }

    /** The server URLs, split and trimmed. */
    public List<String> serverList() {
        List<String> list = new ArrayList<>();
        if (servers != null) {
            for (String s : servers.split(",")) {
                if (!s.isBlank()) {
                    list.add(s.trim());
                }
            }
        }
        return list;
    }

    /** True when TLS is needed: asked for, a TLS file given, or a {@code tls://} server URL. */
    public boolean tlsRequired() {
        return tls || tlsCaFile != null || tlsCertFile != null
                || serverList().stream().anyMatch(s -> s.startsWith("tls://"));
    }

    /**
     * Every problem with these settings, each naming its options ({@code nats-user: needs nats-password});
     * empty when they are usable. Same as {@code problems("")}.
     */
    public List<String> problems() {
        return problems("");
    }

    /**
     * Every problem with these settings, each naming its options with {@code optionPrefix} in front,
     * wherever they appear: with {@code "--"}, the CLI flags ({@code --nats-user: needs --nats-password}).
     * Empty when the settings are usable.
     */
    public List<String> problems(String optionPrefix) {
        String o = optionPrefix;
        List<String> problems = new ArrayList<>();
        List<String> list = serverList();
        if (list.isEmpty()) {
            problems.add(o + "nats-url: at least one server URL is required");
        }
        for (String s : list) {
            if (!s.matches("(?i)(nats|tls|ws|wss)://[^\\s/]+(:\\d+)?/?")) {
                problems.add(o + "nats-url: '" + s + "' is not a NATS URL like nats://host:4222");
            }
        }
        int methods = (user != null ? 1 : 0) + (token != null ? 1 : 0) + (credentialsFile != null ? 1 : 0);
        if (methods > 1) {
            problems.add(o + "nats-user, " + o + "nats-token, " + o + "nats-creds: choose one authentication method");
        }
        if (password != null && user == null) {
            problems.add(o + "nats-password: needs " + o + "nats-user");
        }
        if (user != null && password == null) {
            problems.add(o + "nats-user: needs " + o + "nats-password");
        }
        checkReadable(problems, credentialsFile, o + "nats-creds");
        checkReadable(problems, tlsCaFile, o + "nats-tls-ca");
        checkReadable(problems, tlsCertFile, o + "nats-tls-cert");
        checkReadable(problems, tlsKeyFile, o + "nats-tls-key");
        if ((tlsCertFile == null) != (tlsKeyFile == null)) {
            problems.add(o + "nats-tls-cert, " + o + "nats-tls-key: give both or neither");
        }
        if (connectTimeout == null || connectTimeout.isNegative()) {
            problems.add(o + "nats-connect-timeout: must be >= 0");
        }
        return problems;
    }

    private static void checkReadable(List<String> problems, Path file, String option) {
        if (file != null && !Files.isReadable(file)) {
            problems.add(option + ": cannot read file " + file);
        }
    }

    @Override
    public String toString() {
        // Never print secrets.
        return "NatsSettings[servers=" + servers + ", name=" + connectionName
                + (user != null ? ", user=" + user : "") + (token != null ? ", token=***" : "")
                + (credentialsFile != null ? ", creds=" + credentialsFile : "") + (tlsRequired() ? ", tls" : "") + "]";
    }
}
