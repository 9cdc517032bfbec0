package dev.imager.protocol.transport;

import dev.imager.protocol.cli.FlagBinder;
import dev.imager.protocol.cli.GoDuration;
import picocli.CommandLine.Option;

/**
 * The NATS flags, declared once for every process that talks to NATS: the coordinator and the worker
 * both mix them in ({@code @Mixin NatsFlags nats;}) and get the same names, help, defaults, rules and
 * {@code IMAGER_*} environment variables ({@code --nats-password} from {@code IMAGER_NATS_PASSWORD}, which
 * keeps secrets out of process listings). Values are taken as text and converted by {@link #bind}, so a bad
 * value is reported together with every other problem.
 */
public final class NatsFlags {

    /** Problem messages and help spell each flag as declared here; {@code -nats-url} is accepted too. */
    public static final String NATS_URL = "--nats-url";
    public static final String SUBJECT_PREFIX = "--subject-prefix";
    public static final String NATS_USER = "--nats-user";
    public static final String NATS_PASSWORD = "--nats-password";
    public static final String NATS_TOKEN = "--nats-token";
    public static final String NATS_CREDS = "--nats-creds";
    public static final String NATS_TLS = "--nats-tls";
    public static final String NATS_TLS_CA = "--nats-tls-ca";
    public static final String NATS_TLS_CERT = "--nats-tls-cert";
    public static final String NATS_TLS_KEY = "--nats-tls-key";
    public static final String NATS_CONNECT_TIMEOUT = "--nats-connect-timeout";

    @Option(names = NATS_URL, paramLabel = "<urls>",
            description = "NATS server URLs, comma-separated. Default: ${DEFAULT-VALUE}")
    String url = NatsSettings.DEFAULT_URL;

    @Option(names = SUBJECT_PREFIX, paramLabel = "<prefix>",
            description = "Prefix of every NATS subject (<prefix>.jobs, ...). Default: ${DEFAULT-VALUE}.")
    String subjectPrefix = NatsSettings.DEFAULT_SUBJECT_PREFIX;

    @Option(names = NATS_USER, paramLabel = "<user>", description = "NATS user name (with --nats-password).")
    String user;

    @Option(names = NATS_PASSWORD, paramLabel = "<password>",
            description = "NATS password (with --nats-user); prefer the IMAGER_NATS_PASSWORD variable.")
    String password;

    @Option(names = NATS_TOKEN, paramLabel = "<token>",
            description = "NATS authentication token; prefer the IMAGER_NATS_TOKEN variable.")
    String token;

    @Option(names = NATS_CREDS, paramLabel = "<file>", description = "NATS credentials (.creds) file.")
    String credentials;

    @Option(names = NATS_TLS, paramLabel = "<bool>", arity = "0..1", fallbackValue = "true",
            description = "Require TLS even for nats:// URLs. Default: ${DEFAULT-VALUE}.")
    String tls = Boolean.toString(NatsSettings.DEFAULT_TLS);

    @Option(names = NATS_TLS_CA, paramLabel = "<file>",
            description = "PEM CA certificates to trust instead of the JVM's defaults.")
    String tlsCa;

    @Option(names = NATS_TLS_CERT, paramLabel = "<file>",
            description = "PEM client certificate for mutual TLS (with --nats-tls-key).")
    String tlsCert;

    @Option(names = NATS_TLS_KEY, paramLabel = "<file>", description = "PEM (PKCS#8) private key of --nats-tls-cert.")
    String tlsKey;

    @Option(names = NATS_CONNECT_TIMEOUT, paramLabel = "<duration>",
            description = "How long the first NATS connection is retried. Default: ${DEFAULT-VALUE}.")
    String connectTimeout = GoDuration.format(NatsSettings.DEFAULT_CONNECT_TIMEOUT);

    /**
     * The settings these flags describe, with the default connection name (callers name the connection
     * after their process). Values that do not convert are reported to {@code f}; the rules are
     * {@link NatsSettings#problems()}.
     */
    public NatsSettings bind(FlagBinder f) {
        return NatsSettings.of(url).withSubjectPrefix(subjectPrefix)
                .withAuth(FlagBinder.optionalText(user), FlagBinder.optionalText(password),
                        FlagBinder.optionalText(token), f.optionalPath(NATS_CREDS, credentials))
                .withTls(f.bool(NATS_TLS, tls, NatsSettings.DEFAULT_TLS), f.optionalPath(NATS_TLS_CA, tlsCa),
                        f.optionalPath(NATS_TLS_CERT, tlsCert), f.optionalPath(NATS_TLS_KEY, tlsKey))
                .withConnectTimeout(f.duration(NATS_CONNECT_TIMEOUT, connectTimeout,
                        NatsSettings.DEFAULT_CONNECT_TIMEOUT));
    }
}
