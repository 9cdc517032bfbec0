package dev.imager.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NatsSettingsTest {

    private static final NatsSettings BROKEN = NatsSettings.of("http://127.0.0.1")
            .withUserPassword("u", null).withToken("t")
            .withTls(false, null, Path.of("/nonexistent/nats-client.pem"), null)
            .withConnectTimeout(Duration.ofSeconds(-1));

    @Test
    void problemsNameTheFlags() {
        assertThat(BROKEN.problems()).containsExactly(
                "--nats-url: 'http://127.0.0.1' is not a NATS URL like nats://host:4222",
                "--nats-user, --nats-token, --nats-creds: choose one authentication method",
                "--nats-user: needs --nats-password",
                "--nats-tls-cert: cannot read file /nonexistent/nats-client.pem",
                "--nats-tls-cert, --nats-tls-key: give both or neither",
                "--nats-connect-timeout: must be >= 0");
        assertThat(NatsSettings.of("nats://127.0.0.1:4222").problems()).isEmpty();
        assertThat(NatsSettings.of("").withUserPassword(null, "p").problems()).containsExactly(
                "--nats-url: at least one server URL is required",
                "--nats-password: needs --nats-user");
    }

    @Test
    void subjectPrefixIsPartOfTheSettings() {
        assertThat(NatsSettings.of("nats://127.0.0.1:4222").subjects().jobs()).isEqualTo("imager.jobs");
        assertThat(NatsSettings.of("nats://127.0.0.1:4222").withSubjectPrefix("team.imager").subjects().jobs())
                .isEqualTo("team.imager.jobs");
        assertThat(NatsSettings.of("nats://127.0.0.1:4222").withSubjectPrefix("a..b").problems()).containsExactly(
                "--subject-prefix: must be dot-separated tokens without spaces, '*' or '>' (e.g. imager or "
                        + "team-a.imager), got \"a..b\"");
    }

    @Test
    void toStringNeverPrintsSecrets() {
        String text = NatsSettings.of("nats://n:4222").withUserPassword("user1", "hunter2").toString()
                + NatsSettings.of("nats://n:4222").withToken("tok3n");
        assertThat(text).doesNotContain("hunter2").doesNotContain("tok3n").contains("user=user1").contains("***");
    }

    @Test
    void withAuthSetsEveryMethodGivenAndLeavesAbsentOnesNull() {
        NatsSettings base = NatsSettings.of("nats://127.0.0.1:4222");
        NatsSettings all = base.withAuth("u", "p", "t", Path.of("x.creds"));
        assertThat(all).isEqualTo(base.withUserPassword("u", "p").withToken("t").withCredentialsFile(Path.of("x.creds")));
        assertThat(base.withAuth(null, null, "t", null)).isEqualTo(base.withToken("t"));
        assertThat(base.withAuth(null, null, null, null)).isEqualTo(base);
        assertThat(all.withAuth(null, null, null, null)).isEqualTo(base);
    }
}
