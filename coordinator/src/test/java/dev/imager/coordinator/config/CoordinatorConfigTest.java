package dev.imager.coordinator.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.protocol.transport.NatsSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CoordinatorConfigTest {

    private static CoordinatorConfigBuilder base() {
        return CoordinatorConfig.builder().targetDeployment("app").coordinatorId("c1");
    }

    @Test
    void defaultsNeedOnlyADeployment() {
        assertThat(CoordinatorConfig.defaults().problems()).containsExactly("-target-deployment: is required in pod mode");
        assertThat(base().build().problems()).isEmpty();
    }

    @Test
    void toBuilderRoundTrips() {
        CoordinatorConfig c = base().minRps(3).seed(7).duration(Duration.ofMinutes(1)).natsToken("t").build();
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @Test
    void natsSettingsCarryEveryNatsFlag() {
        CoordinatorConfig c = base().natsUrl("nats://a:4222,nats://b:4222").natsUser("u").natsPassword("p")
                .natsTls(true).natsTlsCa(Path.of("ca.pem")).natsTlsCert(Path.of("c.pem")).natsTlsKey(Path.of("k.pem"))
                .natsConnectTimeout(Duration.ofSeconds(9)).build();
        NatsSettings s = c.natsSettings();
        assertThat(s.serverList()).containsExactly("nats://a:4222", "nats://b:4222");
        assertThat(s.connectionName()).isEqualTo("imager-coordinator-c1");
        assertThat(s.user()).isEqualTo("u");
        assertThat(s.password()).isEqualTo("p");
        assertThat(s.token()).isNull();
        assertThat(s.tls()).isTrue();
        assertThat(s.tlsCaFile()).isEqualTo(Path.of("ca.pem"));
        assertThat(s.tlsCertFile()).isEqualTo(Path.of("c.pem"));
        assertThat(s.tlsKeyFile()).isEqualTo(Path.of("k.pem"));
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void natsSettingsWithTokenOrCreds() {
        assertThat(base().natsToken("t").build().natsSettings().token()).isEqualTo("t");
        NatsSettings creds = base().natsCreds(Path.of("x.creds")).build().natsSettings();
        assertThat(creds.credentialsFile()).isEqualTo(Path.of("x.creds"));
        assertThat(creds.user()).isNull();
        assertThat(base().build().natsSettings().tlsRequired()).isFalse();
    }

    @Test
    void subjectsUseThePrefix() {
        assertThat(base().subjectPrefix("team.imager").build().subjects().jobs()).isEqualTo("team.imager.jobs");
    }

    @Test
    void toStringNeverPrintsSecrets() {
        String text = base().natsUser("user1").natsPassword("hunter2").build().toString()
                + base().natsToken("tok3n").build();
        assertThat(text).doesNotContain("hunter2").doesNotContain("tok3n").contains("natsUser=user1").contains("***");
    }

    @Test
    void localModeSkipsNatsChecks() {
        CoordinatorConfig c = base().localWorkers(1).natsUrl("").subjectPrefix("bad prefix").build();
        assertThat(c.localMode()).isTrue();
        assertThat(c.problems()).isEmpty();
    }

    @Test
    void programmaticConfigsAreValidatedToo() {
        CoordinatorConfig c = base().targetMode(TargetMode.URL).targetUrl("localhost:8080").maxJobSize(-1)
                .planAhead(Duration.ofSeconds(-1)).build();
        assertThat(c.problems()).containsExactly(
                "-target-url: must be an absolute http:// or https:// URL with a host in url mode, e.g. "
                        + "http://localhost:8080, got \"localhost:8080\"",
                "--max-job-size: must be >= 1, got -1",
                "--plan-ahead: must be >= 0, got -1s");
    }

    @Test
    void absoluteHttpUrls() {
        assertThat(ConfigValidator.isAbsoluteHttpUrl("http://localhost:8080")).isTrue();
        assertThat(ConfigValidator.isAbsoluteHttpUrl("HTTPS://api.example.com/base?x=1")).isTrue();
        assertThat(ConfigValidator.isAbsoluteHttpUrl("http://[::1]:80")).isTrue();
        assertThat(ConfigValidator.isAbsoluteHttpUrl("localhost:8080")).isFalse();
        assertThat(ConfigValidator.isAbsoluteHttpUrl("http://exa mple.com")).isFalse();
        assertThat(ConfigValidator.isAbsoluteHttpUrl("http:/x")).isFalse();
    }

    @Test
    void invalidConfigExceptionCarriesEveryProblem() {
        ConfigProblems p = new ConfigProblems();
        p.throwIfAny();
        p.add("-a", "x");
        p.add("--b", "y");
        try {
            p.throwIfAny();
        } catch (InvalidConfigException e) {
            assertThat(e.problems()).containsExactly("-a: x", "--b: y");
            assertThat(e.getMessage()).contains("-a: x").contains("--b: y");
            return;
        }
        throw new AssertionError("expected an exception");
    }
}
