package dev.imager.coordinator.config;

import static dev.imager.coordinator.config.RequestSettings.DEFAULTS;

import dev.imager.protocol.cli.FlagBinder;
import dev.imager.protocol.cli.GoDuration;
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

    RequestSettings bind(FlagBinder f) {
        return new RequestSettings(sourceType, sourceFile, randomSumPath,
                f.longValue(RANDOM_SUM_MIN, randomSumMin, DEFAULTS.randomSumMin()),
                f.longValue(RANDOM_SUM_MAX, randomSumMax, DEFAULTS.randomSumMax()),
                f.duration(REQUEST_TIMEOUT, timeout, DEFAULTS.timeout()));
    }
}
