package dev.imager.coordinator.testing;

import dev.imager.coordinator.ledger.CompletedRound;
import dev.imager.coordinator.load.AdaptiveProbe;
import dev.imager.coordinator.registry.WorkerEvent;
import dev.imager.coordinator.run.RunListener;
import dev.imager.coordinator.status.RunStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/** Records what a run reports, and lets a test react to each round. */
public final class RecordingListener implements RunListener {

    public final List<CompletedRound> rounds = new CopyOnWriteArrayList<>();
    public final List<WorkerEvent> workerEvents = new CopyOnWriteArrayList<>();
    public final List<RunStatus> ticks = new CopyOnWriteArrayList<>();
    public final List<AdaptiveProbe> probes = new CopyOnWriteArrayList<>();
    public final List<Double> probeStarts = new CopyOnWriteArrayList<>();
    private final BiConsumer<CompletedRound, RunStatus> onRound;

    public RecordingListener() {
        this((r, s) -> { });
    }

    public RecordingListener(BiConsumer<CompletedRound, RunStatus> onRound) {
        this.onRound = onRound;
    }

    @Override
    public void onTick(RunStatus status) {
        ticks.add(status);
    }

    @Override
    public void onRound(CompletedRound round, RunStatus status) {
        rounds.add(round);
        onRound.accept(round, status);
    }

    @Override
    public void onProbe(AdaptiveProbe probe, double startSeconds) {
        probes.add(probe);
        probeStarts.add(startSeconds);
    }

    @Override
    public void onWorkerEvent(WorkerEvent event) {
        workerEvents.add(event);
    }
}
