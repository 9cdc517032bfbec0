package dev.imager.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.imager.protocol.latency.LatencySnapshot;
import java.util.Map;
import java.util.TreeMap;

/**
 * A delta of one job's results since the worker's previous delta for that job. Workers stream these at
 * least every second while a job runs and end with one where {@code done} is true. Summing every delta of
 * a job gives its totals; {@code seq} numbers the deltas from 0 so duplicates and gaps are visible.
 *
 * @param runId the job's run
 * @param round the job's round
 * @param jobId the job
 * @param workerId the worker running it
 * @param seq delta sequence number for this job, from 0
 * @param outcomes requests that ended in this delta, by outcome
 * @param statusCodes responses received in this delta by HTTP status code
 * @param bytesReceived response bytes (headers and body) received in this delta
 * @param latency from each request's planned instant to its complete response (coordinated-omission
 *     corrected: what a user would have felt)
 * @param serviceTime from each request's actual write to its complete response
 * @param sendLag actual write minus planned instant, for every request sent
 * @param done true on the job's final delta: every request of the job is accounted for
 */
public record JobResult(
        @JsonProperty(required = true) String runId,
        @JsonProperty(required = true) long round,
        @JsonProperty(required = true) String jobId,
        @JsonProperty(required = true) String workerId,
        @JsonProperty(required = true) int seq,
        @JsonProperty(required = true) OutcomeCounts outcomes,
        @JsonProperty(required = true) Map<Integer, Long> statusCodes,
        @JsonProperty(required = true) long bytesReceived,
        @JsonProperty(required = true) LatencySnapshot latency,
        @JsonProperty(required = true) LatencySnapshot serviceTime,
        @JsonProperty(required = true) LatencySnapshot sendLag,
        @JsonProperty(required = true) boolean done) implements Message {

    public JobResult {
        Checks.nonBlank(runId, "runId");
        Checks.nonNegative(round, "round");
        Checks.nonBlank(jobId, "jobId");
        Checks.nonBlank(workerId, "workerId");
        Checks.nonNegative(seq, "seq");
        Checks.required(outcomes, "outcomes");
        Checks.required(statusCodes, "statusCodes");
        Checks.nonNegative(bytesReceived, "bytesReceived");
        Checks.required(latency, "latency");
        Checks.required(serviceTime, "serviceTime");
        Checks.required(sendLag, "sendLag");
        TreeMap<Integer, Long> codes = new TreeMap<>();
        statusCodes.forEach((code, count) -> {
            if (code == null || code < 100 || code > 999) {
                throw new IllegalArgumentException("statusCodes key " + code + " is not an HTTP status code");
            }
            if (count == null || count < 0) {
                throw new IllegalArgumentException("statusCodes[" + code + "] must be >= 0, got " + count);
            }
            codes.put(code, count);
        });
        statusCodes = java.util.Collections.unmodifiableMap(codes);
    }
}
