package dev.imager.worker.metrics;

import java.util.Locale;

/** Why a worker did not act on a control message (the {@code reason} of its metric). */
public enum ControlRefusal {
    /** It did not decode as a control message. */
    UNDECODABLE,
    /** It names a run whose jobs here came from another coordinator: only the run's own coordinator may stop it. */
    OTHER_COORDINATOR,
    /** The control thread had too much waiting already. */
    QUEUE_FULL;

    /** The metric label. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
