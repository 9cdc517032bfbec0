package dev.imager.operator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgramTuningTest {

    /** What the operator sets for a worker with password authentication (RunObjects.workerFlagsSetPerRun). */
    private static final List<String> SET = List.of("--nats-url=nats://nats:4222", "--subject-prefix=imager",
            "--nats-user=imager-worker", "--allowed-targets", "--metrics-port");

    @Test
    void parsesAListOfFlagsAndTheJvmOptions() {
        ProgramTuning tuning = ProgramTuning.parse("[\"--max-inflight=5000\", \"-cpu-pinning=off\"]", "--worker-args",
                " -Xmx300m ", SET);
        assertThat(tuning.args()).containsExactly("--max-inflight=5000", "-cpu-pinning=off");
        assertThat(tuning.env()).singleElement().satisfies(e -> {
            assertThat(e.getName()).isEqualTo("JAVA_OPTS");
            assertThat(e.getValue()).isEqualTo("-Xmx300m");
        });
        assertThat(ProgramTuning.parse("", "--worker-args", "", SET)).isEqualTo(ProgramTuning.NONE);
        assertThat(ProgramTuning.parse("[]", "--worker-args", null, SET).env()).isEmpty();
    }

    @Test
    void refusesWhatIsNotAListOfFlagsNamingTheFlag() {
        assertThatThrownBy(() -> ProgramTuning.parse("--max-inflight=5", "--worker-args", "", SET))
                .hasMessageStartingWith("--worker-args: not a JSON list of flags");
        assertThatThrownBy(() -> ProgramTuning.parse("[\"max-inflight=5\"]", "--worker-args", "", SET))
                .hasMessage("--worker-args: 'max-inflight=5' is not a flag (write --name=value, one element per flag)");
        assertThatThrownBy(() -> ProgramTuning.parse("[null]", "--worker-args", "", SET))
                .hasMessageStartingWith("--worker-args: null is not a flag");
        assertThatThrownBy(() -> ProgramTuning.parse("[\"" + "x".repeat(ProgramTuning.MAX_JSON_BYTES) + "\"]",
                "--worker-args", "", SET)).hasMessage("--worker-args: over 65536 bytes");
    }

    @Test
    void knowsTheWorkersDrainTimeoutForTheGracePeriod() {
        assertThat(ProgramTuning.NONE.drainTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(ProgramTuning.parse("[\"--drain-timeout=45s\", \"-drain-timeout=1m\"]", "--worker-args", "", SET)
                .drainTimeout()).as("the last one given").isEqualTo(Duration.ofMinutes(1));
        assertThat(RunObjects.workerGraceSeconds(ProgramTuning.NONE)).as("20 s + 2 s + 18 s").isEqualTo(40);
        assertThatThrownBy(() -> ProgramTuning.parse("[\"--drain-timeout=soon\"]", "--worker-args", "", SET))
                .hasMessageStartingWith("--worker-args: --drain-timeout=soon: ");
    }

    @Test
    void refusesTheFlagsTheOperatorSetsInEveryRun() {
        assertThat(ProgramTuning.parse("[\"--nats-connect-timeout=30s\"]", "--worker-args", "", SET).args())
                .as("a NATS flag the operator does not set").containsExactly("--nats-connect-timeout=30s");
        for (String flag : List.of("--nats-url=nats://elsewhere:4222", "-nats-user=x", "--subject-prefix=other",
                "--allowed-targets=*", "-metrics-port=1", "--NATS-URL=nats://x:1")) {
            assertThatThrownBy(() -> ProgramTuning.parse("[\"" + flag + "\"]", "--worker-args", "", SET))
                    .as(flag).hasMessage("--worker-args: " + flag.split("=")[0] + " is set by the operator for every run "
                            + "(from its own flags); it cannot be given again");
        }
    }
}
