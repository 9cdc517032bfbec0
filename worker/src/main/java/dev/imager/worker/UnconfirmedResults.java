package dev.imager.worker;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;

/**
 * What a worker has sent and the coordinator has not confirmed yet: each job's acknowledgement and result deltas,
 * encoded, in the order they were sent. Every {@link #due} pass hands back, job by job and in sequence order, what
 * has waited longer than the resend interval, so a broker restart (which loses what the broker held) costs a resend,
 * not a result. A confirmation removes a job's entries up to its sequence number.
 *
 * <p>Bounded: at most {@code maxBytes} of payload are kept; beyond it the oldest entries are given up (the
 * coordinator then counts their requests lost, as it would have without resending), and so is anything older than
 * the retention, which outlives by far the coordinator's wait for a job's results. Control thread only.
 */
final class UnconfirmedResults {

    /** One message sent and kept for resending. */
    record Entry(String replyTo, int seq, byte[] payload, long firstSentNanos) {
    }

    private static final class JobEntries {
        final ArrayDeque<Entry> entries = new ArrayDeque<>();
        long lastSentNanos;
    }

    private final long maxBytes;
    private final long resendAfterNanos;
    private final long retentionNanos;
    /** By job key, oldest job first (insertion order). */
    private final LinkedHashMap<String, JobEntries> jobs = new LinkedHashMap<>();
    private long bytes;
    private int count;
    private long givenUp;

    UnconfirmedResults(long maxBytes, long resendAfterNanos, long retentionNanos) {
        this.maxBytes = maxBytes;
        this.resendAfterNanos = resendAfterNanos;
        this.retentionNanos = retentionNanos;
    }

    /** Keeps a message just sent: {@code seq} is the delta's sequence number, -1 for the acknowledgement. */
    void sent(String jobKey, String replyTo, int seq, byte[] payload, long nowNanos) {
        JobEntries job = jobs.computeIfAbsent(jobKey, k -> new JobEntries());
        job.entries.addLast(new Entry(replyTo, seq, payload, nowNanos));
        job.lastSentNanos = nowNanos;
        bytes += payload.length;
        count++;
        while (bytes > maxBytes && !jobs.isEmpty()) {
            removeOldest();
        }
    }

    /** The coordinator counted the job's messages up to {@code seq}: forget them. */
    void confirmed(String jobKey, int seq) {
        JobEntries job = jobs.get(jobKey);
        if (job == null) {
            return;
        }
        while (!job.entries.isEmpty() && job.entries.peekFirst().seq() <= seq) {
            forget(job.entries.pollFirst());
        }
        if (job.entries.isEmpty()) {
            jobs.remove(jobKey);
        }
    }

    /**
     * What to send again at {@code nowNanos}: every entry of each job whose last send is older than the resend
     * interval, in sequence order (the coordinator counts a job's deltas in order only). Gives up entries past the
     * retention first.
     */
    List<Entry> due(long nowNanos) {
        List<Entry> due = new ArrayList<>();
        for (Iterator<Map.Entry<String, JobEntries>> it = jobs.entrySet().iterator(); it.hasNext(); ) {
            JobEntries job = it.next().getValue();
            while (!job.entries.isEmpty() && nowNanos - job.entries.peekFirst().firstSentNanos() > retentionNanos) {
                forget(job.entries.pollFirst());
                givenUp++;
            }
            if (job.entries.isEmpty()) {
                it.remove();
            } else if (nowNanos - job.lastSentNanos >= resendAfterNanos) {
                due.addAll(job.entries);
                job.lastSentNanos = nowNanos;
            }
        }
        return due;
    }

    long bytes() {
        return bytes;
    }

    int count() {
        return count;
    }

    /** Entries dropped unconfirmed (over the bound or past the retention) so far. */
    long givenUp() {
        return givenUp;
    }

    private void removeOldest() {
        Iterator<JobEntries> it = jobs.values().iterator();
        JobEntries oldest = it.next();
        forget(oldest.entries.pollFirst());
        givenUp++;
        if (oldest.entries.isEmpty()) {
            it.remove();
        }
    }

    private void forget(Entry e) {
        bytes -= e.payload().length;
        count--;
    }
}
