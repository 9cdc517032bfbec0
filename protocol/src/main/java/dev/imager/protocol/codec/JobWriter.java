package dev.imager.protocol.codec;

import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.MessageType;
import dev.imager.protocol.message.RequestSpec;
import java.util.List;
import java.util.Map;

/**
 * Writes {@link Job}s by hand: jobs carry every planned request, so at a million requests a second their
 * encoding is the coordinator's hottest path; reflective bean serialization spent most of it calling
 * accessors, and a generator most of the rest checking its state. The output is exactly what the generic
 * path writes (the codec tests hold both to the golden file and to each other).
 */
final class JobWriter {

    /** Most specs whose JSON is remembered; past it the memory is dropped and starts over. */
    static final int SPEC_CACHE_LIMIT = 100_000;

    /**
     * The JSON of specs seen before, by identity: request sources hand out the same immutable spec objects
     * again and again (a request file's records; random-sum's cached requests), so their bytes are copied
     * rather than escaped anew. Guarded by this writer's lock (jobs are encoded by one thread anyway).
     */
    private final Map<RequestSpec, byte[]> specJson = new java.util.IdentityHashMap<>();

    private static final String HEAD = "{\"type\":\"" + MessageType.JOB.wireName() + "\",\"v\":"
            + MessageCodec.PROTOCOL_VERSION + ",\"runId\":";

    synchronized byte[] write(Job job) {
        // Roughly 50 bytes a request: start near the final size.
        JsonBuffer out = new JsonBuffer(256 + job.size() * 56);
        out.raw(HEAD).string(job.runId());
        out.raw(",\"round\":").number(job.round());
        out.raw(",\"jobId\":").string(job.jobId());
        out.raw(",\"startEpochNanos\":").number(job.startEpochNanos());
        out.raw(",\"offsetsMicros\":[");
        for (int i = 0; i < job.size(); i++) {
            if (i > 0) {
                out.raw(',');
            }
            out.number(job.offsetMicros(i));
        }
        out.raw("],\"requests\":[");
        List<RequestSpec> requests = job.requests();
        for (int i = 0; i < requests.size(); i++) {
            if (i > 0) {
                out.raw(',');
            }
            RequestSpec spec = requests.get(i);
            byte[] cached = specJson.get(spec);
            if (cached == null) {
                JsonBuffer one = new JsonBuffer(64);
                writeSpec(one, spec);
                cached = one.toByteArray();
                if (specJson.size() >= SPEC_CACHE_LIMIT) {
                    specJson.clear();
                }
                specJson.put(spec, cached);
            }
            out.raw(cached);
        }
        out.raw("],\"targets\":[");
        for (int i = 0; i < job.targets().size(); i++) {
            if (i > 0) {
                out.raw(',');
            }
            out.string(job.targets().get(i));
        }
        out.raw("],\"timeoutMillis\":").number(job.timeoutMillis());
        out.raw(",\"httpVersion\":").string(job.httpVersion().flagValue());
        out.raw(",\"maxRedirects\":").number(job.maxRedirects()).raw('}');
        return out.toByteArray();
    }

    private static void writeSpec(JsonBuffer out, RequestSpec spec) {
        out.raw('{');
        if (!spec.method().equals("GET")) {
            out.raw("\"method\":").string(spec.method()).raw(',');
        }
        out.raw("\"path\":").string(spec.path());
        if (!spec.queryString().isEmpty()) {
            out.raw(",\"queryString\":").string(spec.queryString());
        }
        if (!spec.headers().isEmpty()) {
            out.raw(",\"headers\":{");
            boolean first = true;
            for (Map.Entry<String, List<String>> h : spec.headers().entrySet()) {
                if (!first) {
                    out.raw(',');
                }
                first = false;
                out.string(h.getKey()).raw(":[");
                for (int v = 0; v < h.getValue().size(); v++) {
                    if (v > 0) {
                        out.raw(',');
                    }
                    out.string(h.getValue().get(v));
                }
                out.raw(']');
            }
            out.raw('}');
        }
        if (!spec.body().isEmpty()) {
            out.raw(",\"body\":").string(spec.body());
        }
        out.raw('}');
    }
}
