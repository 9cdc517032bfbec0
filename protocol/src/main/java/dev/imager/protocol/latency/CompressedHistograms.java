package dev.imager.protocol.latency;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.HdrHistogram.Histogram;

/**
 * HdrHistogram's compressed encoding (V2), written and read with a {@link Deflater}, an {@link Inflater} and
 * buffers kept per thread. HdrHistogram's own methods make a new deflater or inflater for every histogram, each
 * allocating and clearing its native zlib state, and buffers the size of the whole counts array; a result delta
 * carries three histograms and a busy run encodes and decodes tens of deltas a second. The bytes are HdrHistogram's
 * own: {@code CompressedHistogramsTest} holds them equal to what HdrHistogram writes and reads.
 *
 * <p>Decoding checks the header ({@link HistogramHeader}) before sizing anything from it, and inflates at most the
 * payload that header announces (bounded by {@link HistogramHeader#MAX_PAYLOAD_BYTES}).
 */
final class CompressedHistograms {

    /** The V2 compressed cookie with HdrHistogram's word-size bits, as {@code Histogram} writes it. */
    static final int COMPRESSED_COOKIE = 0x1c849314;

    private static final ThreadLocal<CompressedHistograms> PER_THREAD = ThreadLocal.withInitial(CompressedHistograms::new);

    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
    private final Inflater inflater = new Inflater();
    /** Uncompressed encodings; grows to the largest histogram this thread handled (bounded by the header checks). */
    private byte[] plain = new byte[16 * 1024];
    private byte[] packed = new byte[4 * 1024];

    private CompressedHistograms() {
    }

    /** {@code histogram} in HdrHistogram's compressed encoding. */
    static byte[] encode(Histogram histogram) {
        return PER_THREAD.get().compress(histogram);
    }

    /**
     * Decodes a compressed encoding whose header declares imager's kind of histogram.
     *
     * @throws IllegalArgumentException when it does not decode, or its header is not imager's
     */
    static Histogram decode(byte[] bytes) {
        return PER_THREAD.get().decompress(bytes);
    }

    private byte[] compress(Histogram histogram) {
        int needed = histogram.getNeededByteBufferCapacity();
        if (plain.length < needed) {
            plain = new byte[needed];
        }
        int length = histogram.encodeIntoByteBuffer(ByteBuffer.wrap(plain));
        deflater.reset();
        deflater.setInput(plain, 0, length);
        deflater.finish();
        int end = 8;
        while (!deflater.finished()) {
            if (end == packed.length) {
                packed = Arrays.copyOf(packed, packed.length * 2);
            }
            end += deflater.deflate(packed, end, packed.length - end);
        }
        ByteBuffer.wrap(packed).putInt(0, COMPRESSED_COOKIE).putInt(4, end - 8);
        return Arrays.copyOf(packed, end);
    }

    private Histogram decompress(byte[] bytes) {
        int compressedLength = HistogramHeader.checkOuter(bytes);
        inflater.reset();
        inflater.setInput(bytes, 8, compressedLength);
        inflate(0, HistogramHeader.HEADER_BYTES, "its header is truncated");
        int payload = HistogramHeader.checkInner(ByteBuffer.wrap(plain, 0, HistogramHeader.HEADER_BYTES));
        int total = HistogramHeader.HEADER_BYTES + payload;
        if (plain.length < total) {
            plain = Arrays.copyOf(plain, total);
        }
        inflate(HistogramHeader.HEADER_BYTES, total, "its counts are truncated");
        try {
            return Histogram.decodeFromByteBuffer(ByteBuffer.wrap(plain, 0, total), 0);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("latency histogram does not decode: " + e, e);
        }
    }

    /** Inflates into {@code plain[from, to)}, all of it. */
    private void inflate(int from, int to, String truncated) {
        int at = from;
        try {
            while (at < to) {
                int n = inflater.inflate(plain, at, to - at);
                if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("latency histogram does not decode: " + truncated);
                }
                at += n;
            }
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("latency histogram does not decode: " + e.getMessage(), e);
        }
    }
}
