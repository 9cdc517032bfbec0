package dev.imager.coordinator.config;

import dev.imager.protocol.cli.GoDuration;
import static dev.imager.coordinator.config.FlagNames.*;

import picocli.CommandLine.Option;

/** The "Requests" section of the command line: what each request looks like. */
final class RequestFlags {

    @Option(names = {"-request-source-type", "--request-source-type"}, paramLabel = "<name>",
            description = "Where requests come from: file, random-sum, or a plug-in's name. "
                    + "Default: ${DEFAULT-VALUE}.")
    String requestSourceType = CoordinatorConfig.DEFAULT_REQUEST_SOURCE_TYPE;

    @Option(names = {"-request-source-file", "--request-source-file"}, paramLabel = "<file>",
            description = "Request file of the file source: JSON request objects, one per line (or a JSON "
                    + "array), served round-robin. Default: ${DEFAULT-VALUE}.")
    String requestSourceFile = CoordinatorConfig.DEFAULT_REQUEST_SOURCE_FILE;

    @Option(names = {"-random-sum-path", "--random-sum-path"}, paramLabel = "<path>",
            description = "Path of the random-sum source (GET <path>?a=A&b=B); empty = /sum. "
                    + "Default: ${DEFAULT-VALUE}.")
    String randomSumPath = CoordinatorConfig.DEFAULT_RANDOM_SUM_PATH;

    @Option(names = {"-random-sum-min", "--random-sum-min"}, paramLabel = "<n>",
            description = "Inclusive lower bound of A and B. Default: ${DEFAULT-VALUE}.")
    String randomSumMin = Long.toString(CoordinatorConfig.DEFAULT_RANDOM_SUM_MIN);

    @Option(names = {"-random-sum-max", "--random-sum-max"}, paramLabel = "<n>",
            description = "Inclusive upper bound of A and B (>= -random-sum-min). Default: ${DEFAULT-VALUE}.")
    String randomSumMax = Long.toString(CoordinatorConfig.DEFAULT_RANDOM_SUM_MAX);

    @Option(names = {"--request-timeout", "-request-timeout"}, paramLabel = "<duration>",
            description = "A request without a complete response after this long counts as a timeout. "
                    + "Default: ${DEFAULT-VALUE}.")
    String requestTimeout = GoDuration.format(CoordinatorConfig.DEFAULT_REQUEST_TIMEOUT);

    void bindTo(CoordinatorConfigBuilder b, FlagBinder f) {
        b.requestSourceType(requestSourceType);
        b.requestSourceFile(requestSourceFile);
        b.randomSumPath(randomSumPath);
        f.longValue(RANDOM_SUM_MIN, randomSumMin).ifPresent(b::randomSumMin);
        f.longValue(RANDOM_SUM_MAX, randomSumMax).ifPresent(b::randomSumMax);
        f.duration(REQUEST_TIMEOUT, requestTimeout).ifPresent(b::requestTimeout);
    }
}
