package dev.imager.coordinator.security;

import dev.imager.protocol.Subjects;
import dev.imager.protocol.codec.MessageCodec;
import dev.imager.protocol.codec.MessageDecodeException;
import dev.imager.protocol.message.Heartbeat;
import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.JobAck;
import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.message.Message;
import dev.imager.protocol.transport.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Watches a run as any subscriber on the bus can: every job the coordinator publishes (with its reply subject),
 * every acknowledgement and result coming back, every heartbeat. What it learns (run and job ids, the results
 * subject, which worker took which job, the latest sequence numbers) is what a forger would use.
 */
final class BusObserver implements AutoCloseable {

    /** A job as published, with the subject its results go to. */
    record Published(Job job, String replyTo) {
    }

    private final MessageCodec codec = new MessageCodec();
    private final List<Published> jobs = new CopyOnWriteArrayList<>();
    private final Map<String, String> takenBy = new ConcurrentHashMap<>();
    private final Map<String, JobResult> lastResult = new ConcurrentHashMap<>();
    private final Map<String, Heartbeat> workers = new ConcurrentHashMap<>();
    private final List<AutoCloseable> subscriptions = new CopyOnWriteArrayList<>();

    BusObserver(Transport bus, Subjects subjects) {
        subscriptions.add(bus.subscribe(subjects.jobs(), m -> decode(m.payload()).ifPresent(message -> {
            if (message instanceof Job job) {
                jobs.add(new Published(job, m.replyTo()));
            }
        })));
        String allResults = subjects.prefix() + ".results.*";
        subscriptions.add(bus.subscribe(allResults, m -> decode(m.payload()).ifPresent(message -> {
            if (message instanceof JobAck ack) {
                takenBy.putIfAbsent(ack.jobId(), ack.workerId());
            } else if (message instanceof JobResult result) {
                lastResult.put(result.jobId(), result);
            }
        })));
        subscriptions.add(bus.subscribe(subjects.allHeartbeats(), m -> decode(m.payload()).ifPresent(message -> {
            if (message instanceof Heartbeat beat) {
                workers.putIfAbsent(beat.workerId(), beat);
            }
        })));
        bus.flush(Duration.ofSeconds(5));
    }

    private java.util.Optional<Message> decode(byte[] payload) {
        try {
            return java.util.Optional.of(codec.decode(payload));
        } catch (MessageDecodeException e) {
            return java.util.Optional.empty();
        }
    }

    /** Every job published so far, in arrival order. */
    List<Published> jobs() {
        return List.copyOf(jobs);
    }

    /** The jobs of run {@code runId} per round, leaving out those with one of {@code excludedIds}. */
    Map<Long, Long> jobsPerRound(String runId, List<String> excludedIds) {
        Map<Long, Long> perRound = new java.util.TreeMap<>();
        for (Published p : jobs) {
            if (p.job().runId().equals(runId) && !excludedIds.contains(p.job().jobId())) {
                perRound.merge(p.job().round(), 1L, Long::sum);
            }
        }
        return perRound;
    }

    /** The highest round of run {@code runId} published so far (-1 before any), leaving out {@code excludedIds}. */
    long latestRound(String runId, List<String> excludedIds) {
        return jobsPerRound(runId, excludedIds).keySet().stream().mapToLong(Long::longValue).max().orElse(-1);
    }

    /** The worker that acknowledged {@code jobId}, or null. */
    String takenBy(String jobId) {
        return takenBy.get(jobId);
    }

    /** The latest result seen of {@code jobId}, or null. */
    JobResult lastResult(String jobId) {
        return lastResult.get(jobId);
    }

    /** Ids of the workers heard beating. */
    List<String> workerIds() {
        return List.copyOf(workers.keySet());
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable s : subscriptions) {
            s.close();
        }
    }
}
