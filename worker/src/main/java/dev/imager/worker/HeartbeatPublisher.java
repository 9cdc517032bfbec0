package dev.imager.worker;

import dev.imager.protocol.codec.MessageCodec;
import dev.imager.protocol.message.Heartbeat;

import dev.imager.protocol.message.WorkerState;
import dev.imager.protocol.transport.Transport;
import dev.imager.protocol.transport.TransportException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and publishes the worker's heartbeat; the first one registers the worker with coordinators. Publishes on the
 * worker's heartbeat thread (and once more from a draining thread), hence synchronized.
 */
final class HeartbeatPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatPublisher.class);

    private final WorkerSettings settings;
    private final Transport transport;
    private final MessageCodec codec;
    private final Supplier<WorkerState> state;
    private final IntSupplier inFlight;
    private final IntSupplier activeJobs;
    private final LongSupplier sendLagP99Micros;
    private final int maxInFlight;
    private boolean failing;

    HeartbeatPublisher(WorkerSettings settings, Transport transport, MessageCodec codec, Supplier<WorkerState> state,
            IntSupplier inFlight, IntSupplier activeJobs, LongSupplier sendLagP99Micros, int maxInFlight) {
        this.settings = settings;
        this.transport = transport;
        this.codec = codec;
        this.state = state;
        this.inFlight = inFlight;
        this.activeJobs = activeJobs;
        this.sendLagP99Micros = sendLagP99Micros;
        this.maxInFlight = maxInFlight;
    }

    /** The load models this worker runs: open-model jobs and closed-model users jobs. */
    static final List<String> MODELS = List.of(Heartbeat.OPEN_MODEL, Heartbeat.CLOSED_MODEL);

    Heartbeat build() {
        return new Heartbeat(settings.id(), settings.host(), settings.version(), state.get(), inFlight.getAsInt(),
                activeJobs.getAsInt(), sendLagP99Micros.getAsLong(), cpuLoad(), maxInFlight,
                settings.heartbeatInterval().toMillis(), System.currentTimeMillis(), MODELS);
    }

    synchronized void publish() {
        try {
            transport.publish(settings.subjects().heartbeat(settings.id()), codec.encode(build()));
            if (failing) {
                LOG.info("heartbeats flowing again");
                failing = false;
            }
        } catch (TransportException e) {
            if (!failing) {
                LOG.warn("cannot publish heartbeat (will keep trying): {}", e.getMessage());
                failing = true;
            }
        }
    }

    /** Process CPU load over the recent past, 0..1, or -1 when the JVM cannot tell. */
    static double cpuLoad() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            double load = os.getProcessCpuLoad();
            return load >= 0 && load <= 1 ? load : -1;
        }
        return -1;
    }
}
