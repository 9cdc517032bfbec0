package dev.imager.protocol.process;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Logs a warning of each kind at most once per interval, with how many more of that kind came since the last line:
 * what a process says about bad input it keeps receiving. A flood of forged or broken messages then costs one line
 * per kind per interval, not one per message; the metrics count every one. Kinds are a small fixed set chosen by the
 * caller (reasons, not peer-chosen text). Thread-safe; time from an injected clock.
 */
public final class RateLimitedLog {

    /** One line per kind per this long by default. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    private final Consumer<String> sink;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

    /** Warnings to {@code logger}, one line per kind per {@link #DEFAULT_INTERVAL}. */
    public RateLimitedLog(Logger logger) {
        this(logger::warn, DEFAULT_INTERVAL, System::nanoTime);
    }

    /** Lines to {@code sink}, one per kind per {@code interval} by {@code nanoTime}. */
    public RateLimitedLog(Consumer<String> sink, Duration interval, LongSupplier nanoTime) {
        this.sink = sink;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * Logs {@code message} unless a line of this {@code kind} went out within the interval; the message is
     * only built when it is logged.
     *
     * @return true when it was logged
     */
    public boolean log(String kind, Supplier<String> message) {
        Kind k = kinds.computeIfAbsent(kind, x -> new Kind());
        long now = nanoTime.getAsLong();
        long suppressed;
        synchronized (k) {
            if (k.logged && now - k.lastNanos < intervalNanos) {
                k.suppressed++;
                return false;
            }
            suppressed = k.suppressed;
            k.logged = true;
            k.lastNanos = now;
            k.suppressed = 0;
        }
        String text = message.get();
        if (suppressed > 0) {
            text += " (and " + suppressed + " more like it since the last such line)";
        }
        sink.accept(text);
        return true;
    }

    private static final class Kind {
        boolean logged;
        long lastNanos;
        long suppressed;
    }
}
