package dev.imager.worker;

import dev.imager.protocol.Subjects;
import dev.imager.protocol.message.Heartbeat;
import dev.imager.protocol.process.ImagerVersion;
import dev.imager.worker.engine.EngineSettings;
import dev.imager.worker.targets.AllowedTargets;
import java.time.Duration;
import java.util.Objects;

/**
 * How a worker node behaves on the bus (the engine's own tuning is {@link EngineSettings}).
 *
 * @param id worker id, unique in the fleet and usable as a subject token
 * @param host host (pod) name reported in heartbeats
 * @param version imager version reported in heartbeats
 * @param subjects subjects to use
 * @param heartbeatInterval how often to beat, within the range coordinators go by
 *     ({@link Heartbeat#MIN_INTERVAL_MILLIS}..{@link Heartbeat#MAX_INTERVAL_MILLIS})
 * @param resultInterval how often running jobs stream result deltas (at most a second, so the coordinator
 *     sees progress every round)
 * @param drainTimeout on shutdown, how long running jobs may take before unsent requests are dropped
 * @param allowedTargets where requests may go; a job naming any other target is refused
 * @param maxActiveJobs most jobs running at once; a job beyond it is refused
 */
public record WorkerSettings(
        String id,
        String host,
        String version,
        Subjects subjects,
        Duration heartbeatInterval,
        Duration resultInterval,
        Duration drainTimeout,
        AllowedTargets allowedTargets,
        int maxActiveJobs) {

    /** Heartbeat period by default. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);

    /** Result delta period by default. */
    public static final Duration DEFAULT_RESULT_INTERVAL = Duration.ofMillis(500);

    /** Grace period for running jobs on shutdown by default (below Kubernetes' default 30 s). */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(20);

    /**
     * This machine only, until told otherwise: a worker that joins a bus anyone can publish on must not be aimable at
     * any host ({@link AllowedTargets#LOOPBACK}).
     */
    public static final AllowedTargets DEFAULT_ALLOWED_TARGETS = AllowedTargets.LOOPBACK;

    /**
     * Jobs running at once by default. A fast run gives each worker a few jobs a round, each alive for its round
     * and the request timeout; a thousand is far above that and still bounds what a flood of jobs can hold.
     */
    public static final int DEFAULT_MAX_ACTIVE_JOBS = 1_000;

    public WorkerSettings {
        Subjects.token(id, "worker id");
        long beat = heartbeatInterval.toMillis();
        if (beat < Heartbeat.MIN_INTERVAL_MILLIS || beat > Heartbeat.MAX_INTERVAL_MILLIS) {
            throw new IllegalArgumentException("heartbeat-interval must be within " + Heartbeat.MIN_INTERVAL_MILLIS
                    + "ms.." + Heartbeat.MAX_INTERVAL_MILLIS / 1000 + "s, got " + heartbeatInterval);
        }
        if (resultInterval.isNegative() || resultInterval.isZero() || resultInterval.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("result-interval must be > 0 and at most 1s, got " + resultInterval);
        }
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drain-timeout must be >= 0");
        }
        Objects.requireNonNull(allowedTargets, "allowedTargets");
        if (maxActiveJobs < 1) {
            throw new IllegalArgumentException("max-active-jobs must be >= 1, got " + maxActiveJobs);
        }
    }

    /** Settings with defaults for a worker called {@code id}. */
    public static WorkerSettings defaults(String id) {
        return new WorkerSettings(id, id, ImagerVersion.current(), Subjects.defaults(), DEFAULT_HEARTBEAT_INTERVAL,
                DEFAULT_RESULT_INTERVAL, DEFAULT_DRAIN_TIMEOUT, DEFAULT_ALLOWED_TARGETS, DEFAULT_MAX_ACTIVE_JOBS);
    }

    public WorkerSettings withSubjects(Subjects s) {
        return new WorkerSettings(id, host, version, s, heartbeatInterval, resultInterval, drainTimeout, allowedTargets,
                maxActiveJobs);
    }

    public WorkerSettings withHeartbeatInterval(Duration d) {
        return new WorkerSettings(id, host, version, subjects, d, resultInterval, drainTimeout, allowedTargets,
                maxActiveJobs);
    }

    public WorkerSettings withResultInterval(Duration d) {
        return new WorkerSettings(id, host, version, subjects, heartbeatInterval, d, drainTimeout, allowedTargets,
                maxActiveJobs);
    }

    public WorkerSettings withDrainTimeout(Duration d) {
        return new WorkerSettings(id, host, version, subjects, heartbeatInterval, resultInterval, d, allowedTargets,
                maxActiveJobs);
    }

    public WorkerSettings withHost(String h) {
        return new WorkerSettings(id, h, version, subjects, heartbeatInterval, resultInterval, drainTimeout,
                allowedTargets, maxActiveJobs);
    }

    public WorkerSettings withAllowedTargets(AllowedTargets targets) {
        return new WorkerSettings(id, host, version, subjects, heartbeatInterval, resultInterval, drainTimeout, targets,
                maxActiveJobs);
    }

    public WorkerSettings withMaxActiveJobs(int n) {
        return new WorkerSettings(id, host, version, subjects, heartbeatInterval, resultInterval, drainTimeout,
                allowedTargets, n);
    }
}
