package dev.imager.protocol.transport;

import static dev.imager.protocol.transport.NatsFlags.NATS_CONNECT_TIMEOUT;
import static dev.imager.protocol.transport.NatsFlags.NATS_CREDS;
import static dev.imager.protocol.transport.NatsFlags.NATS_PASSWORD;
import static dev.imager.protocol.transport.NatsFlags.NATS_TLS_CA;
import static dev.imager.protocol.transport.NatsFlags.NATS_TLS_CERT;
import static dev.imager.protocol.transport.NatsFlags.NATS_TLS_KEY;
import static dev.imager.protocol.transport.NatsFlags.NATS_TOKEN;
import static dev.imager.protocol.transport.NatsFlags.NATS_URL;
import static dev.imager.protocol.transport.NatsFlags.NATS_USER;
import static dev.imager.protocol.transport.NatsFlags.SUBJECT_PREFIX;

import dev.imager.protocol.Subjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How to reach NATS: servers, subjects, identity, authentication and TLS; the typed values of the
 * {@link NatsFlags}. Build with {@link #of(String)} and the {@code with*} methods; {@link #problems()} lists
 * every inconsistency at once, each naming its flag.
 *
 * @param servers comma-separated server URLs, e.g. {@code nats://nats:4222}
 * @param subjectPrefix prefix of every subject ({@code <prefix>.jobs}, ...); see {@link #subjects()}
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
        String subjectPrefix,
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

    /** Server used when none is configured: a NATS server on this machine. */
    public static final String DEFAULT_URL = "nats://localhost:4222";

    /** All subjects start with {@code imager.}. */
    public static final String DEFAULT_SUBJECT_PREFIX = Subjects.DEFAULT_PREFIX;

    /** Connection name until a process names its connection after itself. */
    public static final String DEFAULT_CONNECTION_NAME = "imager";

    /** Plain {@code nats://} unless asked for, a TLS file is given or a URL says {@code tls://}. */
    public static final boolean DEFAULT_TLS = false;

    /** How long the first connection is retried by default. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /** {@code servers} with every other setting at its default. */
    public static NatsSettings of(String servers) {
        return new NatsSettings(servers, DEFAULT_SUBJECT_PREFIX, DEFAULT_CONNECTION_NAME, null, null, null, null,
                DEFAULT_TLS, null, null, null, DEFAULT_CONNECT_TIMEOUT);
    }

    public NatsSettings withSubjectPrefix(String prefix) {
        return new NatsSettings(servers, prefix, connectionName, user, password, token, credentialsFile, tls,
                tlsCaFile, tlsCertFile, tlsKeyFile, connectTimeout);
    }

    public NatsSettings withConnectionName(String name) {
        return new NatsSettings(servers, subjectPrefix, name, user, password, token, credentialsFile, tls,
                tlsCaFile, tlsCertFile, tlsKeyFile, connectTimeout);
    }

    public NatsSettings withUserPassword(String u, String p) {
        return withAuth(u, p, token, credentialsFile);
    }

    public NatsSettings withToken(String t) {
        return withAuth(user, password, t, credentialsFile);
    }

    public NatsSettings withCredentialsFile(Path file) {
        return withAuth(user, password, token, file);
    }

    /**
     * The authentication options as given, each null when absent; replaces any set before. Several
     * methods at once, or a user without a password, are left for {@link #problems()} to report.
     */
    public NatsSettings withAuth(String u, String p, String t, Path credsFile) {
        return new NatsSettings(servers, subjectPrefix, connectionName, u, p, t, credsFile, tls, tlsCaFile,
                tlsCertFile, tlsKeyFile, connectTimeout);
    }

    public NatsSettings withTls(boolean on, Path caFile, Path certFile, Path keyFile) {
        return new NatsSettings(servers, subjectPrefix, connectionName, user, password, token, credentialsFile, on,
                caFile, certFile, keyFile, connectTimeout);
    }

    public NatsSettings withConnectTimeout(Duration timeout) {
        return new NatsSettings(servers, subjectPrefix, connectionName, user, password, token, credentialsFile, tls,
                tlsCaFile, tlsCertFile, tlsKeyFile, timeout);
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
     * The subjects under {@link #subjectPrefix()}.
     *
     * @throws IllegalArgumentException when the prefix is invalid ({@link #problems()} reports that first)
     */
    public Subjects subjects() {
        return Subjects.withPrefix(subjectPrefix);
    }

    /**
     * Every problem with these settings, each starting with its flag as the command line spells it
     * ({@code --nats-user: needs --nats-password}); empty when they are usable.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        List<String> list = serverList();
        if (list.isEmpty()) {
            problems.add(NATS_URL + ": at least one server URL is required");
        }
        for (String s : list) {
            if (!s.matches("(?i)(nats|tls|ws|wss)://[^\\s/]+(:\\d+)?/?")) {
                problems.add(NATS_URL + ": '" + s + "' is not a NATS URL like nats://host:4222");
            }
        }
        int methods = (user != null ? 1 : 0) + (token != null ? 1 : 0) + (credentialsFile != null ? 1 : 0);
        if (methods > 1) {
            problems.add(NATS_USER + ", " + NATS_TOKEN + ", " + NATS_CREDS + ": choose one authentication method");
        }
        if (password != null && user == null) {
            problems.add(NATS_PASSWORD + ": needs " + NATS_USER);
        }
        if (user != null && password == null) {
            problems.add(NATS_USER + ": needs " + NATS_PASSWORD);
        }
        checkReadable(problems, credentialsFile, NATS_CREDS);
        checkReadable(problems, tlsCaFile, NATS_TLS_CA);
        checkReadable(problems, tlsCertFile, NATS_TLS_CERT);
        checkReadable(problems, tlsKeyFile, NATS_TLS_KEY);
        if ((tlsCertFile == null) != (tlsKeyFile == null)) {
            problems.add(NATS_TLS_CERT + ", " + NATS_TLS_KEY + ": give both or neither");
        }
        if (connectTimeout == null || connectTimeout.isNegative()) {
            problems.add(NATS_CONNECT_TIMEOUT + ": must be >= 0");
        }
        try {
            subjects();
        } catch (IllegalArgumentException e) {
            problems.add(SUBJECT_PREFIX + ": must be dot-separated tokens without spaces, '*' or '>' (e.g. imager or "
                    + "team-a.imager), got \"" + subjectPrefix + "\"");
        }
        return problems;
    }

    private static void checkReadable(List<String> problems, Path file, String flag) {
        if (file != null && !Files.isReadable(file)) {
            problems.add(flag + ": cannot read file " + file);
        }
    }

    @Override
    public String toString() {
        // Never print secrets.
        return "NatsSettings[servers=" + servers + ", subjectPrefix=" + subjectPrefix + ", name=" + connectionName
                + (user != null ? ", user=" + user : "") + (password != null ? ", password=***" : "")
                + (token != null ? ", token=***" : "") + (credentialsFile != null ? ", creds=" + credentialsFile : "")
                + (tlsRequired() ? ", tls" : "") + (tlsCaFile != null ? ", tlsCa=" + tlsCaFile : "")
                + (tlsCertFile != null ? ", tlsCert=" + tlsCertFile : "")
                + (tlsKeyFile != null ? ", tlsKey=" + tlsKeyFile : "")
                + ", connectTimeout=" + connectTimeout + "]";
    }
}
