package dev.imager.coordinator.ledger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The worker that acknowledged each of the last {@value #REMEMBERED} jobs closed: a message sent again for one of
 * them (workers resend until confirmed) is a duplicate, not an unknown job. Bounded: the oldest are forgotten.
 */
final class ClosedJobs {

    /** Closed jobs remembered: seconds of rounds at the highest rates. */
    static final int REMEMBERED = 100_000;

    private final Map<String, String> workerOf = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Remembers that {@code jobId}, acknowledged by {@code workerId}, closed. */
    void closed(String jobId, String workerId) {
        workerOf.put(jobId, workerId);
    }

    /** True when {@code jobId} closed recently, acknowledged by {@code workerId}. */
    boolean closedBy(String jobId, String workerId) {
        return workerId.equals(workerOf.get(jobId));
    }
}
