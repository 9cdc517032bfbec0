package dev.imager.worker.testing;

import dev.imager.protocol.EpochClock;
import dev.imager.protocol.message.HttpVersionChoice;
import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.RequestSpec;
import java.util.ArrayList;
import java.util.List;

/** Builds jobs for tests: evenly spaced requests at a rate, starting a little in the future. */
public final class Jobs {

    private Jobs() {
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
        return new Job("run-test", 0, jobId, EpochClock.SYSTEM.nowNanos() + leadMillis * 1_000_000L, offsets, specs,
                List.of(target), timeoutMillis);
    }

    /** {@code job} asking for HTTP version {@code version} and following at most {@code maxRedirects} redirects. */
    public static Job withClient(Job job, HttpVersionChoice version, int maxRedirects) {
        return new Job(job.runId(), job.round(), job.jobId(), job.startEpochNanos(), job.offsetsMicros(), job.requests(),
                job.targets(), job.timeoutMillis(), version, maxRedirects);
    }
}
