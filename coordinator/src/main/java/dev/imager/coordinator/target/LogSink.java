package dev.imager.coordinator.target;

import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * Where target and metrics code writes its few operator-facing log lines. A seam so tests can assert
 * "warned once" without capturing a logging backend.
 */
@FunctionalInterface
interface LogSink {
    void log(Level level, String message);

    /** Writes to an SLF4J logger. */
    static LogSink slf4j(Logger logger) {
        return (level, message) -> logger.atLevel(level).log(message);
    }
}
