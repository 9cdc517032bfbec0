package dev.imager.operator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each identity gets its own credentials, as the chart gives them; secrets never appear as arguments. */
class NatsAccessTest {

    private static NatsAccess of(String type, boolean tlsFiles) {
        return new NatsAccess("tls://nats:4222", "load", type, type.equals("none") ? "" : "creds-secret", "c-user",
                "w-user", "t", true, tlsFiles ? "nats-tls" : "", "ca.crt", tlsFiles ? "tls.crt" : "", "tls.key");
    }

    @Test
    void passwordsComeFromEachIdentitysKey() {
        NatsAccess a = of("password", false);
        assertThat(a.args("coordinator")).containsExactly("--nats-url=tls://nats:4222", "--subject-prefix=load",
                "--nats-user=c-user", "--nats-tls=true");
        assertThat(a.args("worker")).contains("--nats-user=w-user");
        assertThat(a.env("worker")).extracting(EnvVar::getName).containsExactly("IMAGER_NATS_PASSWORD");
        assertThat(a.env("worker").get(0).getValueFrom().getSecretKeyRef().getKey()).isEqualTo("worker-password");
        assertThat(a.volumes("worker")).isEmpty();
    }

    @Test
    void credsFilesAreMountedOneIdentityAtATime() {
        NatsAccess a = of("creds", true);
        assertThat(a.args("worker")).contains("--nats-creds=/etc/imager/nats-creds/worker.creds",
                "--nats-tls-ca=/etc/imager/nats-tls/ca.crt", "--nats-tls-cert=/etc/imager/nats-tls/tls.crt",
                "--nats-tls-key=/etc/imager/nats-tls/tls.key");
        assertThat(a.env("worker")).isEmpty();
        var creds = a.volumes("worker").stream().filter(v -> v.getName().equals("nats-creds")).findFirst().orElseThrow();
        assertThat(creds.getSecret().getItems()).singleElement().satisfies(i -> assertThat(i.getKey())
                .isEqualTo("worker.creds"));
        assertThat(a.mounts()).allSatisfy(m -> assertThat(m.getReadOnly()).isTrue()).hasSize(2);
    }

    @Test
    void aTokenIsAnEnvironmentVariableAndNoneIsNothing() {
        NatsAccess token = of("token", false);
        assertThat(token.env("coordinator")).singleElement().satisfies(e -> {
            assertThat(e.getName()).isEqualTo("IMAGER_NATS_TOKEN");
            assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("t");
        });
        assertThat(token.args("coordinator")).noneMatch(a -> a.contains("token"));
        NatsAccess none = NatsAccess.open("nats://n:4222", null);
        assertThat(none.args("worker")).isEqualTo(List.of("--nats-url=nats://n:4222", "--subject-prefix=imager"));
        assertThat(none.env("worker")).isEmpty();
    }

    @Test
    void anUnknownTypeOrAMissingSecretIsRefused() {
        assertThatThrownBy(() -> of("jwt", false)).hasMessageContaining("password, creds, token, none");
        assertThatThrownBy(() -> new NatsAccess("nats://n:4222", null, "password", "", null, null, null, false, "",
                "", "", "")).hasMessage("--nats-auth-secret: is required with --nats-auth=password");
    }
}
