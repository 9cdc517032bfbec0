package dev.imager.coordinator.schedule;

import dev.imager.protocol.message.Job;
import java.util.List;

/**
 * One round, ready to publish.
 *
 * @param round round number
 * @param rate planned rate (rps)
 * @param startEpochNanos planned start
 * @param jobs the jobs; their requests interleave so that each spans the whole round and together they are
 *     exactly the round's arrival process
 */
public record RoundPlan(long round, double rate, long startEpochNanos, List<Job> jobs) {

    /** Requests in the round. */
    public long requests() {
        return jobs.stream().mapToLong(Job::size).sum();
    }
}
