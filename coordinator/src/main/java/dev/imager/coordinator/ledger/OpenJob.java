package dev.imager.coordinator.ledger;

import dev.imager.coordinator.inbox.MessageRefusal;
import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.message.RequestStats;
import java.util.Optional;

/**
 * A job the ledger waits for, and what it takes for a delta to count towards it: the job is this coordinator's
 * and open, the delta comes from the worker that acknowledged the job, it is the next in sequence (each counted
 * once; an earlier sequence number is a duplicate, as a delta sent again after a reconnect would be), it counts no
 * more outcomes than the job has requests left, and its statistics are consistent ({@link StatsConsistency}).
 * A refused delta changes nothing, so a forged one cannot displace the real one that follows. What is wrong with a
 * delta on its own (inconsistent statistics, more outcomes than the whole job) is found before its place in the
 * sequence, so it is refused for that whenever it comes. Control thread only.
 */
final class OpenJob {

    /** {@link #publishedNanos} of a job not yet handed to the bus. */
    static final long UNSENT = Long.MIN_VALUE;

    final String jobId;
    final OpenRound round;
    final int requests;
    /** A closed-model job: {@link #requests} is only a bound, and how many it sent is known from its results. */
    final boolean usersJob;
    long deadlineNanos;
    long publishedNanos;
    /** The worker that acknowledged the job; null until then. */
    String workerId;
    /** Outcomes counted so far. */
    long counted;
    private int nextSeq;
    private long dropped;
    private long sendLags;
    private long serviceTimes;
    /** Why the last refused delta was refused, for the log line. */
    private String refusalDetail = "";

    OpenJob(String jobId, OpenRound round, int requests, long publishedNanos, long deadlineNanos) {
        this(jobId, round, requests, false, publishedNanos, deadlineNanos);
    }

    /** A closed-model job: as many requests as its users start, up to {@link #USERS_JOB_BOUND}. */
    static OpenJob ofUsers(String jobId, OpenRound round, long deadlineNanos) {
        return new OpenJob(jobId, round, USERS_JOB_BOUND, true, UNSENT, deadlineNanos);
    }

    /** Most outcomes a closed-model job may report (a bound on a forged or broken peer, not a plan). */
    static final int USERS_JOB_BOUND = Integer.MAX_VALUE;

    private OpenJob(String jobId, OpenRound round, int requests, boolean usersJob, long publishedNanos,
            long deadlineNanos) {
        this.usersJob = usersJob;
        this.jobId = jobId;
        this.round = round;
        this.requests = requests;
        this.publishedNanos = publishedNanos;
        this.deadlineNanos = deadlineNanos;
    }

    /** Why {@code result} cannot count towards this job, if it cannot; {@link #refusalDetail()} says more. */
    Optional<MessageRefusal> check(JobResult result) {
        if (result.round() != round.round) {
            return refuse(MessageRefusal.UNKNOWN_JOB, "round " + result.round() + ", but the job is of round "
                    + round.round);
        }
        if (workerId == null) {
            return refuse(MessageRefusal.NOT_ACKNOWLEDGED, "no worker acknowledged the job yet");
        }
        if (!workerId.equals(result.workerId())) {
            return refuse(MessageRefusal.WRONG_WORKER, "the job was acknowledged by " + workerId);
        }
        // What is wrong with a delta whatever came before it, first: so it is refused for that, in any order.
        RequestStats stats = result.stats();
        Optional<String> problem = StatsConsistency.problem(stats);
        if (problem.isPresent()) {
            return refuse(MessageRefusal.INCONSISTENT_STATS, problem.get());
        }
        long outcomes = stats.outcomes().total();
        if (outcomes > requests) {
            return refuse(MessageRefusal.OVER_COUNT, outcomes + " outcomes for a job of " + requests + " requests");
        }
        if (result.seq() < nextSeq) {
            return refuse(MessageRefusal.DUPLICATE, "seq " + result.seq() + " was counted already");
        }
        if (result.seq() > nextSeq) {
            return refuse(MessageRefusal.OUT_OF_ORDER, "seq " + result.seq() + ", expected " + nextSeq);
        }
        if (outcomes > requests - counted) {
            return refuse(MessageRefusal.OVER_COUNT, outcomes + " outcomes, but " + (requests - counted)
                    + " of the job's " + requests + " requests are left");
        }
        problem = StatsConsistency.cumulativeProblem(requests, dropped + stats.outcomes().dropped(),
                sendLags + stats.sendLag().count(), serviceTimes + stats.serviceTime().count());
        if (problem.isPresent()) {
            return refuse(MessageRefusal.INCONSISTENT_STATS, problem.get());
        }
        return Optional.empty();
    }

    /** Counts a delta that passed {@link #check}. */
    void count(JobResult result) {
        RequestStats stats = result.stats();
        nextSeq++;
        counted += stats.outcomes().total();
        dropped += stats.outcomes().dropped();
        sendLags += stats.sendLag().count();
        serviceTimes += stats.serviceTime().count();
    }

    /**
     * Requests of the job that were never sent when it ends without a worker (never delivered, or refused): the rest
     * of an open-model job; none of a closed-model job, whose users never started.
     */
    long unsent() {
        return usersJob ? 0 : requests - counted;
    }

    /**
     * Requests of the job whose outcome will never be reported when its worker stops reporting: the rest of an
     * open-model job; of a closed-model job, those its worker reported written and not yet ended (requests its users
     * started after the last delta cannot be known, so this is a lower bound).
     */
    long unreported() {
        return usersJob ? Math.max(0, sendLags - serviceTimes) : requests - counted;
    }

    String refusalDetail() {
        return refusalDetail;
    }

    private Optional<MessageRefusal> refuse(MessageRefusal reason, String detail) {
        refusalDetail = detail;
        return Optional.of(reason);
    }
}
