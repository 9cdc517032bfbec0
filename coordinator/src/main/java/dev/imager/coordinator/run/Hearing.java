package dev.imager.coordinator.run;

import dev.imager.coordinator.ledger.DropReason;
import dev.imager.protocol.transport.Transport;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the coordinator can hear its workers, checked every housekeeping tick. While its bus connection is down,
 * or while its control thread stalls, nothing anyone sends reaches the run: silence then is no news, not a sign of
 * death. {@link #check} says how much time to excuse (the length of a stall, or of an outage once the connection
 * is back), so a broker blip marks no live worker MISSING and no job lost. Control thread only.
 */
final class Hearing {

    private static final Logger LOG = LoggerFactory.getLogger(Hearing.class);
    /** Housekeeping this much later than its schedule means the control thread stalled and heard nothing. */
    static final Duration STALL = Duration.ofMillis(500);
    private static final long NOT_DEAF = Long.MIN_VALUE;

    private final Transport transport;
    private final long tickNanos;
    private long lastCheckNanos;
    private long deafSinceNanos = NOT_DEAF;
    private boolean connected = true;

    Hearing(Transport transport, Duration tick, long nowNanos) {
        this.transport = transport;
        this.tickNanos = tick.toNanos();
        this.lastCheckNanos = nowNanos;
    }

    /** Call every tick: returns the nanoseconds to excuse now (0 when none). */
    long check(long nowNanos) {
        long excuse = 0;
        long late = nowNanos - lastCheckNanos - tickNanos;
        lastCheckNanos = nowNanos;
        if (late > STALL.toNanos()) {
            LOG.warn("the control thread stalled for {} ms: that time counts as no news, not as silence",
                    late / 1_000_000);
            excuse += late;
        }
        connected = transport.isConnected();
        if (!connected && deafSinceNanos == NOT_DEAF) {
            deafSinceNanos = nowNanos;
            LOG.warn("bus connection lost ({}): rounds are not sent meanwhile (dropped: {}), and no worker is judged "
                    + "by its silence", transport.describe(), DropReason.BROKER_UNAVAILABLE.label());
        } else if (connected && deafSinceNanos != NOT_DEAF) {
            long outage = nowNanos - deafSinceNanos;
            LOG.warn("bus connection back after {} ms: that time counts as no news, not as silence", outage / 1_000_000);
            excuse += outage;
            deafSinceNanos = NOT_DEAF;
        }
        return excuse;
    }

    /** Whether the bus connection was up at the last {@link #check}. */
    boolean connected() {
        return connected;
    }
}
