package dev.imager.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.ledger.CompletedRound;
import dev.imager.coordinator.testing.LocalSumRun;
import dev.imager.coordinator.testing.RecordingListener;
import dev.imager.protocol.Subjects;
import dev.imager.protocol.codec.MessageCodec;
import dev.imager.protocol.codec.MessageDecodeException;
import dev.imager.protocol.message.Job;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code -job-duration} end to end in local mode, against sumservice on loopback: it is the span over which each
 * round's requests are planned, read off the jobs on the bus, while every round still holds rate × interval
 * requests and every one of them is answered.
 */
class JobDurationIT {

    private static LocalSumRun target;

    @BeforeAll
    static void start() throws Exception {
        target = LocalSumRun.start();
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    /** A run of 3 rounds at 40 rps with {@code jobDuration}, the jobs it published, and what it counted. */
    private record Observed(FinishedRun finished, List<Job> jobs, List<CompletedRound> rounds) {
    }

    private static Observed run(String jobDuration) {
        List<Job> jobs = new CopyOnWriteArrayList<>();
        MessageCodec codec = new MessageCodec();
        RecordingListener listener = new RecordingListener();
        FinishedRun finished = target.run(listener,
                bus -> bus.subscribe(Subjects.defaults().jobs(), message -> jobs.add(decode(codec, message.payload()))),
                "-load-calculator", "step", "-min-rps", "40", "-max-rps", "40", "--duration", "3s",
                "-job-duration", jobDuration);
        return new Observed(finished, List.copyOf(jobs), List.copyOf(listener.rounds));
    }

    private static Job decode(MessageCodec codec, byte[] payload) {
        try {
            return codec.decode(payload, Job.class);
        } catch (MessageDecodeException e) {
            throw new AssertionError("the coordinator published an undecodable job", e);
        }
    }

    private static long requestsIn(List<Job> jobs) {
        return jobs.stream().mapToLong(Job::size).sum();
    }

    @Test
    void aShortJobDurationBunchesEachRoundAtItsStartWithTheSameCount() {
        long before = target.answered();

        Observed o = run("250ms");

        assertThat(o.rounds()).extracting(CompletedRound::planned).containsExactly(40L, 40L, 40L);
        assertThat(requestsIn(o.jobs())).isEqualTo(120);
        // Offsets are sorted: the last is the latest.
        assertThat(o.jobs()).allSatisfy(job ->
                assertThat(job.offsetMicros(job.size() - 1)).as(job.jobId()).isLessThan(250_000));
        assertThat(o.finished().totals().stats().outcomes().ok()).isEqualTo(120);
        assertThat(target.answered() - before).isEqualTo(120);
    }

    @Test
    void aLongJobDurationLetsRoundsOverlapAndLosesNothing() {
        long before = target.answered();

        Observed o = run("2500ms");

        assertThat(o.rounds()).extracting(CompletedRound::planned).containsExactly(40L, 40L, 40L);
        // Each round reaches past the next one's start: the rounds overlap.
        assertThat(o.jobs()).allSatisfy(job ->
                assertThat(job.offsetMicros(job.size() - 1)).as(job.jobId()).isBetween(2_000_000L, 2_499_999L));
        assertThat(o.finished().totals().lost()).isZero();
        assertThat(o.finished().totals().stats().outcomes().ok()).isEqualTo(120);
        assertThat(target.answered() - before).isEqualTo(120);
    }
}
