package dev.imager.coordinator.target;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.event.Level;

/**
 * Logs a repeated identical message at most once per window. A missing Deployment fails every round
 * (once a second by default); one line a minute, with a count of what was suppressed, is enough.
 *
 * <p>Thread-safe. Time comes from an injected nanosecond source so tests need no sleeping.
 */
final class ThrottledLog {
    /** How often the same message may be logged. */
    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);
    /** Bound on remembered messages; messages carry pod names, which churn. */
    private static final int MAX_REMEMBERED = 64;

    private final LogSink sink;
    private final LongSupplier nanoTime;
    private final long windowNanos;
    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    private static final class Entry {
        long loggedAt;
        long suppressed;
    }

    ThrottledLog(LogSink sink, LongSupplier nanoTime, Duration window) {
        this.sink = sink;
        this.nanoTime = nanoTime;
        this.windowNanos = window.toNanos();
    }

    ThrottledLog(LogSink sink) {
        this(sink, System::nanoTime, DEFAULT_WINDOW);
    }

    /** Logs {@code message} unless the same message was logged within the window; returns whether it logged. */
    boolean log(Level level, String message) {
        long now = nanoTime.getAsLong();
        long suppressed;
        synchronized (entries) {
            Entry e = entries.get(message);
            if (e != null && now - e.loggedAt < windowNanos) {
                e.suppressed++;
                return false;
            }
            if (e == null) {
                e = new Entry();
                entries.put(message, e);
            }
            suppressed = e.suppressed;
            e.loggedAt = now;
            e.suppressed = 0;
        }
        sink.log(level, suppressed == 0 ? message : message + " (repeated " + suppressed + " more times)");
        return true;
    }

    /** Forgets all messages, so the next failure after a recovery is logged at once. */
    void reset() {
        synchronized (entries) {
            entries.clear();
        }
    }
}
