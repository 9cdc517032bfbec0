package dev.imager.coordinator.run;

import dev.imager.coordinator.inbox.MessageRefusal;
import dev.imager.coordinator.inbox.Refused;
import dev.imager.coordinator.metrics.CoordinatorMetrics;
import dev.imager.protocol.process.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where refused bus messages go: every one is counted ({@code imager_coordinator_rejected_messages_total{reason}}),
 * and each reason gets at most one log line per interval, saying how many more came. A status request without a
 * reply subject is only counted: it is nobody's mistake worth a line. Thread-safe (the bus's threads and the
 * control thread both refuse).
 */
final class Refusals {

    private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);

    private final CoordinatorMetrics metrics;
    private final RateLimitedLog log = new RateLimitedLog(LOG);

    Refusals(CoordinatorMetrics metrics) {
        this.metrics = metrics;
    }

    void refuse(Refused refused) {
        metrics.messageRefused(refused.reason());
        if (refused.reason() != MessageRefusal.NO_REPLY_SUBJECT) {
            log.log(refused.reason().name(), () -> "refused a bus message (" + refused.reason().label() + "): "
                    + refused.detail());
        }
    }

    void refuse(MessageRefusal reason, String detail) {
        refuse(new Refused(reason, detail));
    }
}
