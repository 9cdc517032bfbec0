package dev.imager.coordinator.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Writes and reads report.json. Field names are the record component names (documented in
 * docs/reports.md); timestamps are ISO-8601 UTC text ({@code 2026-11-25T10:00:00.123Z}).
 *
 * <p>Instants are written by a two-method serializer here rather than Jackson's JavaTimeModule: that
 * module reaches this module's classpath only transitively (through the Kubernetes client), and report.json
 * must not change shape when someone trims that dependency. Reading ignores unknown fields, so tools built
 * against this version still read reports from newer versions that added fields. Thread-safe.
 */
public final class ReportJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("imager-report-instants")
                    .addSerializer(Instant.class, new InstantSerializer())
                    .addDeserializer(Instant.class, new InstantDeserializer()))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Two-space indent and '\n' on every platform, so report.json is reproducible byte for byte. */
    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private static final ObjectWriter COMPACT = MAPPER.writer();

    private ReportJson() {
    }

    /** report.json's content: indented, ending with a newline. */
    public static String toJson(RunReport report) {
        try {
            return PRETTY.writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialize the report of run " + report.runId(), e);
        }
    }

    /** Any of the report's values (a summary, a comparison) as JSON in report.json's layout. */
    static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /** Any of the report's values on one line, for a page to fetch or embed. */
    public static String compact(Object value) {
        try {
            return COMPACT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /** The same document on one line, for embedding in report.html. */
    public static String toCompactJson(RunReport report) {
        try {
            return COMPACT.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialize the report of run " + report.runId(), e);
        }
    }

    /**
     * Parses a report.
     *
     * @throws IllegalArgumentException when the text is not a valid report (bad JSON, missing fields, or
     *     numbers that break the accounting invariant)
     */
    public static RunReport fromJson(String json) {
        try {
            return MAPPER.readValue(json, RunReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid imager report: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a report.json file; the message of any failure names the file. */
    public static RunReport read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IOException("cannot read report " + file + ": " + e, e);
        }
        try {
            return fromJson(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static final class InstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class InstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            try {
                return Instant.parse(p.getText());
            } catch (DateTimeParseException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getText(),
                        "expected an ISO-8601 UTC instant such as 2026-11-25T10:00:00Z");
            }
        }
    }
}
