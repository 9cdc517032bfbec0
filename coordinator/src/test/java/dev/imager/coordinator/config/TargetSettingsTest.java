package dev.imager.coordinator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TargetSettingsTest {

    @Test
    void emptySchemeMeansHttp() {
        assertThat(Sections.pod("ns", "d", "http", "").effectiveScheme()).isEqualTo("http");
        assertThat(new TargetSettings(TargetMode.POD, "", "ns", "d", "", "http", null, true, "", Duration.ofSeconds(5))
                .effectiveScheme()).isEqualTo("http");
        assertThat(Sections.pod("ns", "d", "http", "HTTPS").effectiveScheme()).isEqualTo("https");
    }

    @Test
    void reportsEveryProblemAtOnceNamingFlags() {
        TargetSettings s = Sections.target("-target-namespace=", "-target-port-name=", "-target-scheme=gopher",
                "-metrics-poll-interval=0s");

        assertThat(s.problems()).containsExactly(
                "-target-namespace: is required in pod mode",
                "-target-deployment: is required in pod mode",
                "-target-scheme: must be http or https (empty = http), got \"gopher\"",
                "-metrics-poll-interval: must be > 0, got 0s");
    }

    @Test
    void serviceModeNeedsAService() {
        assertThat(Sections.service("ns", "", "http", "").problems())
                .containsExactly("-target-service: is required in service mode");
        assertThat(Sections.service("ns", "svc", "", "").problems()).isEmpty();
    }

    @Test
    void urlModeTakesWhatEveryWorkerTakes() {
        // A query is the target's own (sent before each request's); user info would never be sent.
        assertThat(Sections.url("http://127.0.0.1:8080/api?tenant=a").problems()).isEmpty();
        assertThat(Sections.url("http://u:p@127.0.0.1/").problems()).containsExactly("-target-url: must not contain "
                + "user info (user:password@); send credentials in a request header, got \"http://u:p@127.0.0.1/\"");
    }
}
