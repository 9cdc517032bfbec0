package dev.imager.coordinator.run;

import dev.imager.protocol.message.ResultsConfirmed;
import dev.imager.protocol.message.ResultsConfirmed.Confirmation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The confirmations the coordinator owes its workers: for each worker, each job whose acknowledgement or result
 * deltas were counted (or were counted before and came again), with the highest sequence number counted. Gathered
 * on the control thread as messages are counted and sent every housekeeping tick, one message per worker (split at
 * {@link ResultsConfirmed#MAX_CONFIRMATIONS}), so confirming costs a message per worker per tick, not per delta.
 * Bounded by the jobs open at once: an entry is kept only until the next tick.
 */
final class Confirmations {

    private final String runId;
    private final String coordinatorId;
    private final Map<String, Map<String, Integer>> byWorker = new HashMap<>();

    Confirmations(String runId, String coordinatorId) {
        this.runId = runId;
        this.coordinatorId = coordinatorId;
    }

    /** {@code workerId}'s messages of {@code jobId} were counted up to {@code seq} ({@link ResultsConfirmed#ACK_SEQ}: its ack). */
    void counted(String workerId, String jobId, int seq) {
        byWorker.computeIfAbsent(workerId, w -> new LinkedHashMap<>()).merge(jobId, seq, Math::max);
    }

    /** Hands each worker's confirmations to {@code send} (worker id, message) and forgets them. */
    void flush(BiConsumer<String, ResultsConfirmed> send) {
        for (Map.Entry<String, Map<String, Integer>> worker : byWorker.entrySet()) {
            List<Confirmation> batch = new ArrayList<>();
            for (Map.Entry<String, Integer> job : worker.getValue().entrySet()) {
                batch.add(new Confirmation(job.getKey(), job.getValue()));
                if (batch.size() == ResultsConfirmed.MAX_CONFIRMATIONS) {
                    send.accept(worker.getKey(), new ResultsConfirmed(runId, coordinatorId, worker.getKey(), batch));
                    batch = new ArrayList<>();
                }
            }
            if (!batch.isEmpty()) {
                send.accept(worker.getKey(), new ResultsConfirmed(runId, coordinatorId, worker.getKey(), batch));
            }
        }
        byWorker.clear();
    }
}
