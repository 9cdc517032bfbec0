package dev.imager.coordinator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TargetSettingsTest {

    @Test
    void emptySchemeMeansHttp() {
        assertThat(TargetSettings.forPod("ns", "d", "http", "").effectiveScheme()).isEqualTo("http");
        assertThat(TargetSettings.forPod("ns", "d", "http", null).effectiveScheme()).isEqualTo("http");
        assertThat(TargetSettings.forPod("ns", "d", "http", "HTTPS").effectiveScheme()).isEqualTo("https");
    }

    @Test
    void reportsEveryProblemAtOnceNamingFlags() {
        TargetSettings s = new TargetSettings(TargetMode.POD, "", "", "", "", "", "gopher", true, "", Duration.ZERO);

        assertThat(s.problems()).containsExactly(
                "-target-namespace: is required in pod mode",
                "-target-deployment: is required in pod mode",
                "-target-scheme: must be http or https (empty = http), got \"gopher\"",
                "-metrics-poll-interval: must be > 0, got 0s");
    }

    @Test
    void serviceModeNeedsAService() {
        assertThat(TargetSettings.forService("ns", "", "http", "").problems())
                .containsExactly("-target-service: is required in service mode");
        assertThat(TargetSettings.forService("ns", "svc", "", "").problems()).isEmpty();
    }
}
