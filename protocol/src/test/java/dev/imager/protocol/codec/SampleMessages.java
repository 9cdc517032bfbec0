package dev.imager.protocol.codec;

import dev.imager.protocol.latency.LatencySnapshot;
import dev.imager.protocol.message.Control;
import dev.imager.protocol.message.ControlAction;
import dev.imager.protocol.message.Heartbeat;
import dev.imager.protocol.message.HttpVersionChoice;
import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.JobAck;
import dev.imager.protocol.message.JobRejected;
import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.message.Message;
import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.message.RejectReason;
import dev.imager.protocol.message.RequestSpec;
import dev.imager.protocol.message.ResultsConfirmed;
import dev.imager.protocol.message.RequestStats;
import dev.imager.protocol.message.UsersJob;
import dev.imager.protocol.message.WorkerState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One fixed instance of every message type; the golden files under {@code golden/} encode these. */
final class SampleMessages {

    private SampleMessages() {
    }

    static Job job() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("X-Imager-Run", List.of("true"));
        headers.put("Accept", List.of("application/json", "text/plain"));
        return new Job("run-1", 3, "run-1-r3-j0", 1_764_000_000_000_000_000L,
                new long[] {0, 250_000, 500_000, 750_000},
                List.of(RequestSpec.get("/sum", "a=1&b=2"),
                        new RequestSpec("POST", "/orders", "", headers, "{\"id\":7}"),
                        new RequestSpec("GET", "/status", null, null, null),
                        RequestSpec.get("/", "")),
                List.of("http://127.0.0.1:8080"), 2_000);
    }

    static JobAck jobAck() {
        return new JobAck("run-1", 3, "run-1-r3-j0", "worker-a", 1_764_000_000_001_000_000L);
    }

    static JobResult jobResult() {
        Map<Integer, Long> codes = new LinkedHashMap<>();
        codes.put(200, 95L);
        codes.put(404, 2L);
        codes.put(503, 1L);
        return new JobResult("run-1", 3, "run-1-r3-j0", "worker-a", 1,
                new RequestStats(new OutcomeCounts(95, 2, 1, 1, 0, 0, 1), codes,
                        Map.of("HTTP/1.1", Map.of(200, 90L, 404, 2L, 503, 1L), "HTTP/2", Map.of(200, 5L)), 12_345,
                        LatencySnapshot.ofMicros(1_200, 1_500, 2_000, 250_000),
                        LatencySnapshot.ofMicros(1_100, 1_400, 1_900, 2_000),
                        LatencySnapshot.ofMicros(10, 15, 20, 248_000)), true);
    }

    static UsersJob usersJob() {
        return new UsersJob("run-1", 4, "run-1-r4-j1", 1_764_000_001_000_000_000L, 1_000_000, 25, 100_000,
                List.of(RequestSpec.get("/sum", "a=1&b=2"), new RequestSpec("POST", "/orders", "", null, "{}")),
                List.of("http://127.0.0.1:8080", "http://127.0.0.2:8080"), 2_000, HttpVersionChoice.HTTP_2, 0);
    }

    static JobRejected jobRejected() {
        return new JobRejected("run-1", "run-1-r3-j1", "worker-a", RejectReason.EXPIRED,
                "deadline passed 1200 ms before the job arrived");
    }

    static Heartbeat heartbeat() {
        return new Heartbeat("worker-a", "pod-a", "0.1.0", WorkerState.BUSY, 17, 2, 850, 0.42, 10_000, 1_000,
                1_764_000_000_000L, List.of(Heartbeat.OPEN_MODEL, Heartbeat.CLOSED_MODEL));
    }

    static Control control() {
        return new Control("run-1", "coord-1", ControlAction.STOP, "duration reached");
    }

    static ResultsConfirmed resultsConfirmed() {
        return new ResultsConfirmed("run-1", "coord-1", "worker-a", List.of(
                new ResultsConfirmed.Confirmation("run-1-r3-j0", ResultsConfirmed.ACK_SEQ),
                new ResultsConfirmed.Confirmation("run-1-r3-j1", 4)));
    }

    static List<Message> all() {
        return List.of(job(), usersJob(), jobAck(), jobResult(), jobRejected(), heartbeat(), control(), resultsConfirmed());
    }
}
