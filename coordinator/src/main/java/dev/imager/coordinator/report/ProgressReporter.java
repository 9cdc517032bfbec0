package dev.imager.coordinator.report;

import dev.imager.coordinator.run.RunListener;
import dev.imager.coordinator.status.RunStatus;
import java.util.OptionalDouble;

/** Shows the run's progress once a second through a {@link ProgressPrinter}. */
public final class ProgressReporter implements RunListener, AutoCloseable {

    private final ProgressPrinter printer;

    public ProgressReporter(ProgressPrinter printer) {
        this.printer = printer;
    }

    @Override
    public void onTick(RunStatus s) {
        if (s.state().equals("waiting-for-workers")) {
            return;
        }
        boolean measured = s.sent() > 0;
        printer.print(new ProgressSnapshot(s.elapsedSeconds(), s.phase(), s.plannedRate(), s.achievedRate(),
                measured ? s.p50Ms() : Double.NaN, measured ? s.p99Ms() : Double.NaN, s.failed(), s.dropped(), s.lost(),
                s.liveWorkers(), s.capacityRps() == null ? OptionalDouble.empty() : OptionalDouble.of(s.capacityRps()),
                s.stage(), s.plannedUnit()));
    }

    @Override
    public void close() {
        printer.close();
    }
}
