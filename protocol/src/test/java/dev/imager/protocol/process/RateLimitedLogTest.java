package dev.imager.protocol.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {

    private final List<String> lines = new ArrayList<>();
    private final AtomicLong now = new AtomicLong();
    private final RateLimitedLog log = new RateLimitedLog(lines::add, Duration.ofSeconds(10), now::get);

    @Test
    void oneLinePerKindPerIntervalWithTheCountOfWhatWasLeftOut() {
        AtomicInteger built = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            int n = i;
            log.log("forged", () -> {
                built.incrementAndGet();
                return "forged #" + n;
            });
        }
        // another kind is not held back by the first
        log.log("garbage", () -> "garbage #0");
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        log.log("forged", () -> "forged #5");

        assertThat(lines).containsExactly("forged #0", "garbage #0",
                "forged #5 (and 4 more like it since the last such line)");
        assertThat(built.get()).as("messages built only when logged").isEqualTo(1);
    }
}
