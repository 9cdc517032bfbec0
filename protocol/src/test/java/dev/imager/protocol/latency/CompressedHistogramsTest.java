package dev.imager.protocol.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class CompressedHistogramsTest {

    @Test
    void writesExactlyTheBytesHdrHistogramWrites() {
        Random random = new Random(11);
        // Small and large, sparse and dense, one after another on one thread: the kept buffers grow and are reused.
        for (int size : new int[] {0, 1, 50, 20_000, 3, 200_000, 10}) {
            Histogram h = LatencySnapshot.newHistogram();
            for (int i = 0; i < size; i++) {
                LatencySnapshot.record(h, (long) Math.exp(random.nextDouble() * 22));
            }
            ByteBuffer theirs = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
            int length = h.encodeIntoCompressedByteBuffer(theirs);

            assertThat(CompressedHistograms.encode(h)).as("%d values", size)
                    .isEqualTo(Arrays.copyOf(theirs.array(), length));
        }
    }

    @Test
    void readsWhatHdrHistogramReads() throws DataFormatException {
        Random random = new Random(12);
        for (int size : new int[] {1, 100_000, 7, 0}) {
            Histogram h = LatencySnapshot.newHistogram();
            for (int i = 0; i < size; i++) {
                LatencySnapshot.record(h, 1 + random.nextInt(3_000_000));
            }
            byte[] bytes = CompressedHistograms.encode(h);

            Histogram ours = CompressedHistograms.decode(bytes);
            Histogram theirs = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
            assertThat(ours).isEqualTo(theirs).isEqualTo(h);
            assertThat(ours.getTotalCount()).isEqualTo(size);
        }
    }

    @Test
    void refusesCountsCutShortAfterAValidHeader() {
        Histogram h = LatencySnapshot.newHistogram();
        for (int i = 1; i <= 5_000; i++) {
            LatencySnapshot.record(h, i * 37L);
        }
        byte[] whole = CompressedHistograms.encode(h);
        // The deflated stream cut in its middle, with the outer length saying so: the header inflates, the counts do not.
        int cut = 8 + (whole.length - 8) / 2;
        byte[] truncated = Arrays.copyOf(whole, cut);
        ByteBuffer.wrap(truncated).putInt(4, cut - 8);

        assertThatThrownBy(() -> CompressedHistograms.decode(truncated))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not decode");
        // A good one decodes on the same thread afterwards (the kept inflater was reset).
        assertThat(CompressedHistograms.decode(whole)).isEqualTo(h);
    }
}
