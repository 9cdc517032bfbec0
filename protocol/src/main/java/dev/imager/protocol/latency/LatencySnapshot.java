package dev.imager.protocol.latency;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Base64;
import org.HdrHistogram.Histogram;

/**
 * An immutable, mergeable distribution of durations in microseconds, backed by an HdrHistogram with
 * {@value #SIGNIFICANT_DIGITS} significant digits.
 *
 * <p>The histogram auto-resizes, so it tracks 1 µs up to {@link #MAX_TRACKABLE_MICROS} (one hour) while
 * using memory only for the range actually recorded. Values above the maximum are clamped to it.
 * Merging two snapshots is exactly recording both sample sets: that is what lets the coordinator combine
 * per-job deltas from many workers without ever averaging percentiles.
 *
 * <p>On the wire a snapshot is the base64 text of HdrHistogram's compressed encoding.
 */
public final class LatencySnapshot {

    /** Precision of every latency histogram in imager (0.1% relative error). */
    public static final int SIGNIFICANT_DIGITS = 3;

    /** Largest value tracked exactly: one hour in microseconds. Larger values are clamped. */
    public static final long MAX_TRACKABLE_MICROS = 3_600_000_000L;

    /**
     * Longest base64 text {@link #decode} accepts. What a decoded histogram may allocate is bounded by its header's
     * declared precision and range, which must be imager's own (checked before HdrHistogram reads it).
     */
    public static final int MAX_ENCODED_CHARS = 4 * 1024 * 1024;

    private static final LatencySnapshot EMPTY = new LatencySnapshot(newHistogram());

    private final Histogram histogram;

    private LatencySnapshot(Histogram histogram) {
        this.histogram = histogram;
    }

    /** A new, empty, auto-resizing histogram with imager's precision; for recorders and accumulators. */
    public static Histogram newHistogram() {
        Histogram h = new Histogram(SIGNIFICANT_DIGITS);
        h.setAutoResize(true);
        return h;
    }

    /** Records {@code micros} into {@code histogram}, clamped to [0, {@link #MAX_TRACKABLE_MICROS}]. */
    public static void record(Histogram histogram, long micros) {
        histogram.recordValue(Math.max(0, Math.min(micros, MAX_TRACKABLE_MICROS)));
    }

    public static LatencySnapshot empty() {
        return EMPTY;
    }

    /** A snapshot of {@code source}'s current content; later changes to {@code source} are not seen. */
    public static LatencySnapshot copyOf(Histogram source) {
        Histogram copy = newHistogram();
        copy.add(source);
        return new LatencySnapshot(copy);
    }

    /**
     * A snapshot over {@code histogram} itself, without copying: the caller hands it over and must not
     * change it afterwards. For producers that build a histogram only to publish it.
     */
    public static LatencySnapshot owning(Histogram histogram) {
        return new LatencySnapshot(histogram);
    }

    /** A snapshot holding exactly the given values (microseconds). */
    public static LatencySnapshot ofMicros(long... values) {
        Histogram h = newHistogram();
        for (long v : values) {
            record(h, v);
        }
        return new LatencySnapshot(h);
    }

    /** The union of both sample sets. */
    public LatencySnapshot merge(LatencySnapshot other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Histogram sum = newHistogram();
        sum.add(histogram);
        sum.add(other.histogram);
        return new LatencySnapshot(sum);
    }

    /** Adds this snapshot's samples to a mutable accumulator. */
    public void addTo(Histogram accumulator) {
        accumulator.add(histogram);
    }

    /** Samples above {@code micros}, at the histogram's precision. */
    public long countAbove(long micros) {
        if (isEmpty() || micros >= histogram.getMaxValue()) {
            return 0;
        }
        return histogram.getTotalCount() - histogram.getCountBetweenValues(0, Math.max(0, micros));
    }

    public long count() {
        return histogram.getTotalCount();
    }

    public boolean isEmpty() {
        return histogram.getTotalCount() == 0;
    }

    /**
     * The value at {@code percentile} (0..100) in microseconds, or 0 when empty. The result is the
     * highest value equivalent to the sample at that rank, so p100 equals {@link #maxMicros()}.
     */
    public long valueAtPercentileMicros(double percentile) {
        return isEmpty() ? 0 : histogram.getValueAtPercentile(percentile);
    }

    public long maxMicros() {
        return isEmpty() ? 0 : histogram.getMaxValue();
    }

    public long minMicros() {
        return isEmpty() ? 0 : histogram.getMinValue();
    }

    public double meanMicros() {
        return isEmpty() ? 0 : histogram.getMean();
    }

    /** Base64 of HdrHistogram's compressed encoding; the wire form. */
    @JsonValue
    public String encode() {
        return Base64.getEncoder().encodeToString(CompressedHistograms.encode(histogram));
    }

    /**
     * Decodes the wire form.
     *
     * @throws IllegalArgumentException when the text is not base64 of a compressed HdrHistogram, or
     *     holds negative or out-of-range values
     */
    @JsonCreator
    public static LatencySnapshot decode(String base64) {
        if (base64 == null) {
            throw new IllegalArgumentException("latency histogram is null");
        }
        if (base64.length() > MAX_ENCODED_CHARS) {
            throw new IllegalArgumentException("latency histogram is " + base64.length()
                    + " characters long; at most " + MAX_ENCODED_CHARS + " are accepted");
        }
        if (base64.isEmpty()) {
            return EMPTY;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("latency histogram is not base64: " + e.getMessage(), e);
        }
        // Its header is checked before HdrHistogram sees it: the header alone decides how much HdrHistogram allocates.
        Histogram decoded = CompressedHistograms.decode(bytes);
        if (decoded.getTotalCount() < 0) {
            throw new IllegalArgumentException("latency histogram has a negative total count");
        }
        if (decoded.getTotalCount() > 0 && decoded.getMaxValue() > MAX_TRACKABLE_MICROS * 2) {
            throw new IllegalArgumentException("latency histogram holds " + decoded.getMaxValue()
                    + " µs, beyond the trackable maximum of " + MAX_TRACKABLE_MICROS + " µs");
        }
        // Kept as decoded (not copied into an auto-resizing histogram): a snapshot is never recorded into, and merging
        // adds it into a histogram of imager's own.
        return new LatencySnapshot(decoded);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatencySnapshot other && histogram.equals(other.histogram);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(histogram.getTotalCount()) * 31 + Long.hashCode(maxMicros());
    }

    @Override
    public String toString() {
        return isEmpty() ? "LatencySnapshot[empty]"
                : "LatencySnapshot[n=" + count() + ", p50=" + valueAtPercentileMicros(50) + "µs, p99="
                        + valueAtPercentileMicros(99) + "µs, max=" + maxMicros() + "µs]";
    }
}
