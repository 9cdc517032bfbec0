package dev.imager.coordinator.run;

import dev.imager.coordinator.inbox.MessageRefusal;
import dev.imager.coordinator.inbox.Refused;
import dev.imager.coordinator.ledger.ResultLedger;
import dev.imager.coordinator.metrics.CoordinatorMetrics;
import dev.imager.coordinator.registry.WorkerEvent;
import dev.imager.coordinator.registry.WorkerLiveness;
import dev.imager.coordinator.registry.WorkerRegistry;
import dev.imager.protocol.message.Heartbeat;
import dev.imager.protocol.message.JobAck;
import dev.imager.protocol.message.JobRejected;
import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.message.RejectReason;
import dev.imager.protocol.process.RateLimitedLog;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the control thread does with each message from the bus: heartbeats go to the worker registry;
 * acknowledgements, results and rejections to the ledger, whose checks decide what counts; whatever is refused is
 * counted and logged ({@link Refusals}). Confined to the run's control thread, like the registry and the ledger.
 */
final class RunInbox implements BusInbox.Sink {

    private static final Logger LOG = LoggerFactory.getLogger(RunInbox.class);

    private final WorkerRegistry registry;
    private final ResultLedger ledger;
    private final RoundFeedback feedback;
    private final CoordinatorMetrics metrics;
    private final RunStatusTracker status;
    private final RunListener listener;
    private final Refusals refusals;
    private final RateLimitedLog workerRefusals = new RateLimitedLog(LOG);
    private int peakWorkers;

    RunInbox(WorkerRegistry registry, ResultLedger ledger, RoundFeedback feedback, CoordinatorMetrics metrics,
            RunStatusTracker status, RunListener listener, Refusals refusals) {
        this.registry = registry;
        this.ledger = ledger;
        this.feedback = feedback;
        this.metrics = metrics;
        this.status = status;
        this.listener = listener;
        this.refusals = refusals;
    }

    @Override
    public void heartbeat(Heartbeat beat) {
        if (!registry.hasRoomFor(beat.workerId())) {
            refusals.refuse(MessageRefusal.REGISTRY_FULL, "a heartbeat of new worker " + beat.workerId()
                    + " while " + WorkerRegistry.DEFAULT_MAX_WORKERS + " workers are registered");
            return;
        }
        WorkerEvent event = registry.onHeartbeat(beat, System.nanoTime());
        if (event != null) {
            workerEvent(event);
        }
    }

    @Override
    public void ack(JobAck ack) {
        Optional<Refused> refused = ledger.onAck(ack);
        if (refused.isPresent()) {
            refusals.refuse(refused.get());
        } else {
            registry.onJobTaken(ack.workerId(), System.nanoTime());
        }
    }

    @Override
    public void result(JobResult result) {
        Optional<Refused> refused = ledger.onResult(result);
        if (refused.isPresent()) {
            refusals.refuse(refused.get());
        } else if (result.done()) {
            feedback.completed(ledger.completed());
        }
    }

    @Override
    public void rejected(JobRejected rejected) {
        Optional<Refused> refused = ledger.onRejected(rejected);
        if (refused.isPresent()) {
            refusals.refuse(refused.get());
            return;
        }
        metrics.jobRefusedByWorker(rejected.reason());
        workerRefusals.log(rejected.reason().name(), () -> "worker " + rejected.workerId() + " rejected job "
                + rejected.jobId() + ": " + rejected.reason() + " (" + rejected.detail() + ")" + consequence(rejected));
        feedback.completed(ledger.completed());
    }

    private static String consequence(JobRejected rejected) {
        return switch (rejected.reason()) {
            case FORBIDDEN_TARGET -> "; its requests count as dropped. List the target in the workers' "
                    + "--allowed-targets";
            case EXPIRED, OVERLOADED -> "; its requests count as dropped";
            default -> "; its requests count as lost";
        };
    }

    /** A liveness change, from a heartbeat or from the registry's sweep. */
    void workerEvent(WorkerEvent event) {
        if (event.gone()) {
            LOG.warn("{}: its unfinished jobs are lost", event);
            ledger.workerGone(event.workerId());
        } else {
            LOG.info("{}", event);
        }
        Map<WorkerLiveness, Integer> byLiveness = registry.countByLiveness();
        peakWorkers = Math.max(peakWorkers, byLiveness.get(WorkerLiveness.LIVE));
        metrics.workers(byLiveness);
        status.workers(byLiveness);
        listener.onWorkerEvent(event);
    }

    /** Most live workers seen at once. */
    int peakWorkers() {
        return peakWorkers;
    }

    /** Says, once at the end, which of the run's requests workers refused to run and why. */
    void logRefusedByWorkers() {
        Map<RejectReason, Long> refused = ledger.refusedByWorkers();
        if (!refused.isEmpty()) {
            LOG.warn("workers refused {} request(s) of this run: {}{}", refused.values().stream()
                    .mapToLong(Long::longValue).sum(), refused, refused.containsKey(RejectReason.FORBIDDEN_TARGET)
                    ? " (FORBIDDEN_TARGET: a target not in their --allowed-targets)" : "");
        }
    }
}
