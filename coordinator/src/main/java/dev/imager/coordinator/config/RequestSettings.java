package dev.imager.coordinator.config;

import static dev.imager.coordinator.config.RequestFlags.FOLLOW_REDIRECTS;
import static dev.imager.coordinator.config.RequestFlags.MAX_REDIRECTS;
import static dev.imager.coordinator.config.RequestFlags.RANDOM_SUM_MAX;
import static dev.imager.coordinator.config.RequestFlags.RANDOM_SUM_MIN;
import static dev.imager.coordinator.config.RequestFlags.REQUEST_SOURCE_FILE;
import static dev.imager.coordinator.config.RequestFlags.REQUEST_SOURCE_TYPE;
import static dev.imager.coordinator.config.RequestFlags.REQUEST_TIMEOUT;

import dev.imager.protocol.cli.GoDuration;
import dev.imager.protocol.message.HttpVersionChoice;
import dev.imager.protocol.message.Job;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The "Requests" section ({@link RequestFlags}): where requests come from and how long each may take.
 * Request sources get this section ({@code RequestSourceFactory}); the built-in ones check the rules
 * they rely on with the {@code check*} methods, so that settings built in code without validation fail
 * with the same flag-named messages.
 *
 * @param sourceType {@code -request-source-type}: name of a request source (built-in or plug-in)
 * @param sourceFile {@code -request-source-file}: request file of the {@code file} source
 * @param randomSumPath {@code -random-sum-path}: path of the {@code random-sum} source; empty = /sum
 * @param randomSumMin {@code -random-sum-min}: inclusive lower bound of a and b
 * @param randomSumMax {@code -random-sum-max}: inclusive upper bound of a and b
 * @param timeout {@code --request-timeout}: a request without a complete response after this long is a timeout
 * @param httpVersion {@code --http-version}: the HTTP version workers speak to the target
 * @param followRedirects {@code --follow-redirects}: whether workers follow 3xx responses with a Location
 * @param maxRedirects {@code --max-redirects}: redirects followed per request before it fails
 */
public record RequestSettings(String sourceType, String sourceFile, String randomSumPath, long randomSumMin,
        long randomSumMax, Duration timeout, HttpVersionChoice httpVersion, boolean followRedirects,
        int maxRedirects) {

    /** The original's default: requests from a file mounted from a ConfigMap. */
    public static final String DEFAULT_SOURCE_TYPE = "file";
    /** Where the original's manifests mount the request ConfigMap. */
    public static final String DEFAULT_SOURCE_FILE = "/config/requests.json";
    /** The demo sumservice's endpoint. */
    public static final String DEFAULT_RANDOM_SUM_PATH = "/sum";
    /** Inclusive lower bound of the random operands. */
    public static final long DEFAULT_RANDOM_SUM_MIN = 1;
    /** Inclusive upper bound of the random operands. */
    public static final long DEFAULT_RANDOM_SUM_MAX = 100;
    /** Longer than any healthy response, short enough to count a hung target within a round or two. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** The original's Go client: HTTP/2 where a TLS server offers it, else HTTP/1.1. */
    public static final HttpVersionChoice DEFAULT_HTTP_VERSION = HttpVersionChoice.AUTO;
    /** The original's Go client followed redirects. */
    public static final boolean DEFAULT_FOLLOW_REDIRECTS = true;
    /** The original's Go client stopped after 10 redirects. */
    public static final int DEFAULT_MAX_REDIRECTS = Job.DEFAULT_MAX_REDIRECTS;

    /** Every default. */
    public static final RequestSettings DEFAULTS = new RequestSettings(DEFAULT_SOURCE_TYPE, DEFAULT_SOURCE_FILE,
            DEFAULT_RANDOM_SUM_PATH, DEFAULT_RANDOM_SUM_MIN, DEFAULT_RANDOM_SUM_MAX, DEFAULT_TIMEOUT,
            DEFAULT_HTTP_VERSION, DEFAULT_FOLLOW_REDIRECTS, DEFAULT_MAX_REDIRECTS);

    public RequestSettings {
        sourceType = Objects.requireNonNullElse(sourceType, "");
        sourceFile = Objects.requireNonNullElse(sourceFile, "");
        randomSumPath = Objects.requireNonNullElse(randomSumPath, "");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(httpVersion, "httpVersion");
    }

    /** What each job asks of its worker: redirects to follow per request, 0 when they are not followed. */
    public int redirectsPerRequest() {
        return followRedirects ? maxRedirects : 0;
    }

    /**
     * Every problem of this section, each starting with its flag; empty when valid. An unknown
     * {@code -request-source-type} is not one: a plug-in may claim it, and the source lookup rejects it
     * later with the list of known types.
     */
    public List<String> problems() {
        ConfigProblems p = new ConfigProblems();
        if (sourceType.isEmpty()) {
            p.add(REQUEST_SOURCE_TYPE, "is required");
        }
        if (sourceType.equals("file")) {
            checkSourceFile(p);
        }
        if (sourceType.equals("random-sum")) {
            checkRandomSumBounds(p);
        }
        p.positive(REQUEST_TIMEOUT, timeout);
        if (timeout.toMillis() > Job.MAX_TIMEOUT_MILLIS) {
            p.add(REQUEST_TIMEOUT, "must be at most " + GoDuration.format(Duration.ofMillis(Job.MAX_TIMEOUT_MILLIS))
                    + " (the longest a worker waits for a response), got " + GoDuration.format(timeout));
        }
        if (maxRedirects < 1 || maxRedirects > Job.MAX_REDIRECTS_LIMIT) {
            p.add(MAX_REDIRECTS, "must be 1.." + Job.MAX_REDIRECTS_LIMIT + " (to follow none, use "
                    + FOLLOW_REDIRECTS + "=false), got " + maxRedirects);
        }
        return p.list();
    }

    /** The {@code file} source's rule: {@code -request-source-file} is given. */
    public void checkSourceFile(ConfigProblems p) {
        if (sourceFile.isEmpty()) {
            p.add(REQUEST_SOURCE_FILE, "is required when " + REQUEST_SOURCE_TYPE + "=file");
        }
    }

    /** The {@code random-sum} source's rule: {@code -random-sum-max >= -random-sum-min}. */
    public void checkRandomSumBounds(ConfigProblems p) {
        if (randomSumMax < randomSumMin) {
            p.add(RANDOM_SUM_MAX, "must be >= " + RANDOM_SUM_MIN + " (" + randomSumMin + "), got " + randomSumMax);
        }
    }
}
