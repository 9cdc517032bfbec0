package dev.imager.coordinator.config;

import dev.imager.protocol.cli.GoDuration;
import static dev.imager.coordinator.config.FlagNames.*;

import picocli.CommandLine.Option;

/** The "NATS" section of the command line: how the coordinator reaches its workers (distributed mode). */
final class NatsFlags {

    @Option(names = {"--nats-url", "-nats-url"}, paramLabel = "<urls>",
            description = "NATS server URLs, comma-separated. Default: ${DEFAULT-VALUE}")
    String natsUrl = CoordinatorConfig.DEFAULT_NATS_URL;

    @Option(names = {"--subject-prefix", "-subject-prefix"}, paramLabel = "<prefix>",
            description = "Prefix of every NATS subject (<prefix>.jobs, ...). Default: ${DEFAULT-VALUE}.")
    String subjectPrefix = CoordinatorConfig.DEFAULT_SUBJECT_PREFIX;

    @Option(names = {"--nats-user", "-nats-user"}, paramLabel = "<user>",
            description = "NATS user name (with --nats-password).")
    String natsUser;

    @Option(names = {"--nats-password", "-nats-password"}, paramLabel = "<password>",
            description = "NATS password (with --nats-user).")
    String natsPassword;

    @Option(names = {"--nats-token", "-nats-token"}, paramLabel = "<token>",
            description = "NATS authentication token.")
    String natsToken;

    @Option(names = {"--nats-creds", "-nats-creds"}, paramLabel = "<file>",
            description = "NATS credentials (.creds) file.")
    String natsCreds;

    @Option(names = {"--nats-tls", "-nats-tls"}, paramLabel = "<bool>", arity = "0..1", fallbackValue = "true",
            description = "Require TLS even for nats:// URLs. Default: ${DEFAULT-VALUE}.")
    String natsTls = "false";

    @Option(names = {"--nats-tls-ca", "-nats-tls-ca"}, paramLabel = "<file>",
            description = "PEM CA certificates to trust instead of the JVM's defaults.")
    String natsTlsCa;

    @Option(names = {"--nats-tls-cert", "-nats-tls-cert"}, paramLabel = "<file>",
            description = "PEM client certificate for mutual TLS (with --nats-tls-key).")
    String natsTlsCert;

    @Option(names = {"--nats-tls-key", "-nats-tls-key"}, paramLabel = "<file>",
            description = "PEM (PKCS#8) private key of --nats-tls-cert.")
    String natsTlsKey;

    @Option(names = {"--nats-connect-timeout", "-nats-connect-timeout"}, paramLabel = "<duration>",
            description = "How long the first NATS connection is retried. Default: ${DEFAULT-VALUE}.")
    String natsConnectTimeout = GoDuration.format(CoordinatorConfig.DEFAULT_NATS_CONNECT_TIMEOUT);

    void bindTo(CoordinatorConfigBuilder b, FlagBinder f) {
        b.natsUrl(natsUrl);
        b.subjectPrefix(subjectPrefix);
        b.natsUser(FlagBinder.optionalText(natsUser));
        b.natsPassword(FlagBinder.optionalText(natsPassword));
        b.natsToken(FlagBinder.optionalText(natsToken));
        b.natsCreds(f.optionalPath(NATS_CREDS, natsCreds));
        f.bool(NATS_TLS, natsTls).ifPresent(b::natsTls);
        b.natsTlsCa(f.optionalPath(NATS_TLS_CA, natsTlsCa));
        b.natsTlsCert(f.optionalPath(NATS_TLS_CERT, natsTlsCert));
        b.natsTlsKey(f.optionalPath(NATS_TLS_KEY, natsTlsKey));
        f.duration(NATS_CONNECT_TIMEOUT, natsConnectTimeout).ifPresent(b::natsConnectTimeout);
    }
}
