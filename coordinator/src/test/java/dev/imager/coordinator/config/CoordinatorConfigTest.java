package dev.imager.coordinator.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.protocol.transport.NatsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CoordinatorConfigTest {

    private static CoordinatorConfig base() {
        return CoordinatorConfig.defaults().withTarget(Sections.target("-target-deployment=app"))
                .withRun(Sections.run("--coordinator-id=c1"));
    }

    @Test
    void defaultsNeedOnlyADeployment() {
        assertThat(CoordinatorConfig.defaults().problems()).containsExactly("-target-deployment: is required in pod mode");
        assertThat(base().problems()).isEmpty();
    }

    @Test
    void theFlagsDefaultsAreTheSectionsDefaults() {
        assertThat(Sections.target()).isEqualTo(TargetSettings.DEFAULTS);
        assertThat(Sections.load()).isEqualTo(LoadSettings.DEFAULTS);
        assertThat(Sections.requests()).isEqualTo(RequestSettings.DEFAULTS);
        RunSettings run = RunSettings.defaults();
        assertThat(Sections.run("--coordinator-id=" + run.coordinatorId())).isEqualTo(run);
    }

    @Test
    void withersReplaceOneSection() {
        CoordinatorConfig c = base();
        LoadSettings load = Sections.load("-min-rps=3", "-max-rps=9", "-step-rps=2");
        CoordinatorConfig changed = c.withLoad(load).withRun(Sections.run("--coordinator-id=c1", "--seed=7"));
        assertThat(changed.load()).isSameAs(load);
        assertThat(List.of(load.minRps(), load.maxRps(), load.stepRps())).containsExactly(3L, 9L, 2L);
        assertThat(changed.target()).isEqualTo(c.target());
        assertThat(changed.requests()).isEqualTo(c.requests());
        assertThat(changed.nats()).isEqualTo(c.nats());
        assertThat(changed.output()).isEqualTo(c.output());
        assertThat(changed.run().seed()).isEqualTo(OptionalLong.of(7));
        assertThat(changed.run().coordinatorId()).isEqualTo("c1");
        assertThat(changed.withLoad(c.load()).withRun(c.run())).isEqualTo(c);
    }

    @Test
    void natsSettingsCarryEveryNatsFlag() {
        CoordinatorConfig c = base().withNats(NatsSettings.of("nats://a:4222,nats://b:4222").withUserPassword("u", "p")
                .withTls(true, Path.of("ca.pem"), Path.of("c.pem"), Path.of("k.pem"))
                .withConnectTimeout(Duration.ofSeconds(9)));
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
        NatsSettings defaults = base().nats();
        assertThat(base().withNats(defaults.withToken("t")).natsSettings().token()).isEqualTo("t");
        NatsSettings creds = base().withNats(defaults.withCredentialsFile(Path.of("x.creds"))).natsSettings();
        assertThat(creds.credentialsFile()).isEqualTo(Path.of("x.creds"));
        assertThat(creds.user()).isNull();
        assertThat(base().natsSettings().tlsRequired()).isFalse();
    }

    @Test
    void subjectsUseThePrefix() {
        assertThat(base().withNats(base().nats().withSubjectPrefix("team.imager")).subjects().jobs())
                .isEqualTo("team.imager.jobs");
    }

    @Test
    void toStringNeverPrintsSecrets() {
        String text = base().withNats(base().nats().withUserPassword("user1", "hunter2")).toString()
                + base().withNats(base().nats().withToken("tok3n"));
        assertThat(text).doesNotContain("hunter2").doesNotContain("tok3n").contains("user=user1").contains("***");
    }

    @Test
    void localModeSkipsNatsChecks() {
        CoordinatorConfig c = base().withRun(Sections.run("--local-workers=1"))
                .withNats(NatsSettings.of("").withSubjectPrefix("bad prefix"));
        assertThat(c.localMode()).isTrue();
        assertThat(c.problems()).isEmpty();
    }

    @Test
    void programmaticConfigsAreValidatedToo() {
        LoadSettings load = Sections.load("--max-job-size=-1", "--plan-ahead=-1s");
        CoordinatorConfig c = base().withTarget(Sections.url("localhost:8080")).withLoad(load);
        assertThat(c.problems()).containsExactly(
                "-target-url: must be an absolute http:// or https:// URL with a host, e.g. "
                        + "http://localhost:8080, got \"localhost:8080\"",
                "--max-job-size: must be within 1..100000 (the most requests a worker takes in one job), got -1",
                "--plan-ahead: must be >= 0, got -1s");
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
