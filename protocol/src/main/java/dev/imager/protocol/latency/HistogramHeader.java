package dev.imager.protocol.latency;

import java.nio.ByteBuffer;

/**
 * Reads and checks the header of HdrHistogram's compressed encoding before HdrHistogram decodes it. HdrHistogram
 * sizes a histogram's counts array from the header alone: about 50 characters of base64 that declare 5
 * significant digits up to 2^62 make it allocate some 50 MB. A peer writes these fields, so every histogram
 * must declare exactly what imager's own histograms do ({@link LatencySnapshot#SIGNIFICANT_DIGITS} digits, a unit
 * of 1 µs, a range no wider than {@link #MAX_HIGHEST_TRACKABLE}) before any of it is allocated.
 *
 * <p>The layout (HdrHistogram's V2 encoding, big-endian): a compressed cookie and the length of what follows,
 * then, deflated, the encoding's cookie, payload length, normalizing index offset, significant digits, lowest
 * trackable unit, highest trackable value and integer-to-double ratio, then the counts.
 */
final class HistogramHeader {

    /**
     * The widest range accepted. Recorded values are clamped to {@link LatencySnapshot#MAX_TRACKABLE_MICROS}, which
     * an auto-resizing histogram covers with a highest trackable value of 2^32 - 1; twice that leaves room. A
     * histogram of this range and precision has a counts array of about 200 KB.
     */
    static final long MAX_HIGHEST_TRACKABLE = 1L << 34;

    /** The most payload (encoded counts) a header may announce: far above what the widest accepted range needs. */
    static final int MAX_PAYLOAD_BYTES = 1024 * 1024;

    private static final int COOKIE_BASE_MASK = ~0xf0;
    private static final int COMPRESSED_V2_COOKIE_BASE = 0x1c849304;
    private static final int ENCODING_V2_COOKIE_BASE = 0x1c849303;
    /** The inflated header: cookie, payload length, offset, digits, lowest, highest, ratio. */
    static final int HEADER_BYTES = 40;

    private HistogramHeader() {
    }

    /**
     * Checks the outer header of {@code bytes} (a compressed encoding): the compressed cookie and a compressed length
     * within the bytes.
     *
     * @return the compressed length (the deflated bytes start at offset 8)
     * @throws IllegalArgumentException naming what is wrong
     */
    static int checkOuter(byte[] bytes) {
        if (bytes.length < 8) {
            throw new IllegalArgumentException("latency histogram does not decode: " + bytes.length
                    + " bytes are too few for a compressed HdrHistogram");
        }
        ByteBuffer outer = ByteBuffer.wrap(bytes);
        if ((outer.getInt() & COOKIE_BASE_MASK) != COMPRESSED_V2_COOKIE_BASE) {
            throw new IllegalArgumentException("latency histogram does not decode: not a compressed HdrHistogram "
                    + "(V2 encoding)");
        }
        int compressedLength = outer.getInt();
        if (compressedLength <= 0 || compressedLength > bytes.length - 8) {
            throw new IllegalArgumentException("latency histogram does not decode: it announces " + compressedLength
                    + " compressed bytes but holds " + (bytes.length - 8));
        }
        return compressedLength;
    }

    /**
     * Checks the inflated header ({@link #HEADER_BYTES} bytes from {@code header}'s position): it must declare exactly
     * what imager's own histograms do.
     *
     * @return the payload length it announces (at most {@link #MAX_PAYLOAD_BYTES})
     * @throws IllegalArgumentException naming what is wrong, when it is not imager's kind of histogram
     */
    static int checkInner(ByteBuffer header) {
        if ((header.getInt() & COOKIE_BASE_MASK) != ENCODING_V2_COOKIE_BASE) {
            throw new IllegalArgumentException("latency histogram does not decode: its compressed content is not an "
                    + "HdrHistogram (V2 encoding)");
        }
        int payloadBytes = header.getInt();
        int normalizingIndexOffset = header.getInt();
        int digits = header.getInt();
        long lowest = header.getLong();
        long highest = header.getLong();
        double ratio = header.getDouble();
        if (digits != LatencySnapshot.SIGNIFICANT_DIGITS) {
            throw new IllegalArgumentException("latency histogram declares " + digits + " significant digits; imager's "
                    + "have " + LatencySnapshot.SIGNIFICANT_DIGITS);
        }
        if (lowest != 1) {
            throw new IllegalArgumentException("latency histogram declares a lowest trackable unit of " + lowest
                    + "; imager's count single microseconds (1)");
        }
        if (highest < 2 || highest > MAX_HIGHEST_TRACKABLE) {
            throw new IllegalArgumentException("latency histogram declares a highest trackable value of " + highest
                    + "; at most " + MAX_HIGHEST_TRACKABLE + " µs is accepted");
        }
        if (payloadBytes < 0 || payloadBytes > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("latency histogram announces " + payloadBytes
                    + " payload bytes; at most " + MAX_PAYLOAD_BYTES + " are accepted");
        }
        if (normalizingIndexOffset != 0 || ratio != 1.0) {
            throw new IllegalArgumentException("latency histogram is shifted or scaled (normalizing offset "
                    + normalizingIndexOffset + ", ratio " + ratio + "); imager's are neither");
        }
        return payloadBytes;
    }
}
