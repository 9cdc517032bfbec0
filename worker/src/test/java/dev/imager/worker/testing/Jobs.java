package dev.imager.worker.testing;

import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.RequestSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds jobs for tests: evenly spaced requests at a rate, starting a little in the future. */
public final class Jobs {

    private Jobs() {
    }

    /** Epoch nanoseconds now, at the clock's full precision. */
    public static long epochNanosNow() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** {@code n} requests of {@code spec} at {@code rps}, evenly spaced, starting {@code leadMillis} from now. */
    public static Job uniform(String jobId, int n, double rps, RequestSpec spec, String target, long timeoutMillis,
            long leadMillis) {
        long[] offsets = new long[n];
        List<RequestSpec> specs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            offsets[i] = Math.round(i * 1_000_000.0 / rps);
            specs.add(spec);
        }
        return new Job("run-test", 0, jobId, epochNanosNow() + leadMillis * 1_000_000L, offsets, specs,
                List.of(target), timeoutMillis);
    }
}
