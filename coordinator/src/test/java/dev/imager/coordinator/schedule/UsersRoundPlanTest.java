package dev.imager.coordinator.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imager.coordinator.config.Arrival;
import dev.imager.protocol.message.RequestSpec;
import dev.imager.protocol.message.UsersJob;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How a closed-model round's users are split into users jobs. */
class UsersRoundPlanTest {

    private final RoundPlanner planner = new RoundPlanner(JobIds.withKey("run", "test key"), 1_000_000_000L, 2_000,
            2_000, Arrival.UNIFORM, 42);

    @Test
    void oneJobPerCapableWorkerMoreOnlyBeyondTheLargestJobNeverMoreThanTheUsers() {
        assertThat(RoundPlanner.usersJobCount(0, 3)).isZero();            // no users, no job
        assertThat(RoundPlanner.usersJobCount(10, 3)).isEqualTo(3);       // one per worker
        assertThat(RoundPlanner.usersJobCount(2, 3)).isEqualTo(2);        // never an empty job
        assertThat(RoundPlanner.usersJobCount(5, 0)).isEqualTo(1);        // at least one
        assertThat(RoundPlanner.usersJobCount(25_000, 2)).isEqualTo(3);   // no job above 10,000 users
        assertThat(RoundPlanner.usersJobCount(1_000_000, 4)).isEqualTo(100);
    }

    @Test
    void theJobsHoldEveryUserOnceEachWithATemplatePerUser() {
        AtomicInteger drawn = new AtomicInteger();
        List<UsersJob> jobs = planner.planUsers(7, 1_764_000_000_000_000_000L, 1_000_000, 10, 3, 250_000,
                List.of("http://127.0.0.1:8080"), () -> RequestSpec.get("/n" + drawn.getAndIncrement(), ""));

        assertThat(jobs).extracting(UsersJob::users).containsExactly(4, 3, 3);
        assertThat(jobs).allSatisfy(j -> {
            assertThat(j.round()).isEqualTo(7);
            assertThat(j.requests()).hasSize(j.users());
            assertThat(j.thinkTimeMicros()).isEqualTo(250_000);
            assertThat(j.spanMicros()).isEqualTo(1_000_000);
            assertThat(j.jobId()).isEqualTo(planner.jobId(7, jobs.indexOf(j)));
        });
        assertThat(drawn.get()).isEqualTo(10);
        assertThatThrownBy(() -> planner.planUsers(7, 1, 1, 2, 3, 0, List.of("http://h"), () -> RequestSpec.get("/", "")))
                .hasMessage("cannot split 2 users into 3 jobs");
    }
}
