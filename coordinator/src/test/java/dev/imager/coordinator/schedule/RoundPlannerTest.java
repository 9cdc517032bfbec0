package dev.imager.coordinator.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imager.coordinator.config.Arrival;
import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.RequestSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RoundPlannerTest {

    private static final long SECOND = 1_000_000_000L;
    /** The run's ids under a fixed key, so plans are reproducible. */
    private static final JobIds IDS = JobIds.withKey("run", "test key");

    private static Supplier<RequestSpec> numbered() {
        AtomicInteger i = new AtomicInteger();
        return () -> RequestSpec.get("/r", "i=" + i.getAndIncrement());
    }

    private static RoundPlanner planner(int maxJobSize, Arrival arrival) {
        return new RoundPlanner(IDS, SECOND, maxJobSize, 2_000, arrival, 42);
    }

    @Test
    void jobCountFollowsWorkersAndMaximumJobSize() {
        RoundPlanner p = planner(100, Arrival.UNIFORM);
        // requests, live workers -> jobs
        assertThat(p.jobCount(0, 5)).isZero();           // nothing to send
        assertThat(p.jobCount(50, 4)).isEqualTo(4);      // one job per worker
        assertThat(p.jobCount(3, 10)).isEqualTo(3);      // never more jobs than requests
        assertThat(p.jobCount(1_000, 2)).isEqualTo(10);  // size cap: 1000 / 100
        assertThat(p.jobCount(50, 0)).isEqualTo(1);      // (the run loop does not plan without workers)
    }

    @Test
    void everyJobCarriesTheRunsHttpVersionAndRedirectLimit() {
        RoundPlanner planner = new RoundPlanner(IDS, SECOND, 10, 2_000, Arrival.UNIFORM, 42,
                dev.imager.protocol.message.HttpVersionChoice.HTTP_2, 0);
        List<Job> plan = planner.plan(0, 1_000, 25, planner.jobCount(25, 1), List.of("http://t"), numbered());

        assertThat(plan).hasSize(3).allSatisfy(job -> {
            assertThat(job.httpVersion()).isEqualTo(dev.imager.protocol.message.HttpVersionChoice.HTTP_2);
            assertThat(job.maxRedirects()).isZero();
        });
        assertThat(planner(10, Arrival.UNIFORM).plan(0, 1_000, 1, 1, List.of("http://t"), numbered()).get(0))
                .extracting(Job::httpVersion, Job::maxRedirects)
                .containsExactly(dev.imager.protocol.message.HttpVersionChoice.AUTO, 10);
    }

    @Test
    void jobsInterleaveSoTheirUnionIsExactlyTheRound() {
        RoundPlanner planner = planner(100, Arrival.UNIFORM);
        int jobs = planner.jobCount(250, 3); // 3 live workers
        List<Job> plan = planner.plan(7, 1_000, 250, jobs, List.of("http://t"), numbered());

        assertThat(plan).hasSize(3);
        assertThat(plan.stream().mapToLong(Job::size).sum()).isEqualTo(250);
        assertThat(plan).extracting(Job::size).containsExactly(84, 83, 83);
        List<Long> all = new ArrayList<>();
        List<String> queries = new ArrayList<>();
        for (Job job : plan) {
            assertThat(job.round()).isEqualTo(7);
            assertThat(job.startEpochNanos()).isEqualTo(1_000);
            // Every job spans the whole second.
            assertThat(job.offsetMicros(0)).isLessThan(12_000);
            assertThat(job.offsetMicros(job.size() - 1)).isGreaterThan(980_000);
            for (int i = 0; i < job.size(); i++) {
                all.add(job.offsetMicros(i));
                queries.add(job.requests().get(i).queryString());
            }
        }
        all.sort(null);
        long[] expected = ArrivalOffsets.of(Arrival.UNIFORM, 250, 1_000_000, new SplittableRandom(0));
        assertThat(all).containsExactlyElementsOf(Arrays.stream(expected).boxed().toList());
        // Each request spec is used exactly once.
        assertThat(queries).hasSize(250).doesNotHaveDuplicates();
        assertThat(plan).extracting(Job::jobId).allMatch(id -> id.matches("run-r7-j[0-2]-[0-9a-f]{12}"));
        assertThat(plan).extracting(Job::jobId).containsExactly(planner.jobId(7, 0), planner.jobId(7, 1),
                planner.jobId(7, 2));
    }

    @Test
    void jobIdsAreUnguessableWithoutTheRunsKey() {
        JobIds ids = JobIds.withKey("run-1", "one key");
        // Stable for the run (the ledger and the publisher name each job alike) ...
        assertThat(ids.id(3, 1)).isEqualTo(JobIds.withKey("run-1", "one key").id(3, 1));
        // ... but another key, round or job gives another tag, and two runs' keys never coincide.
        assertThat(ids.id(3, 1)).isNotEqualTo(JobIds.withKey("run-1", "another key").id(3, 1));
        assertThat(ids.id(3, 1).substring(ids.id(3, 1).lastIndexOf('-')))
                .isNotEqualTo(ids.id(3, 2).substring(ids.id(3, 2).lastIndexOf('-')));
        assertThat(JobIds.random("run-1").id(0, 0)).isNotEqualTo(JobIds.random("run-1").id(0, 0));
    }

    @Test
    void aShortJobSpanBunchesTheRoundAtItsStart() {
        // -job-duration=250ms in 1 s rounds: the round's 100 requests all fall in its first quarter.
        RoundPlanner planner = new RoundPlanner(IDS, SECOND / 4, 100, 2_000, Arrival.UNIFORM, 42);
        List<Job> plan = planner.plan(0, 1_000, 100, 2, List.of("http://t"), numbered());

        assertThat(plan.stream().mapToLong(Job::size).sum()).isEqualTo(100);
        for (Job job : plan) {
            assertThat(job.offsetMicros(0)).isLessThan(5_000);
            assertThat(job.offsetMicros(job.size() - 1)).isBetween(240_000L, 249_999L);
        }
    }

    @Test
    void aLongJobSpanStretchesTheRoundBeyondItsInterval() {
        // -job-duration=3s: the same requests spread over three intervals (the next rounds overlap them).
        for (Arrival arrival : Arrival.values()) {
            RoundPlanner planner = new RoundPlanner(IDS, 3 * SECOND, 1_000, 2_000, arrival, 42);
            Job job = planner.plan(0, 1_000, 300, 1, List.of("http://t"), numbered()).get(0);

            assertThat(job.size()).as(arrival.flagValue()).isEqualTo(300);
            assertThat(job.offsetMicros(299)).as(arrival.flagValue()).isBetween(2_900_000L, 2_999_999L);
            assertThat(Arrays.stream(job.offsetsMicros()).filter(o -> o >= 1_000_000).count())
                    .as(arrival.flagValue() + ": requests after the first interval").isGreaterThan(150);
        }
    }

    @Test
    void aSpanShorterThanAMicrosecondIsRejected() {
        assertThatThrownBy(() -> new RoundPlanner(IDS, 999, 100, 2_000, Arrival.UNIFORM, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("job span");
    }

    @Test
    void aJobCountThatCannotSplitTheRoundIsRejected() {
        RoundPlanner planner = planner(100, Arrival.UNIFORM);
        assertThatThrownBy(() -> planner.plan(0, 0, 10, 0, List.of("http://t"), numbered()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> planner.plan(0, 0, 10, 11, List.of("http://t"), numbered()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> planner.plan(0, 0, 0, 1, List.of("http://t"), numbered()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void uniformArrivalsAreEvenlySpaced() {
        long[] offsets = ArrivalOffsets.of(Arrival.UNIFORM, 4, 1_000_000, new SplittableRandom(1));
        assertThat(offsets).containsExactly(0, 250_000, 500_000, 750_000);
    }

    @Test
    void poissonArrivalsAreSortedWithinTheRoundAndReproducible() {
        long[] a = ArrivalOffsets.of(Arrival.POISSON, 1_000, 1_000_000, new SplittableRandom(9));
        long[] b = ArrivalOffsets.of(Arrival.POISSON, 1_000, 1_000_000, new SplittableRandom(9));
        assertThat(a).isEqualTo(b).isSorted();
        assertThat(a[0]).isGreaterThanOrEqualTo(0);
        assertThat(a[999]).isLessThan(1_000_000);
        // Independent uniform instants: about half fall in each half of the round.
        long firstHalf = Arrays.stream(a).filter(o -> o < 500_000).count();
        assertThat(firstHalf).isBetween(430L, 570L);
        // ... and gaps are exponential-like: some are far longer than the mean of 1 ms.
        long longGaps = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] - a[i - 1] > 3_000) {
                longGaps++;
            }
        }
        assertThat(longGaps).isGreaterThan(20);
    }
}
