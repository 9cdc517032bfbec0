package dev.imager.coordinator.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class ThrottledLogTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong();
    private final List<String> lines = new ArrayList<>();
    private final ThrottledLog log = new ThrottledLog((level, m) -> lines.add(m), now::get, Duration.ofMinutes(1));

    @Test
    void sameMessageOncePerWindowWithSuppressedCount() {
        // t=0: logged.
        assertThat(log.log(Level.WARN, "boom")).isTrue();
        // t=1s..59s: suppressed, 59 times.
        for (int s = 1; s < 60; s++) {
            now.set(s * SECOND);
            assertThat(log.log(Level.WARN, "boom")).isFalse();
        }
        // t=60s: logged again with the count.
        now.set(60 * SECOND);
        assertThat(log.log(Level.WARN, "boom")).isTrue();

        assertThat(lines).containsExactly("boom", "boom (repeated 59 more times)");
    }

    @Test
    void differentMessagesAreIndependentAndResetForgets() {
        log.log(Level.WARN, "a");
        log.log(Level.WARN, "b");
        log.log(Level.WARN, "a");
        log.reset();
        log.log(Level.WARN, "a");

        assertThat(lines).containsExactly("a", "b", "a");
    }
}
