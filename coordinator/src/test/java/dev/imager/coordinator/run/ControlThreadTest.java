package dev.imager.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ControlThreadTest {

    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Throwable> firstFailure = new CompletableFuture<>();
    private final ControlThread thread = new ControlThread("test-control", t -> {
        failures.add(t);
        firstFailure.complete(t);
    });

    @AfterEach
    void stop() {
        thread.shutdownNow();
    }

    @Test
    void aTaskThatThrowsIsReportedNotSwallowed() throws Exception {
        thread.execute(() -> {
            throw new IllegalStateException("boom");
        });
        assertThat(firstFailure.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                .hasMessage("boom");
    }

    @Test
    void aPeriodicTaskThatFailsIsReportedAndErrorsToo() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        thread.scheduleAtFixedRate(() -> {
            if (runs.incrementAndGet() == 3) {
                throw new StackOverflowError("deep");
            }
        }, 0, 10, TimeUnit.MILLISECONDS);
        assertThat(firstFailure.get(10, TimeUnit.SECONDS)).isInstanceOf(StackOverflowError.class);
        assertThat(runs).hasValue(3);
    }

    @Test
    void tasksThatRunWellOrAreCancelledAreNoFailure() throws Exception {
        CompletableFuture<Void> ran = new CompletableFuture<>();
        var periodic = thread.scheduleAtFixedRate(() -> { }, 0, 5, TimeUnit.MILLISECONDS);
        var later = thread.schedule(() -> { }, 1, TimeUnit.HOURS);
        later.cancel(false);
        periodic.cancel(false);
        thread.execute(() -> ran.complete(null));
        ran.get(10, TimeUnit.SECONDS);
        // A marker task runs after everything queued before it: no failure was reported until then.
        CompletableFuture<Void> after = new CompletableFuture<>();
        thread.schedule(() -> after.complete(null), Duration.ofMillis(20).toMillis(), TimeUnit.MILLISECONDS);
        after.get(10, TimeUnit.SECONDS);
        assertThat(failures).isEmpty();
    }
}
