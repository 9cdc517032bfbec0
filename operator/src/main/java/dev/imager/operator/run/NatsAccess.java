package dev.imager.operator.run;

import dev.imager.protocol.Subjects;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the pods of a run reach NATS and as whom, the chart's way (natsAuth, natsTls; docs/security.md): each
 * program its own identity, secrets only from a Secret (an environment variable or a mounted file), never an
 * argument. Identities are {@code coordinator} and {@code worker}.
 *
 * @param url {@code --nats-url}
 * @param subjectPrefix {@code --subject-prefix}
 * @param authType {@code password}, {@code creds}, {@code token} or {@code none}
 * @param secret the Secret with the credentials (password: keys {@code <identity>-password}; creds:
 *     {@code <identity>.creds}; token: {@code tokenKey})
 * @param coordinatorUser NATS user of the coordinators (password)
 * @param workerUser NATS user of the workers (password)
 * @param tokenKey key of the token (token)
 * @param tls {@code --nats-tls}
 * @param tlsSecret Secret with PEM files, mounted at {@value #TLS_DIR}; empty: none
 * @param tlsCaKey key of the CA bundle; empty: the JVM's
 * @param tlsCertKey key of the client certificate; empty: none
 * @param tlsKeyKey key of the client key; empty: none
 */
public record NatsAccess(String url, String subjectPrefix, String authType, String secret, String coordinatorUser,
        String workerUser, String tokenKey, boolean tls, String tlsSecret, String tlsCaKey, String tlsCertKey,
        String tlsKeyKey) {

    /** Authentication types, as the chart's natsAuth.type. */
    public static final List<String> AUTH_TYPES = List.of("password", "creds", "token", "none");
    static final String TLS_DIR = "/etc/imager/nats-tls";
    static final String CREDS_DIR = "/etc/imager/nats-creds";

    public NatsAccess {
        Objects.requireNonNull(url, "url");
        List<String> problems = problems(subjectPrefix, authType, secret);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        subjectPrefix = blankTo(subjectPrefix, Subjects.DEFAULT_PREFIX);
        authType = blankTo(authType, "none");
        secret = blankTo(secret, "");
        coordinatorUser = blankTo(coordinatorUser, "imager-coordinator");
        workerUser = blankTo(workerUser, "imager-worker");
        tokenKey = blankTo(tokenKey, "token");
        tlsSecret = blankTo(tlsSecret, "");
        tlsCaKey = blankTo(tlsCaKey, "");
        tlsCertKey = blankTo(tlsCertKey, "");
        tlsKeyKey = blankTo(tlsKeyKey, "");
    }

    /**
     * Every problem with these values, each starting with the operator's flag that gives it (blank values are the
     * defaults: the prefix {@value Subjects#DEFAULT_PREFIX}, no authentication): the operator checks its flags with
     * this before it connects, and a NatsAccess is never built from values it refuses.
     */
    public static List<String> problems(String subjectPrefix, String authType, String secret) {
        List<String> problems = new ArrayList<>();
        try {
            Subjects.withPrefix(blankTo(subjectPrefix, Subjects.DEFAULT_PREFIX));
        } catch (IllegalArgumentException e) {
            problems.add("--subject-prefix: must be dot-separated tokens without spaces, '*' or '>' (e.g. imager or "
                    + "team-a.imager), got \"" + subjectPrefix + "\"");
        }
        String auth = blankTo(authType, "none");
        if (!AUTH_TYPES.contains(auth)) {
            problems.add("--nats-auth: must be one of " + String.join(", ", AUTH_TYPES) + ", got \"" + authType + "\"");
        } else if (!auth.equals("none") && blankTo(secret, "").isEmpty()) {
            problems.add("--nats-auth-secret: is required with --nats-auth=" + auth);
        }
        return problems;
    }

    /** NATS without authentication or TLS (tests, a private bus). */
    public static NatsAccess open(String url, String subjectPrefix) {
        return new NatsAccess(url, subjectPrefix, "none", "", null, null, null, false, "", "", "", "");
    }

    /** The flags of {@code identity}: where NATS is, who it is, TLS files; never a secret itself. */
    public List<String> args(String identity) {
        List<String> args = new ArrayList<>(List.of("--nats-url=" + url, "--subject-prefix=" + subjectPrefix));
        switch (authType) {
            case "password" -> args.add("--nats-user=" + (identity.equals("worker") ? workerUser : coordinatorUser));
            case "creds" -> args.add("--nats-creds=" + CREDS_DIR + "/" + identity + ".creds");
            default -> { }
        }
        if (tls) {
            args.add("--nats-tls=true");
        }
        if (!tlsSecret.isEmpty()) {
            if (!tlsCaKey.isEmpty()) {
                args.add("--nats-tls-ca=" + TLS_DIR + "/" + tlsCaKey);
            }
            if (!tlsCertKey.isEmpty()) {
                args.add("--nats-tls-cert=" + TLS_DIR + "/" + tlsCertKey);
                args.add("--nats-tls-key=" + TLS_DIR + "/" + tlsKeyKey);
            }
        }
        return args;
    }

    /** The secret of {@code identity} as an environment variable from its Secret key (password, token). */
    public List<EnvVar> env(String identity) {
        return switch (authType) {
            case "password" -> List.of(fromSecret("IMAGER_NATS_PASSWORD", identity + "-password"));
            case "token" -> List.of(fromSecret("IMAGER_NATS_TOKEN", tokenKey));
            default -> List.of();
        };
    }

    /** The volumes of {@code identity}'s files: the TLS Secret, and its own .creds file only. */
    public List<Volume> volumes(String identity) {
        List<Volume> volumes = new ArrayList<>();
        if (!tlsSecret.isEmpty()) {
            volumes.add(new VolumeBuilder().withName("nats-tls").withNewSecret().withSecretName(tlsSecret).endSecret()
                    .build());
        }
        if (authType.equals("creds")) {
            String file = identity + ".creds";
            volumes.add(new VolumeBuilder().withName("nats-creds").withNewSecret().withSecretName(secret)
                    .addNewItem().withKey(file).withPath(file).endItem().endSecret().build());
        }
        return volumes;
    }

    /** Where {@link #volumes} are mounted, read-only. */
    public List<VolumeMount> mounts() {
        List<VolumeMount> mounts = new ArrayList<>();
        if (!tlsSecret.isEmpty()) {
            mounts.add(new VolumeMountBuilder().withName("nats-tls").withMountPath(TLS_DIR).withReadOnly(true).build());
        }
        if (authType.equals("creds")) {
            mounts.add(new VolumeMountBuilder().withName("nats-creds").withMountPath(CREDS_DIR).withReadOnly(true)
                    .build());
        }
        return mounts;
    }

    private EnvVar fromSecret(String variable, String key) {
        return new EnvVarBuilder().withName(variable).withNewValueFrom().withNewSecretKeyRef().withName(secret)
                .withKey(key).endSecretKeyRef().endValueFrom().build();
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
