package dev.imager.protocol.cli;

import dev.imager.protocol.Subjects;
import dev.imager.protocol.transport.NatsSettings;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The NATS options the coordinator and the worker share, as a picocli mixin
 * ({@code @Mixin NatsOptions nats;}). Secrets may come from the environment ({@code IMAGER_NATS_PASSWORD},
 * {@code IMAGER_NATS_TOKEN}) so they stay out of process listings.
 */
public final class NatsOptions {

    @Option(names = "--nats-url", paramLabel = "URL", defaultValue = NatsSettings.DEFAULT_URL,
            description = "NATS server URL(s), comma-separated (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--subject-prefix", paramLabel = "PREFIX", defaultValue = Subjects.DEFAULT_PREFIX,
            description = "Prefix of every subject imager uses (default: ${DEFAULT-VALUE}).")
    String subjectPrefix;

    @Option(names = "--nats-user", paramLabel = "USER", description = "NATS user (with --nats-password).")
    String user;

    @Option(names = "--nats-password", paramLabel = "PASSWORD",
            description = "NATS password; prefer the IMAGER_NATS_PASSWORD variable.")
    String password;

    @Option(names = "--nats-token", paramLabel = "TOKEN",
            description = "NATS authentication token; prefer the IMAGER_NATS_TOKEN variable.")
    String token;

    @Option(names = "--nats-creds", paramLabel = "FILE", description = "NATS credentials (.creds) file.")
    Path credentials;

    @Option(names = "--nats-tls", arity = "0..1", defaultValue = "false", fallbackValue = "true",
            description = "Require TLS to NATS, verified against the JVM's trust store or --nats-tls-ca.")
    boolean tls;

    @Option(names = "--nats-tls-ca", paramLabel = "PEM", description = "CA certificate(s) to trust for NATS TLS.")
    Path tlsCa;

    @Option(names = "--nats-tls-cert", paramLabel = "PEM", description = "Client certificate for NATS mutual TLS.")
    Path tlsCert;

    @Option(names = "--nats-tls-key", paramLabel = "PEM", description = "Client key (PKCS#8 PEM) for --nats-tls-cert.")
    Path tlsKey;

    @Option(names = "--nats-connect-timeout", paramLabel = "DURATION", defaultValue = "30s",
            converter = GoDuration.Converter.class,
            description = "How long to keep trying the first NATS connection (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    /** The connection settings these options describe, named {@code connectionName}. */
    public NatsSettings settings(String connectionName) {
        return NatsSettings.of(url).withConnectionName(connectionName)
                .withTls(tls, tlsCa, tlsCert, tlsKey).withConnectTimeout(connectTimeout)
                .withAuth(user, password, token, credentials);
    }

    public String subjectPrefix() {
        return subjectPrefix;
    }

    /** Subjects under the configured prefix. */
    public Subjects subjects() {
        return Subjects.withPrefix(subjectPrefix);
    }
}
