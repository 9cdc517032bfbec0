package dev.imager.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubjectsTest {

    @Test
    void defaultSubjectsMatchTheDocumentedNames() {
        Subjects s = Subjects.defaults();
        assertThat(s.jobs()).isEqualTo("imager.jobs");
        assertThat(s.workerQueueGroup()).isEqualTo("imager-workers");
        assertThat(s.results("coord-1")).isEqualTo("imager.results.coord-1");
        assertThat(s.heartbeat("w-1")).isEqualTo("imager.heartbeat.w-1");
        assertThat(s.allHeartbeats()).isEqualTo("imager.heartbeat.*");
        assertThat(s.control()).isEqualTo("imager.control");
        assertThat(s.status()).isEqualTo("imager.status");
        assertThat(s.everything()).isEqualTo("imager.>");
    }

    @Test
    void aPrefixMovesEverySubjectAndTheQueueGroup() {
        Subjects s = Subjects.withPrefix("team-a.load");
        assertThat(s.jobs()).isEqualTo("team-a.load.jobs");
        assertThat(s.workerQueueGroup()).isEqualTo("team-a-load-workers");
        assertThat(s.heartbeat("w")).isEqualTo("team-a.load.heartbeat.w");
    }

    @Test
    void rejectsPrefixesAndIdsThatWouldBreakSubjects() {
        for (String bad : new String[] {"", "a..b", "a.*", "a b", ">", ".a", "a."}) {
            assertThatThrownBy(() -> Subjects.withPrefix(bad)).as("prefix '%s'", bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix");
        }
        assertThatThrownBy(() -> Subjects.defaults().heartbeat("host.with.dots"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workerId");
        assertThatThrownBy(() -> Subjects.defaults().results(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("coordinatorId");
    }
}
