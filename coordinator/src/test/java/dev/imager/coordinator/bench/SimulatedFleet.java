package dev.imager.coordinator.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.imager.protocol.EpochClock;
import dev.imager.protocol.Subjects;
import dev.imager.protocol.codec.MessageCodec;
import dev.imager.protocol.latency.LatencySnapshot;
import dev.imager.protocol.message.Heartbeat;
import dev.imager.protocol.message.JobAck;
import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.message.WorkerState;
import dev.imager.protocol.transport.NatsSettings;
import dev.imager.protocol.transport.NatsTransport;
import dev.imager.protocol.message.RequestStats;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Stands in for a fleet of workers, to load the coordinator and nothing else: beats for N worker ids, takes
 * every job (one queue member answering for all ids in turn), acknowledges it at once and answers with one
 * synthetic final result at the job's last planned instant. Sends no HTTP at all.
 *
 * <p>Jobs are read with a streaming parser that skips the request arrays, so the fleet stays cheap next to
 * the coordinator it measures.
 *
 * <p>Usage: {@code SimulatedFleet <nats-url> <subject-prefix> <workers>}; runs until killed.
 */
public final class SimulatedFleet {

    private SimulatedFleet() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Subjects subjects = Subjects.withPrefix(args[1]);
        int workers = Integer.parseInt(args[2]);
        MessageCodec codec = new MessageCodec();
        JsonFactory json = new JsonFactory();
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        AtomicLong next = new AtomicLong();
        AtomicLong jobs = new AtomicLong();
        // The coordinator checks a result's statistics against its counts (one latency, service time and send lag
        // per request that ended), so each job size gets histograms of exactly that many values.
        Map<Integer, LatencySnapshot> latencies = new ConcurrentHashMap<>();
        NatsTransport nats = NatsTransport.connect(NatsSettings.of(url).withConnectionName("simulated-fleet"));
        timers.scheduleAtFixedRate(() -> {
            long now = System.currentTimeMillis();
            for (int i = 0; i < workers; i++) {
                String id = "sim-" + i;
                nats.publish(subjects.heartbeat(id), codec.encode(new Heartbeat(id, "sim", "sim", WorkerState.BUSY,
                        0, 1, 100, -1, 10_000, 1_000, now)));
            }
        }, 0, 1, TimeUnit.SECONDS);
        nats.queueSubscribe(subjects.jobs(), subjects.workerQueueGroup(), m -> {
            JobFacts job;
            try {
                job = JobFacts.read(json, m.payload());
            } catch (IOException e) {
                System.err.println("undecodable job: " + e);
                return;
            }
            String worker = "sim-" + Math.floorMod(next.getAndIncrement(), workers);
            long nowEpoch = EpochClock.SYSTEM.nowNanos();
            nats.publish(m.replyTo(), codec.encode(new JobAck(job.runId, job.round, job.jobId, worker, nowEpoch)));
            long endEpoch = job.startEpochNanos + job.lastOffsetMicros * 1_000L + 1_000_000L;
            long delay = Math.max(0, endEpoch - nowEpoch);
            LatencySnapshot latency = latencies.computeIfAbsent(job.size, SimulatedFleet::latencies);
            RequestStats stats = new RequestStats(new OutcomeCounts(job.size, 0, 0, 0, 0, 0, 0),
                    Map.of(200, (long) job.size), job.size * 25L, latency, latency, latency);
            timers.schedule(() -> nats.publish(m.replyTo(), codec.encode(new JobResult(job.runId, job.round, job.jobId,
                    worker, 0, stats, true))), delay, TimeUnit.NANOSECONDS);
            jobs.incrementAndGet();
        });
        System.out.println("simulated fleet: " + workers + " workers on " + url + " prefix " + subjects.prefix());
        timers.scheduleAtFixedRate(() -> System.out.println("simulated fleet: " + jobs.get() + " jobs answered"),
                5, 5, TimeUnit.SECONDS);
        Thread.currentThread().join();
    }

    /** {@code n} latencies from 0.8 to 5 ms, for a job of {@code n} requests. */
    private static LatencySnapshot latencies(int n) {
        Histogram h = LatencySnapshot.newHistogram();
        long[] micros = {800, 900, 1_000, 1_200, 5_000};
        for (int i = 0; i < micros.length; i++) {
            h.recordValueWithCount(micros[i], n / micros.length + (i < n % micros.length ? 1 : 0));
        }
        return LatencySnapshot.owning(h);
    }

    /** The few fields of a job the fleet needs, read without building the request specs. */
    private static final class JobFacts {
        String runId;
        long round;
        String jobId;
        long startEpochNanos;
        long lastOffsetMicros;
        int size;

        static JobFacts read(JsonFactory json, byte[] payload) throws IOException {
            JobFacts f = new JobFacts();
            try (JsonParser p = json.createParser(payload)) {
                p.nextToken();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    switch (name) {
                        case "runId" -> f.runId = p.getText();
                        case "round" -> f.round = p.getLongValue();
                        case "jobId" -> f.jobId = p.getText();
                        case "startEpochNanos" -> f.startEpochNanos = p.getLongValue();
                        case "offsetsMicros" -> {
                            while (p.nextToken() != JsonToken.END_ARRAY) {
                                f.lastOffsetMicros = p.getLongValue();
                                f.size++;
                            }
                        }
                        default -> {
                            if (value == JsonToken.START_ARRAY || value == JsonToken.START_OBJECT) {
                                p.skipChildren();
                            }
                        }
                    }
                }
            }
            return f;
        }
    }
}
