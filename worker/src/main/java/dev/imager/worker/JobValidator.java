package dev.imager.worker;

import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.RequestSpec;
import dev.imager.protocol.message.UsersJob;
import dev.imager.worker.engine.TargetAddress;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks, before a job is acknowledged, what decoding cannot: that every target is an absolute http(s)
 * URL and every request is valid HTTP. A job that fails is rejected as a whole, with the reason.
 */
final class JobValidator {

    private JobValidator() {
    }

    /** The first problem found, or empty when the job can run. */
    static Optional<String> problem(Job job) {
        return problem(job.targets(), job.requests());
    }

    /** The first problem of a closed-model job, or empty when it can run. */
    static Optional<String> problem(UsersJob job) {
        return problem(job.targets(), job.requests());
    }

    private static Optional<String> problem(List<String> targets, List<RequestSpec> requests) {
        for (String target : targets) {
            try {
                TargetAddress.parse(target);
            } catch (IllegalArgumentException e) {
                return Optional.of(e.getMessage());
            }
        }
        // Specs repeat (a file source serves the same records over and over): check each object once.
        Map<RequestSpec, Boolean> checked = new IdentityHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            RequestSpec spec = requests.get(i);
            if (checked.put(spec, Boolean.TRUE) != null) {
                continue;
            }
            try {
                HttpMethod.valueOf(spec.method());
                DefaultHttpHeaders headers = new DefaultHttpHeaders();
                spec.headers().forEach(headers::add);
            } catch (IllegalArgumentException e) {
                return Optional.of("requests[" + i + "] is not valid HTTP: " + e.getMessage());
            }
        }
        return Optional.empty();
    }
}
