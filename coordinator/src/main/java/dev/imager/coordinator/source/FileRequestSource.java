package dev.imager.coordinator.source;

import dev.imager.coordinator.config.InvalidConfigException;
import dev.imager.protocol.message.RequestSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code file} request source: the original imager's request file, loaded and validated whole at
 * start-up, then served round-robin in file order, looping forever.
 *
 * <p>Format: JSON request objects separated by whitespace (normally one per line, NDJSON), each with
 * the optional fields {@code method} (default GET), {@code path} (default /), {@code queryString}
 * (without {@code ?}, sent verbatim), {@code headers} (object: name to array of strings) and
 * {@code body} (string). Keys match case-insensitively, as the original's Go decoder did; a JSON
 * {@code null} field value means "absent", as there.
 *
 * <p>Stricter than the original, which streamed the file and failed lazily: every record is checked
 * when the source is created, and any problem fails creation with
 * {@code <file>:<line>:<column>: record <n>: <problem>} — syntax errors, a truncated last record, a
 * field of the wrong type, an unknown key (so a typo such as {@code queryStrng} cannot silently
 * vanish), a key given twice, a {@code null} record, an invalid method or header name, a header value
 * with a line break, an empty or whitespace-only file (the original hung forever), bytes that are not
 * UTF-8, or a file larger than {@link #DEFAULT_MAX_FILE_BYTES}.
 *
 * <p>Extension: a file holding a single top-level JSON array of request objects is accepted too (the
 * original rejected every record of such a file at run time, leaving every job empty).
 *
 * <p>The file is read once; later edits (e.g. a ConfigMap update) need a restart, as in the original.
 */
public final class FileRequestSource implements RequestSource {

    /** Largest request file accepted: far beyond any hand-written file, small enough to hold in memory. */
    public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;

    private final Path file;
    private final List<RequestSpec> requests;
    private int next;

    /**
     * Loads and validates {@code file}.
     *
     * @throws InvalidConfigException when the file is missing, unreadable, too large, or has a bad record
     */
    public FileRequestSource(Path file) {
        this(file, DEFAULT_MAX_FILE_BYTES);
    }

    /** Same, with a different size limit (tests). */
    FileRequestSource(Path file, long maxBytes) {
        this.file = file;
        this.requests = List.copyOf(RequestFileParser.parse(file.toString(), read(file, maxBytes)));
    }

    @Override
    public RequestSpec next() {
        RequestSpec spec = requests.get(next);
        next = next + 1 == requests.size() ? 0 : next + 1;
        return spec;
    }

    /** The next request is the file's first again. */
    @Override
    public void reset() {
        next = 0;
    }

    @Override
    public String describe() {
        return "file " + file + " (" + requests.size() + (requests.size() == 1 ? " request)" : " requests)");
    }

    /** Every request of the file, in file order. */
    public List<RequestSpec> requests() {
        return requests;
    }

    private static String read(Path file, long maxBytes) {
        if (Files.isDirectory(file)) {
            throw new InvalidConfigException(file + ": is a directory, not a request file");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // Opening a FIFO waits, uninterruptibly, for a writer: a run would hang before it starts, deaf to SIGTERM.
            throw new InvalidConfigException(file + ": is not a regular file (a pipe or a device), not a request file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // Read one byte past the limit to tell "exactly at the limit" from "over it" without trusting size().
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (NoSuchFileException e) {
            throw new InvalidConfigException(file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new InvalidConfigException(file + ": permission denied", e);
        } catch (IOException e) {
            throw new InvalidConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (bytes.length > maxBytes) {
            throw new InvalidConfigException(file + ": the file is larger than the limit of " + maxBytes
                    + " bytes for request files");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\ufeff") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new InvalidConfigException(file + ": the file is not UTF-8 text", e);
        }
    }
}
