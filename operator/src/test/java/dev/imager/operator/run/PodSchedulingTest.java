package dev.imager.operator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import org.junit.jupiter.api.Test;

class PodSchedulingTest {

    @Test
    void blankIsAnywhere() {
        assertThat(PodScheduling.parse("", "--worker-scheduling")).isEqualTo(PodScheduling.NONE);
        assertThat(PodScheduling.parse("  ", "--worker-scheduling")).isEqualTo(PodScheduling.NONE);
        PodSpecBuilder pod = new PodSpecBuilder();
        PodScheduling.NONE.applyTo(pod);
        assertThat(pod.build().getNodeSelector()).isNullOrEmpty();
        assertThat(pod.build().getAffinity()).isNull();
    }

    @Test
    void theRulesLandOnThePod() {
        PodScheduling s = PodScheduling.parse("{\"nodeSelector\":{\"pool\":\"load\"},\"tolerations\":[{\"key\":\"k\","
                + "\"operator\":\"Exists\",\"effect\":\"NoSchedule\"}],\"affinity\":{\"nodeAffinity\":{}}}",
                "--worker-scheduling");
        PodSpecBuilder pod = new PodSpecBuilder();
        s.applyTo(pod);
        assertThat(pod.build().getNodeSelector()).containsEntry("pool", "load");
        assertThat(pod.build().getTolerations()).singleElement().satisfies(t -> assertThat(t.getOperator())
                .isEqualTo("Exists"));
        assertThat(pod.build().getAffinity().getNodeAffinity()).isNotNull();
    }

    @Test
    void badValuesNameTheFlag() {
        assertThatThrownBy(() -> PodScheduling.parse("{\"nodeSelecter\":{}}", "--worker-scheduling"))
                .hasMessageStartingWith("--worker-scheduling: not {").hasMessageContaining("nodeSelecter");
        assertThatThrownBy(() -> PodScheduling.parse("{\"tolerations\": 3}", "--coordinator-scheduling"))
                .hasMessageStartingWith("--coordinator-scheduling: not {");
        assertThatThrownBy(() -> PodScheduling.parse("[", "--worker-scheduling"))
                .hasMessageStartingWith("--worker-scheduling: not {");
        String huge = "{\"nodeSelector\":{\"k\":\"" + "x".repeat(PodScheduling.MAX_JSON_BYTES) + "\"}}";
        assertThatThrownBy(() -> PodScheduling.parse(huge, "--worker-scheduling"))
                .hasMessage("--worker-scheduling: over " + PodScheduling.MAX_JSON_BYTES + " bytes");
    }
}
