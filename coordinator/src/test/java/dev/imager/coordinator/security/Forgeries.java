package dev.imager.coordinator.security;

import dev.imager.protocol.EpochClock;
import dev.imager.protocol.Subjects;
import dev.imager.protocol.codec.MessageCodec;
import dev.imager.protocol.latency.LatencySnapshot;
import dev.imager.protocol.message.Control;
import dev.imager.protocol.message.ControlAction;
import dev.imager.protocol.message.Heartbeat;
import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.JobAck;
import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.message.RequestSpec;
import dev.imager.protocol.message.RequestStats;
import dev.imager.protocol.message.WorkerState;
import dev.imager.protocol.transport.Transport;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;

/**
 * What a hostile publisher on the bus sends during a run: garbage of every shape on every subject, a job for a target
 * nobody configured, forged results, forged heartbeats (phantom workers, a hijacked real id) and a forged STOP. Each
 * forgery is one a coordinator or worker can tell from the real thing by its content; a publisher that can read the
 * bus and copies the right ids at the right moment is what NATS permissions are for.
 */
final class Forgeries {

    /** The ids of the forged jobs {@link #publishJobFor} sends. */
    static final List<String> FORGED_JOB_IDS = List.of("forged-job", "forged-job-2", "forged-job-3");

    private final Transport bus;
    private final Subjects subjects;
    private final MessageCodec codec = new MessageCodec();
    private final Random random = new Random(11);

    Forgeries(Transport bus, Subjects subjects) {
        this.bus = bus;
        this.subjects = subjects;
    }

    /** Payloads that are no valid message of any kind, or not of the kind a subject carries. */
    List<byte[]> garbage(String runId) {
        List<byte[]> shapes = new ArrayList<>();
        byte[] noise = new byte[512];
        random.nextBytes(noise);
        shapes.add(noise);
        for (String text : new String[] {"", "{", "}", "[]", "null", "\"text\"", "42", "{}", "{\"type\":\"job\"}",
            "{\"type\":\"job\",\"v\":1}", "{\"type\":\"gossip\",\"v\":1}", "{\"type\":\"heartbeat\",\"v\":99}",
            "{\"type\":\"control\",\"v\":1,\"runId\":\"" + runId + "\",\"coordinatorId\":7,\"action\":\"STOP\"}",
            "{\"type\":\"heartbeat\",\"v\":1,\"v\":1}", "[".repeat(10_000) + "]".repeat(10_000),
            "{\"type\":\"job-result\",\"v\":1,\"huge\":\"" + "x".repeat(300_000) + "\"}"}) {
            shapes.add(text.getBytes(StandardCharsets.UTF_8));
        }
        return shapes;
    }

    /** Every garbage shape on every subject the processes listen on, and status requests nobody can answer. */
    void publishGarbage(String runId, String resultsSubject) {
        List<String> targets = List.of(subjects.jobs(), resultsSubject, subjects.heartbeat("garbage"),
                subjects.control(), subjects.status());
        for (String subject : targets) {
            for (byte[] payload : garbage(runId)) {
                bus.publish(subject, payload);
            }
        }
        // Jobs with a reply subject get a rejection back: on the real results subject it must change nothing.
        for (byte[] payload : garbage(runId)) {
            bus.publish(subjects.jobs(), resultsSubject, payload);
        }
        // A job-result whose histogram declares 5 significant digits up to 2^62 (~50 MB if decoded blindly).
        String honest = new String(codec.encode(result(runId, "any-job", "any-worker", 0, 1)), StandardCharsets.UTF_8);
        String bomb = honest.replaceFirst("\"latency\":\"[^\"]*\"", "\"latency\":\"" + histogramBomb() + "\"");
        bus.publish(resultsSubject, bomb.getBytes(StandardCharsets.UTF_8));
    }

    /** A well-formed job of the run for {@code unlistedUrl}, replying to the run's results subject and to nobody. */
    void publishJobFor(String runId, String unlistedUrl, String resultsSubject, int requests) {
        long[] offsets = new long[requests];
        List<RequestSpec> specs = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            offsets[i] = i * 10_000L;
            specs.add(RequestSpec.get("/forged", "i=" + i));
        }
        long start = EpochClock.SYSTEM.nowNanos() + 100_000_000L;
        List<Job> jobs = FORGED_JOB_IDS.stream().map(id -> new Job(runId, 3, id, start, offsets, specs,
                List.of(unlistedUrl), 2_000)).toList();
        bus.publish(subjects.jobs(), resultsSubject, codec.encode(jobs.get(0)));
        bus.publish(subjects.jobs(), subjects.results("forger"), codec.encode(jobs.get(1)));
        bus.publish(subjects.jobs(), codec.encode(jobs.get(2)));
    }

    /**
     * Results the coordinator must refuse whatever the timing: of a job that does not exist, of a real job from a
     * worker that did not take it, out of sequence, counting more than the job holds, and with statistics that
     * disagree with their counts; and a second acknowledgement by another worker.
     */
    void publishForgedResults(String runId, String resultsSubject, String realJobId, String realWorkerId,
            int jobSize) {
        bus.publish(resultsSubject, codec.encode(result(runId, runId + "-r0-j99-000000000000", realWorkerId, 0, 5)));
        bus.publish(resultsSubject, codec.encode(result("run-forged", realJobId, realWorkerId, 0, 5)));
        bus.publish(resultsSubject, codec.encode(result(runId, realJobId, "phantom-0", 0, 5)));
        bus.publish(resultsSubject, codec.encode(result(runId, realJobId, realWorkerId, 99, 5)));
        bus.publish(resultsSubject, codec.encode(overCount(runId, realJobId, realWorkerId, jobSize + 1)));
        bus.publish(resultsSubject, codec.encode(inconsistent(runId, realJobId, realWorkerId)));
        bus.publish(resultsSubject, codec.encode(new JobAck(runId, roundOf(realJobId), realJobId, "phantom-1", 1)));
    }

    /** Beats of {@code count} workers that do not exist, each on its own subject. */
    void publishPhantoms(int count) {
        for (int i = 0; i < count; i++) {
            String id = "phantom-" + i;
            bus.publish(subjects.heartbeat(id), codec.encode(beat(id, 1_000)));
        }
    }

    /** Beats under a real worker's id declaring a 1 ms interval, and beats whose subject names another worker. */
    void publishHijack(String realWorkerId) {
        bus.publish(subjects.heartbeat(realWorkerId), codec.encode(beat(realWorkerId, 1)));
        bus.publish(subjects.heartbeat("someone-else"), codec.encode(beat(realWorkerId, 1)));
    }

    /** STOP and DRAIN for the real run, as another coordinator. */
    void publishForeignStop(String runId) {
        bus.publish(subjects.control(), codec.encode(new Control(runId, "forged-coordinator", ControlAction.STOP,
                "forged")));
        bus.publish(subjects.control(), codec.encode(new Control(runId, "forged-coordinator", ControlAction.DRAIN,
                "forged")));
    }

    private static long roundOf(String jobId) {
        int r = jobId.lastIndexOf("-r");
        return Long.parseLong(jobId.substring(r + 2, jobId.indexOf("-j", r)));
    }

    /** A consistent delta of {@code ok} answered requests (round taken from the job id when it has one). */
    private static JobResult result(String runId, String jobId, String workerId, int seq, long ok) {
        long round = jobId.contains("-r") && jobId.contains("-j") ? roundOf(jobId) : 0;
        LatencySnapshot times = LatencySnapshot.ofMicros(new long[(int) ok]);
        RequestStats stats = new RequestStats(new OutcomeCounts(ok, 0, 0, 0, 0, 0, 0), Map.of(200, ok), ok, times, times,
                times);
        return new JobResult(runId, round, jobId, workerId, seq, stats, false);
    }

    private static JobResult overCount(String runId, String jobId, String workerId, long ok) {
        JobResult r = result(runId, jobId, workerId, 0, ok);
        return new JobResult(runId, r.round(), jobId, workerId, 0, r.stats(), true);
    }

    private static JobResult inconsistent(String runId, String jobId, String workerId) {
        RequestStats lies = new RequestStats(new OutcomeCounts(1, 0, 0, 0, 0, 0, 0), Map.of(200, 1L), 1,
                LatencySnapshot.ofMicros(1, 2, 3), LatencySnapshot.ofMicros(1), LatencySnapshot.ofMicros(1));
        return new JobResult(runId, roundOf(jobId), jobId, workerId, 0, lies, false);
    }

    private static Heartbeat beat(String id, long intervalMillis) {
        return new Heartbeat(id, "forged-host", "0.0.0", WorkerState.READY, 0, 0, 0, -1, 10_000, intervalMillis,
                System.currentTimeMillis());
    }

    /** Base64 of a compressed HdrHistogram header declaring 5 significant digits up to 2^62. */
    private static String histogramBomb() {
        ByteBuffer header = ByteBuffer.allocate(40).putInt(0x1c849313).putInt(0).putInt(0).putInt(5).putLong(1)
                .putLong(1L << 62).putDouble(1.0);
        Deflater deflater = new Deflater();
        deflater.setInput(header.array());
        deflater.finish();
        byte[] compressed = new byte[128];
        int n = deflater.deflate(compressed);
        deflater.end();
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(8 + n).putInt(0x1c849314).putInt(n)
                .put(compressed, 0, n).array());
    }
}
