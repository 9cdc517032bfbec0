package dev.imager.coordinator.deploy;

import static dev.imager.coordinator.deploy.ChartValueSets.DEFAULTS;
import static dev.imager.coordinator.deploy.ChartValueSets.EXTERNAL_NATS;
import static dev.imager.coordinator.deploy.ChartValueSets.EXTERNAL_NATS_OPEN;
import static dev.imager.coordinator.deploy.ChartValueSets.JOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * NOTES.txt, what `helm install` prints: how to follow and watch the run, how NATS is secured and where the
 * workers may send. helm template does not render NOTES.txt, so a copy of the chart renders it through tpl in a
 * ConfigMap.
 */
class HelmNotesIT {

    @RegisterExtension
    static final PreparedChart CHART = new PreparedChart();
    static Path copy;

    @BeforeAll
    static void chartRenderingItsNotes() throws IOException, URISyntaxException {
        copy = ImagerChart.copy(Files.createTempDirectory(CHART.scratch(), "notes"));
        Files.copy(copy.resolve("templates/NOTES.txt"), copy.resolve("notes-under-test.txt"));
        Files.writeString(copy.resolve("templates/notes-under-test.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: notes-under-test
                data:
                  NOTES.txt: {{ tpl (.Files.Get "notes-under-test.txt") . | quote }}
                """);
    }

    private static Manifests render(String values) throws IOException {
        ImagerChart chart = CHART.chart();
        return Manifests.parse(chart.helm().template(copy, "imager", "imager", chart.values(values)), "notes");
    }

    private static String notes(Manifests m) {
        return m.get(ConfigMap.class, "notes-under-test").getData().get("NOTES.txt");
    }

    @Test
    void notesSayHowToWatchTheRunAndHowItIsSecured() throws IOException {
        Manifests m = render(DEFAULTS);
        assertThat(notes(m)).contains(
                "kubectl -n imager logs -f deploy/imager-coordinator",
                "kubectl -n imager exec -it deploy/imager-nats-box -- nats sub 'imager.>'",
                "kubectl -n imager exec -it deploy/imager-nats-box -- nats req imager.status ''",
                "nats-box connects as the watcher",
                "kubectl -n imager get secret imager-nats-auth -o jsonpath='{.data.watcher-password}' | base64 -d",
                "password from Secret imager-nats-auth",
                "Workers send only to: 10.0.0.0/8:8080, 172.16.0.0/12:8080, 192.168.0.0/16:8080",
                "kubectl -n imager port-forward svc/imager-coordinator 8099:8099",
                "curl -s localhost:8099/status",
                "capacity 200 rps per pod");
        // The nats-box it names is the one the NATS chart deploys, the Secret the one the chart makes.
        assertThat(m.find(Deployment.class, "imager-nats-box")).isPresent();
        assertThat(m.docs()).anySatisfy(d -> assertThat(d.toString()).startsWith("Secret/imager-nats-auth"));

        String jobNotes = notes(render(JOB + EXTERNAL_NATS));
        assertThat(jobNotes).contains("kubectl -n imager logs -f job/imager-coordinator-1",
                "your own NATS, natsAuth.type=password",
                "nats --server nats://nats.messaging.svc:4222 sub 'team-a.imager.>'",
                "nats --server nats://nats.messaging.svc:4222 req team-a.imager.status ''")
                .doesNotContain("NO AUTHENTICATION");
        assertThat(notes(render(EXTERNAL_NATS_OPEN))).contains("NO AUTHENTICATION - whoever reaches it controls the workers");
    }
}
