package dev.imager.coordinator.schedule;

import dev.imager.coordinator.config.Arrival;
import dev.imager.protocol.message.HttpVersionChoice;
import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.RequestSpec;
import dev.imager.protocol.message.UsersJob;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Splits a round's requests into jobs. The round's arrival offsets are drawn once, over the job span
 * ({@code -job-duration}); job k of K takes requests k, k+K, k+2K, ... so every job covers the whole span and
 * the union of the jobs is exactly the planned arrival process, whichever workers take which jobs.
 *
 * <p>How many requests a round has is not decided here: the {@link RateIntegrator} gives rate × interval, so
 * the span only moves them in time. A span equal to the interval (the default) is a constant rate; a shorter
 * span bunches each round's requests at its start, as the original's back-to-back jobs did; a longer one lets
 * consecutive rounds overlap, each at a proportionally lower instantaneous rate, so the rate averages the same.
 *
 * <p>K ({@link #jobCount}, decided once per round by the caller) is the number of workers that take jobs (so each can
 * get a share), raised when needed so that no job exceeds {@code maxJobSize} requests (so a job message stays
 * small and many workers can share a large round), and never more than the requests themselves. Pure and
 * deterministic for a given seed.
 */
public final class RoundPlanner {

    private final String runId;
    private final JobIds jobIds;
    private final long spanNanos;
    private final int maxJobSize;
    private final long timeoutMillis;
    private final Arrival arrival;
    private final HttpVersionChoice httpVersion;
    private final int maxRedirects;
    private final SplittableRandom random;

    /**
     * A planner whose jobs ask for the default HTTP version and redirect limit ({@link Job}'s defaults).
     *
     * @param jobIds the run's job ids (and its run id)
     * @param spanNanos the job span ({@code -job-duration}): a round's offsets lie in {@code [0, span)}
     */
    public RoundPlanner(JobIds jobIds, long spanNanos, int maxJobSize, long timeoutMillis, Arrival arrival,
            long seed) {
        this(jobIds, spanNanos, maxJobSize, timeoutMillis, arrival, seed, HttpVersionChoice.AUTO,
                Job.DEFAULT_MAX_REDIRECTS);
    }

    /**
     * @param httpVersion the HTTP version every job asks for
     * @param maxRedirects redirects every job's requests may follow, 0 for none
     */
    public RoundPlanner(JobIds jobIds, long spanNanos, int maxJobSize, long timeoutMillis, Arrival arrival,
            long seed, HttpVersionChoice httpVersion, int maxRedirects) {
        if (maxJobSize < 1) {
            throw new IllegalArgumentException("max job size must be >= 1");
        }
        if (spanNanos < 1_000) {
            throw new IllegalArgumentException("job span must be >= 1 µs, got " + spanNanos + " ns");
        }
        this.runId = jobIds.runId();
        this.jobIds = jobIds;
        this.spanNanos = spanNanos;
        this.maxJobSize = maxJobSize;
        this.timeoutMillis = timeoutMillis;
        this.arrival = arrival;
        this.httpVersion = httpVersion;
        this.maxRedirects = maxRedirects;
        this.random = new SplittableRandom(seed);
    }

    /** Number of jobs a round of {@code requests} is split into for {@code liveWorkers} workers that take jobs. */
    public int jobCount(long requests, int liveWorkers) {
        if (requests == 0) {
            return 0;
        }
        long bySize = (requests + maxJobSize - 1) / maxJobSize;
        return (int) Math.min(requests, Math.max(Math.max(1, liveWorkers), bySize));
    }

    /**
     * Plans round {@code round}: its jobs, whose requests interleave so that each covers the whole span and
     * together they are exactly the round's arrival process.
     *
     * @param requests how many requests (from the {@link RateIntegrator})
     * @param jobs how many jobs to split them into: {@link #jobCount}, decided once by the caller, which
     *     registers the jobs under the same ids and sizes ({@link #jobId}, {@link #jobSize})
     * @param source the next request spec, called {@code requests} times in arrival order
     */
    public List<Job> plan(long round, long startEpochNanos, long requests, int jobs, List<String> targets,
            Supplier<RequestSpec> source) {
        if (requests > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a round of " + requests + " requests is too large");
        }
        if (requests > 0 ? jobs < 1 || jobs > requests : jobs != 0) {
            throw new IllegalArgumentException("cannot split " + requests + " requests into " + jobs + " jobs");
        }
        int n = (int) requests;
        long[] offsets = ArrivalOffsets.of(arrival, n, spanNanos / 1_000, random);
        RequestSpec[] specs = new RequestSpec[n];
        for (int g = 0; g < n; g++) {
            specs[g] = source.get();
        }
        List<Job> planned = new ArrayList<>(jobs);
        for (int j = 0; j < jobs; j++) {
            int size = jobSize(n, jobs, j);
            long[] jobOffsets = new long[size];
            List<RequestSpec> jobSpecs = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                int g = j + i * jobs;
                jobOffsets[i] = offsets[g];
                jobSpecs.add(specs[g]);
            }
            planned.add(new Job(runId, round, jobId(round, j), startEpochNanos, jobOffsets, jobSpecs, targets,
                    timeoutMillis, httpVersion, maxRedirects));
        }
        return planned;
    }

    /**
     * Number of closed-model jobs for {@code users} users and {@code workers} workers that run the closed model: one
     * per worker, more when needed so that no job exceeds {@link UsersJob#MAX_USERS}, never more than the users.
     */
    public static int usersJobCount(long users, int workers) {
        if (users == 0) {
            return 0;
        }
        long bySize = (users + UsersJob.MAX_USERS - 1) / UsersJob.MAX_USERS;
        return (int) Math.min(users, Math.max(Math.max(1, workers), bySize));
    }

    /**
     * Plans round {@code round} of a closed-model run: {@code users} users split into {@code jobs} jobs (job j gets
     * {@link #jobSize}{@code (users, jobs, j)} of them), each running from {@code startEpochNanos} for
     * {@code spanMicros}. Each job carries one request template per user, drawn from {@code source}.
     */
    public List<UsersJob> planUsers(long round, long startEpochNanos, long spanMicros, long users, int jobs,
            long thinkTimeMicros, List<String> targets, Supplier<RequestSpec> source) {
        if (users > 0 ? jobs < 1 || jobs > users : jobs != 0) {
            throw new IllegalArgumentException("cannot split " + users + " users into " + jobs + " jobs");
        }
        List<UsersJob> planned = new ArrayList<>(jobs);
        for (int j = 0; j < jobs; j++) {
            int size = jobSize(users, jobs, j);
            List<RequestSpec> templates = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                templates.add(source.get());
            }
            planned.add(new UsersJob(runId, round, jobId(round, j), startEpochNanos, spanMicros, size, thinkTimeMicros,
                    templates, targets, timeoutMillis, httpVersion, maxRedirects));
        }
        return planned;
    }

    /** Requests in job {@code j} of {@code k} for a round of {@code n}: job j takes requests j, j+k, j+2k, ... */
    public static int jobSize(long n, int k, int j) {
        return (int) ((n - j + k - 1) / k);
    }

    /** The id of job {@code j} of round {@code round} ({@link JobIds}: unguessable). */
    public String jobId(long round, int j) {
        return jobIds.id(round, j);
    }
}
