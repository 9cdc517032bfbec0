package dev.imager.worker;

import dev.imager.protocol.Subjects;
import dev.imager.protocol.process.ImagerVersion;
import dev.imager.worker.engine.EngineSettings;
import java.time.Duration;

/**
 * How a worker node behaves on the bus (the engine's own tuning is {@link EngineSettings}).
 *
 * @param id worker id, unique in the fleet and usable as a subject token
 * @param host host (pod) name reported in heartbeats
 * @param version imager version reported in heartbeats
 * @param subjects subjects to use
 * @param heartbeatInterval how often to beat
 * @param resultInterval how often running jobs stream result deltas (at most a second, so the coordinator
 *     sees progress every round)
 * @param drainTimeout on shutdown, how long running jobs may take before unsent requests are dropped
 */
public record WorkerSettings(
        String id,
        String host,
        String version,
        Subjects subjects,
        Duration heartbeatInterval,
        Duration resultInterval,
        Duration drainTimeout) {

    /** Heartbeat period by default. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);

    /** Result delta period by default. */
    public static final Duration DEFAULT_RESULT_INTERVAL = Duration.ofMillis(500);

    /** Grace period for running jobs on shutdown by default (below Kubernetes' default 30 s). */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(20);

    public WorkerSettings {
        Subjects.token(id, "worker id");
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("heartbeat-interval must be > 0");
        }
        if (resultInterval.isNegative() || resultInterval.isZero() || resultInterval.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("result-interval must be > 0 and at most 1s, got " + resultInterval);
        }
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drain-timeout must be >= 0");
        }
    }

    /** Settings with defaults for a worker called {@code id}. */
    public static WorkerSettings defaults(String id) {
        return new WorkerSettings(id, id, ImagerVersion.current(), Subjects.defaults(), DEFAULT_HEARTBEAT_INTERVAL,
                DEFAULT_RESULT_INTERVAL, DEFAULT_DRAIN_TIMEOUT);
    }

    public WorkerSettings withSubjects(Subjects s) {
        return new WorkerSettings(id, host, version, s, heartbeatInterval, resultInterval, drainTimeout);
    }

    public WorkerSettings withHeartbeatInterval(Duration d) {
        return new WorkerSettings(id, host, version, subjects, d, resultInterval, drainTimeout);
    }

    public WorkerSettings withResultInterval(Duration d) {
        return new WorkerSettings(id, host, version, subjects, heartbeatInterval, d, drainTimeout);
    }

    public WorkerSettings withDrainTimeout(Duration d) {
        return new WorkerSettings(id, host, version, subjects, heartbeatInterval, resultInterval, d);
    }

    public WorkerSettings withHost(String h) {
        return new WorkerSettings(id, h, version, subjects, heartbeatInterval, resultInterval, drainTimeout);
    }
}
