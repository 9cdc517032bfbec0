package dev.imager.protocol;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every NATS subject and queue group imager uses, built from one configurable prefix.
 *
 * <p>With the default prefix {@value #DEFAULT_PREFIX}:
 * <ul>
 *   <li>{@code imager.jobs}: jobs; workers queue-subscribe in group {@code imager-workers}, so each job
 *       reaches exactly one worker;</li>
 *   <li>{@code imager.users-jobs}: closed-model jobs ({@code users-job}), in the same queue group; only workers that
 *       run the closed model subscribe, so an older worker never receives one;</li>
 *   <li>{@code imager.results.<coordinatorId>}: the reply-to of every job: acks, result deltas, rejections;</li>
 *   <li>{@code imager.heartbeat.<workerId>}: one beat per worker per interval;</li>
 *   <li>{@code imager.control}: broadcast run start / stop / drain;</li>
 *   <li>{@code imager.status}: the coordinator's request-reply status endpoint.</li>
 * </ul>
 * Everything on these subjects is JSON, so {@code nats sub 'imager.>'} shows a run as it happens.
 */
public final class Subjects {

    /** Prefix used when none is configured. */
    public static final String DEFAULT_PREFIX = "imager";

    // A subject token: no whitespace, no wildcards, no dots.
    private static final Pattern TOKEN = Pattern.compile("[^\\s.*>]+");
    private static final Pattern PREFIX = Pattern.compile("[^\\s.*>]+(\\.[^\\s.*>]+)*");

    private final String prefix;

    private Subjects(String prefix) {
        this.prefix = prefix;
    }

    /** Subjects under the default prefix. */
    public static Subjects defaults() {
        return new Subjects(DEFAULT_PREFIX);
    }

    /**
     * Subjects under {@code prefix}, which must be one or more dot-separated tokens without wildcards
     * or whitespace (e.g. {@code imager} or {@code team-a.imager}).
     *
     * @throws IllegalArgumentException when the prefix is not a valid subject prefix
     */
    public static Subjects withPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("subject prefix '" + prefix
                    + "' must be dot-separated tokens without spaces, '*' or '>'");
        }
        return new Subjects(prefix);
    }

    public String prefix() {
        return prefix;
    }

    /** Subject jobs are published on; workers queue-subscribe to it in {@link #workerQueueGroup()}. */
    public String jobs() {
        return prefix + ".jobs";
    }

    /**
     * Subject closed-model jobs are published on; workers that run the closed model queue-subscribe to it in
     * {@link #workerQueueGroup()}.
     */
    public String usersJobs() {
        return prefix + ".users-jobs";
    }

    /** Queue group of all workers, so each job is delivered to exactly one of them. */
    public String workerQueueGroup() {
        return prefix.replace('.', '-') + "-workers";
    }

    /** Reply subject of a coordinator's jobs: acks, result deltas and rejections come back on it. */
    public String results(String coordinatorId) {
        return prefix + ".results." + token(coordinatorId, "coordinatorId");
    }

    /**
     * The coordinator id in {@code subject} when it is a results subject under this prefix
     * ({@code <prefix>.results.<coordinatorId>}); empty for any other subject. Workers answer only on such
     * subjects, and a run's control messages count only from the coordinator its jobs report to.
     */
    public Optional<String> coordinatorOfResults(String subject) {
        String head = prefix + ".results.";
        if (subject == null || !subject.startsWith(head)) {
            return Optional.empty();
        }
        String id = subject.substring(head.length());
        return TOKEN.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }

    /** The worker id in {@code subject} when it is a heartbeat subject under this prefix; empty otherwise. */
    public Optional<String> workerOfHeartbeat(String subject) {
        String head = prefix + ".heartbeat.";
        if (subject == null || !subject.startsWith(head)) {
            return Optional.empty();
        }
        String id = subject.substring(head.length());
        return TOKEN.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }

    /** Subject one worker beats on. */
    public String heartbeat(String workerId) {
        return prefix + ".heartbeat." + token(workerId, "workerId");
    }

    /** Wildcard matching every worker's heartbeat subject. */
    public String allHeartbeats() {
        return prefix + ".heartbeat.*";
    }

    /** Subject one worker hears the coordinator's confirmations of its results on. */
    public String confirmations(String workerId) {
        return prefix + ".confirm." + token(workerId, "workerId");
    }

    /** Wildcard matching every worker's confirmation subject. */
    public String allConfirmations() {
        return prefix + ".confirm.*";
    }

    /** Broadcast subject for run start / stop / drain. */
    public String control() {
        return prefix + ".control";
    }

    /** Request-reply subject answered with the coordinator's run status. */
    public String status() {
        return prefix + ".status";
    }

    /** Wildcard matching everything imager publishes under this prefix. */
    public String everything() {
        return prefix + ".>";
    }

    /**
     * Checks that {@code value} can be used as a single subject token (ids become subject tokens).
     *
     * @throws IllegalArgumentException naming {@code what} when it cannot
     */
    public static String token(String value, String what) {
        if (value == null || !TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value
                    + "' cannot be a subject token: it must be non-empty without spaces, '.', '*' or '>'");
        }
        return value;
    }

    @Override
    public String toString() {
        return "Subjects[" + prefix + "]";
    }
}
