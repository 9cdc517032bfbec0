package dev.imager.coordinator.config;

import static dev.imager.coordinator.config.RequestSettings.DEFAULTS;

import dev.imager.protocol.cli.FlagBinder;
import dev.imager.protocol.cli.GoDuration;
import dev.imager.protocol.message.HttpVersionChoice;
import picocli.CommandLine.Option;

/**
 * The "Requests" flags: what each request looks like; bound into {@link RequestSettings}. Each flag name
 * is written once, in its constant: help and problem messages spell it that way (one dash for the
 * original's flags, two for new ones), and the other dash form is accepted too.
 */
public final class RequestFlags {

    public static final String REQUEST_SOURCE_TYPE = "-request-source-type";
    public static final String REQUEST_SOURCE_FILE = "-request-source-file";
    public static final String RANDOM_SUM_PATH = "-random-sum-path";
    public static final String RANDOM_SUM_MIN = "-random-sum-min";
    public static final String RANDOM_SUM_MAX = "-random-sum-max";
    public static final String REQUEST_TIMEOUT = "--request-timeout";
    public static final String HTTP_VERSION = "--http-version";
    public static final String FOLLOW_REDIRECTS = "--follow-redirects";
    public static final String MAX_REDIRECTS = "--max-redirects";

    @Option(names = REQUEST_SOURCE_TYPE, paramLabel = "<name>",
            description = "Where requests come from: file, random-sum, or a plug-in's name. "
                    + "Default: ${DEFAULT-VALUE}.")
    String sourceType = DEFAULTS.sourceType();

    @Option(names = REQUEST_SOURCE_FILE, paramLabel = "<file>",
            description = "Request file of the file source: JSON request objects, one per line (or a JSON "
                    + "array), served round-robin. Default: ${DEFAULT-VALUE}.")
    String sourceFile = DEFAULTS.sourceFile();

    @Option(names = RANDOM_SUM_PATH, paramLabel = "<path>",
            description = "Path of the random-sum source (GET <path>?a=A&b=B); empty = /sum. "
                    + "Default: ${DEFAULT-VALUE}.")
    String randomSumPath = DEFAULTS.randomSumPath();

    @Option(names = RANDOM_SUM_MIN, paramLabel = "<n>",
            description = "Inclusive lower bound of A and B. Default: ${DEFAULT-VALUE}.")
    String randomSumMin = Long.toString(DEFAULTS.randomSumMin());

    @Option(names = RANDOM_SUM_MAX, paramLabel = "<n>",
            description = "Inclusive upper bound of A and B (>= -random-sum-min). Default: ${DEFAULT-VALUE}.")
    String randomSumMax = Long.toString(DEFAULTS.randomSumMax());

    @Option(names = REQUEST_TIMEOUT, paramLabel = "<duration>",
            description = "A request without a complete response after this long counts as a timeout. "
                    + "Default: ${DEFAULT-VALUE}.")
    String timeout = GoDuration.format(DEFAULTS.timeout());

    @Option(names = HTTP_VERSION, paramLabel = "<1.1|2|auto>",
            description = "HTTP version spoken to the target: 1.1; 2 (h2 by ALPN on https, h2c with prior knowledge "
                    + "on http); auto (h2 where an https server offers it, else 1.1). Default: ${DEFAULT-VALUE}.")
    String httpVersion = DEFAULTS.httpVersion().flagValue();

    @Option(names = FOLLOW_REDIRECTS, paramLabel = "<bool>", arity = "0..1", fallbackValue = "true",
            description = "Follow redirects as the original's Go client did (a final 3xx then counts as a failure); "
                    + "false: a 3xx is the response, counted ok. Default: ${DEFAULT-VALUE}.")
    String followRedirects = Boolean.toString(DEFAULTS.followRedirects());

    @Option(names = MAX_REDIRECTS, paramLabel = "<n>",
            description = "Redirects followed per request; one more fails it. Default: ${DEFAULT-VALUE}.")
    String maxRedirects = Integer.toString(DEFAULTS.maxRedirects());

    RequestSettings bind(FlagBinder f) {
        return new RequestSettings(sourceType, sourceFile, randomSumPath,
                f.longValue(RANDOM_SUM_MIN, randomSumMin, DEFAULTS.randomSumMin()),
                f.longValue(RANDOM_SUM_MAX, randomSumMax, DEFAULTS.randomSumMax()),
                f.duration(REQUEST_TIMEOUT, timeout, DEFAULTS.timeout()),
                f.choice(HTTP_VERSION, httpVersion, HttpVersionChoice.class, DEFAULTS.httpVersion()),
                f.bool(FOLLOW_REDIRECTS, followRedirects, DEFAULTS.followRedirects()),
                f.intValue(MAX_REDIRECTS, maxRedirects, DEFAULTS.maxRedirects()));
    }
}
