package dev.imager.coordinator;

import dev.imager.coordinator.config.CoordinatorCommand;
import dev.imager.coordinator.config.ParseResult;
import dev.imager.coordinator.run.Coordinator;
import dev.imager.coordinator.run.RunControl;
import dev.imager.coordinator.run.RunOptions;
import dev.imager.coordinator.run.RunOutcome;
import dev.imager.coordinator.run.SetupException;
import dev.imager.protocol.cli.TerminationSignals;

/**
 * The coordinator process ("orchestrator" in the original imager). Exit codes: 0 run completed, 1
 * thresholds failed, 2 invalid configuration, 3 infrastructure failure.
 */
public final class CoordinatorMain {

    private CoordinatorMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the coordinator with {@code args} and returns the exit code. */
    public static int run(String... args) {
        ParseResult parsed = CoordinatorCommand.parse(args);
        if (parsed instanceof ParseResult.Help help) {
            System.out.println(help.text());
            return 0;
        }
        if (parsed instanceof ParseResult.Invalid invalid) {
            invalid.problems().forEach(p -> System.err.println("coordinator: " + p));
            System.err.println("Run 'coordinator --help' for usage.");
            return 2;
        }
        var config = ((ParseResult.Valid) parsed).config();
        RunControl control = new RunControl();
        TerminationSignals signals = TerminationSignals.install();
        Thread watcher = new Thread(() -> {
            try {
                signals.await();
                control.stop("interrupted (" + signals.name() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "imager-signals");
        watcher.setDaemon(true);
        watcher.start();
        RunOutcome outcome;
        try {
            outcome = Coordinator.run(config, RunOptions.defaults(), control);
        } catch (SetupException e) {
            System.err.println("coordinator: " + e.getMessage());
            return e.kind() == SetupException.Kind.INVALID_CONFIGURATION ? 2 : 3;
        }
        System.out.println("run " + outcome.runId() + " ended: " + outcome.endReason() + "; " + outcome.totals());
        return outcome.infrastructureFailure() ? 3 : 0;
    }
}
