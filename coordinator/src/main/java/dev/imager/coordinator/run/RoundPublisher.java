package dev.imager.coordinator.run;

import dev.imager.coordinator.schedule.RoundPlanner;
import dev.imager.coordinator.source.RequestSource;
import dev.imager.protocol.DaemonThreadFactory;
import dev.imager.protocol.Subjects;
import dev.imager.protocol.codec.MessageCodec;
import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.Message;
import dev.imager.protocol.message.UsersJob;
import dev.imager.protocol.transport.Transport;
import dev.imager.protocol.transport.TransportException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Builds, encodes and publishes each round's jobs on a thread of its own, and draws the requests from the
 * request source (which thus has one thread). Encoding every planned request is the heaviest work of a fast
 * run; doing it here keeps the control thread free for acknowledgements and results. What happens to each
 * job is reported back through {@link Listener}, to be handled on the control thread.
 */
final class RoundPublisher implements AutoCloseable {

    /** Reports of the publisher, each called on the publisher thread. */
    interface Listener {
        /** Job {@code jobId} reached the bus at {@code sentNanos} (monotonic). */
        void sent(String jobId, int requests, long sentNanos);

        /** Job {@code jobId} could not be published. */
        void notSent(String jobId, TransportException cause);

        /** The round could not even be planned (the request source failed). */
        void failed(long round, RuntimeException cause);
    }

    private final RoundPlanner planner;
    private final RequestSource source;
    private final Transport transport;
    private final Subjects subjects;
    private final String replyTo;
    private final Listener listener;
    private final MessageCodec codec = new MessageCodec();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(new DaemonThreadFactory("imager-publisher"));

    RoundPublisher(RoundPlanner planner, RequestSource source, Transport transport, Subjects subjects, String replyTo,
            Listener listener) {
        this.planner = planner;
        this.source = source;
        this.transport = transport;
        this.subjects = subjects;
        this.replyTo = replyTo;
        this.listener = listener;
    }

    /**
     * Plans and publishes a round, split into {@code jobs} jobs: the count the caller registered its jobs
     * with ({@link RoundPlanner#jobCount}), so the split is decided once.
     */
    void publish(long round, long startEpochNanos, long requests, int jobs, List<String> targets) {
        publishAll(round, () -> planner.plan(round, startEpochNanos, requests, jobs, targets, source::next),
                subjects.jobs(), Job::jobId, Job::size);
    }

    /**
     * Plans and publishes a closed-model round on the users-jobs subject: {@code users} users in {@code jobs} jobs
     * ({@link RoundPlanner#usersJobCount}), each running for {@code spanMicros}.
     */
    void publishUsers(long round, long startEpochNanos, long spanMicros, long users, int jobs, long thinkTimeMicros,
            List<String> targets) {
        // How many requests a users job sends is its outcome: it is published as 0 planned requests.
        publishAll(round, () -> planner.planUsers(round, startEpochNanos, spanMicros, users, jobs, thinkTimeMicros,
                targets, source::next), subjects.usersJobs(), UsersJob::jobId, job -> 0);
    }

    private <J extends Message> void publishAll(long round, Supplier<List<J>> planning, String subject,
            Function<J, String> id, ToIntFunction<J> requests) {
        thread.execute(() -> {
            List<J> plan;
            try {
                plan = planning.get();
            } catch (RuntimeException e) {
                listener.failed(round, e);
                return;
            }
            for (J job : plan) {
                try {
                    transport.publish(subject, replyTo, job, codec);
                    listener.sent(id.apply(job), requests.applyAsInt(job), System.nanoTime());
                } catch (TransportException e) {
                    listener.notSent(id.apply(job), e);
                }
            }
        });
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
