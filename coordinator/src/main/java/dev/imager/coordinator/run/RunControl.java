package dev.imager.coordinator.run;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

/**
 * Stops a run from outside, like the original's cancellable context: {@link #stop()} ends it gracefully
 * (no new rounds; rounds in flight finish and are reported), {@link #abort()} ends it now (workers are told
 * to drop what they have not sent). Thread-safe; the first signal a process receives should stop, the second
 * abort.
 */
public final class RunControl {

    private volatile String stopReason;
    private volatile boolean aborted;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** Ends the run gracefully; {@code reason} goes into the report ("interrupted (SIGINT)"). */
    public void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
        listeners.forEach(Runnable::run);
    }

    /** Ends the run now; {@code reason} replaces a stop's ("aborted (SIGINT twice)"): the report says it was aborted. */
    public void abort(String reason) {
        stopReason = reason;
        aborted = true;
        listeners.forEach(Runnable::run);
    }

    public boolean stopRequested() {
        return stopReason != null;
    }

    public boolean abortRequested() {
        return aborted;
    }

    public String stopReason() {
        return stopReason;
    }

    /** Runs {@code listener} on every stop or abort request (on the requesting thread). */
    void onRequest(Runnable listener) {
        listeners.add(listener);
    }
}
