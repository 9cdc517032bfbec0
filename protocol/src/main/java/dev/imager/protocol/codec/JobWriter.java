package dev.imager.protocol.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.MessageType;
import dev.imager.protocol.message.RequestSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes {@link Job}s by hand: jobs carry every planned request, so at a million requests a second their
 * encoding is the coordinator's hottest path, and reflective bean serialization spent most of it calling
 * accessors. The output is exactly what the generic path writes (the golden-file test holds both to it).
 */
final class JobWriter {

    private final JsonFactory factory;

    JobWriter(JsonFactory factory) {
        this.factory = factory;
    }

    byte[] write(Job job) {
        // Roughly 60 bytes a request: start the buffer near the final size.
        try (ByteArrayBuilder out = new ByteArrayBuilder(Math.min(16 * 1024 * 1024, 256 + job.size() * 64));
                JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", MessageType.JOB.wireName());
            g.writeNumberField("v", MessageCodec.PROTOCOL_VERSION);
            g.writeStringField("runId", job.runId());
            g.writeNumberField("round", job.round());
            g.writeStringField("jobId", job.jobId());
            g.writeNumberField("startEpochNanos", job.startEpochNanos());
            g.writeFieldName("offsetsMicros");
            g.writeStartArray();
            for (int i = 0; i < job.size(); i++) {
                g.writeNumber(job.offsetMicros(i));
            }
            g.writeEndArray();
            g.writeFieldName("requests");
            g.writeStartArray();
            for (RequestSpec spec : job.requests()) {
                writeSpec(g, spec);
            }
            g.writeEndArray();
            g.writeFieldName("targets");
            g.writeStartArray();
            for (String target : job.targets()) {
                g.writeString(target);
            }
            g.writeEndArray();
            g.writeNumberField("timeoutMillis", job.timeoutMillis());
            g.writeEndObject();
            g.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode job " + job.jobId(), e);
        }
    }

    private static void writeSpec(JsonGenerator g, RequestSpec spec) throws IOException {
        g.writeStartObject();
        g.writeStringField("method", spec.method());
        g.writeStringField("path", spec.path());
        if (!spec.queryString().isEmpty()) {
            g.writeStringField("queryString", spec.queryString());
        }
        if (!spec.headers().isEmpty()) {
            g.writeFieldName("headers");
            g.writeStartObject();
            for (Map.Entry<String, List<String>> h : spec.headers().entrySet()) {
                g.writeFieldName(h.getKey());
                g.writeStartArray();
                for (String value : h.getValue()) {
                    g.writeString(value);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        if (!spec.body().isEmpty()) {
            g.writeStringField("body", spec.body());
        }
        g.writeEndObject();
    }
}
