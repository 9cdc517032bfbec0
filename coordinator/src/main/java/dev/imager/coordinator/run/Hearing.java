package dev.imager.coordinator.run;

import dev.imager.coordinator.ledger.DropReason;
import dev.imager.protocol.transport.Transport;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the coordinator can hear its workers, checked every housekeeping tick. While its bus connection is down,
 * while the broker stalls (connections open, nothing answered: {@link Transport#unansweredNanos}), or while its
 * control thread stalls, nothing anyone sends reaches the run: silence then is no news, not a sign of death.
 * {@link #check} says how much time to excuse (the length of a stall, or of an outage once it is over), so a broker
 * blip or freeze marks no live worker MISSING and no job lost. Control thread only.
 */
final class Hearing {

    private static final Logger LOG = LoggerFactory.getLogger(Hearing.class);
    /** Housekeeping this much later than its schedule means the control thread stalled and heard nothing. */
    static final Duration STALL = Duration.ofMillis(500);
    /**
     * A broker that has delivered nothing and answered no PING for this long is stalled: well above a loaded broker's
     * answer (a few ms), well under three heartbeat intervals of a second, after which silent workers go MISSING.
     */
    static final Duration BROKER_STALL = Duration.ofMillis(750);
    private static final long NOT_DEAF = Long.MIN_VALUE;

    private final Transport transport;
    private final long tickNanos;
    private long lastCheckNanos;
    private long deafSinceNanos = NOT_DEAF;
    private boolean hears = true;

    Hearing(Transport transport, Duration tick, long nowNanos) {
        this.transport = transport;
        this.tickNanos = tick.toNanos();
        this.lastCheckNanos = nowNanos;
        transport.unansweredNanos(nowNanos);   // starts the broker's pulse
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
        boolean connected = transport.isConnected();
        long unanswered = connected ? transport.unansweredNanos(nowNanos) : 0;
        hears = connected && unanswered <= BROKER_STALL.toNanos();
        if (!hears && deafSinceNanos == NOT_DEAF) {
            if (connected) {
                // The broker went quiet when it last answered, not when this tick noticed.
                deafSinceNanos = nowNanos - unanswered;
                LOG.warn("the broker ({}) has delivered nothing and answered no PING for {} ms (stalled, connections "
                        + "open): no worker is judged by its silence meanwhile", transport.describe(),
                        unanswered / 1_000_000);
            } else {
                deafSinceNanos = nowNanos;
                LOG.warn("bus connection lost ({}): rounds are not sent meanwhile (dropped: {}), and no worker is "
                        + "judged by its silence", transport.describe(), DropReason.BROKER_UNAVAILABLE.label());
            }
        } else if (hears && deafSinceNanos != NOT_DEAF) {
            long outage = nowNanos - deafSinceNanos;
            LOG.warn("the broker answers again after {} ms: that time counts as no news, not as silence",
                    outage / 1_000_000);
            excuse += outage;
            deafSinceNanos = NOT_DEAF;
        }
        return excuse;
    }

    /**
     * Whether the coordinator heard the bus at the last {@link #check}: connected, and the broker answering. While
     * it does not, workers are not judged by their silence, nor jobs by their missing answers.
     */
    boolean hears() {
        return hears;
    }
}
