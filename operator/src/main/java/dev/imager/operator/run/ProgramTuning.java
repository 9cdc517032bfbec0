package dev.imager.operator.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.EnvVar;
import dev.imager.protocol.cli.GoDuration;
import dev.imager.worker.WorkerSettings;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the release's values add to the pods of one program of every run: flags (the workers' tuning: the chart's
 * {@code worker.maxInflight}, {@code eventLoops}, {@code cpuPinning}, ..., {@code extraArgs}) and JVM options
 * ({@code worker.javaOpts}, {@code coordinator.javaOpts}), so that a LoadTest's pods run as the release's own do.
 *
 * <p>The chart's administrator sets these, not a LoadTest's author; still, a flag the operator sets for every run
 * itself (where NATS is and who the pod is there, the allowed targets, the metrics port) is refused here, at start:
 * given twice, the program would refuse to start in every run.
 */
public record ProgramTuning(List<String> args, String javaOpts) {

    /** Nothing added: the program's defaults. */
    public static final ProgramTuning NONE = new ProgramTuning(List.of(), "");

    /** A flag value larger than this is refused: a few flags are a few hundred bytes. */
    static final int MAX_JSON_BYTES = 64 * 1024;

    private static final String DRAIN_TIMEOUT = "drain-timeout";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public ProgramTuning {
        args = args == null ? List.of() : List.copyOf(args);
        javaOpts = javaOpts == null ? "" : javaOpts.strip();
    }

    /**
     * The flags in {@code argsJson} (a JSON list of strings, each a flag such as {@code "--max-inflight=5000"}; empty or
     * blank: none) and the JVM options {@code javaOpts} (empty: the image's).
     *
     * @param operatorSet the flags the operator sets in every run itself ({@code --name=value} or names): refused here
     * @throws IllegalArgumentException naming {@code argsFlag} and what is wrong
     */
    public static ProgramTuning parse(String argsJson, String argsFlag, String javaOpts, List<String> operatorSet) {
        if (argsJson == null || argsJson.isBlank()) {
            return new ProgramTuning(List.of(), javaOpts);
        }
        if (argsJson.getBytes(StandardCharsets.UTF_8).length > MAX_JSON_BYTES) {
            throw new IllegalArgumentException(argsFlag + ": over " + MAX_JSON_BYTES + " bytes");
        }
        String[] parsed;
        try {
            parsed = JSON.readValue(argsJson, String[].class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(argsFlag + ": not a JSON list of flags such as [\"--max-inflight=5000\"]: "
                    + e.getOriginalMessage(), e);
        }
        List<String> args = new ArrayList<>();
        for (String arg : parsed == null ? new String[0] : parsed) {
            if (arg == null || !arg.startsWith("-")) {
                throw new IllegalArgumentException(argsFlag + ": " + (arg == null ? "null" : "'" + arg + "'")
                        + " is not a flag (write --name=value, one element per flag)");
            }
            String name = flagName(arg);
            if (operatorSet.stream().map(ProgramTuning::flagName).anyMatch(name::equals)) {
                throw new IllegalArgumentException(argsFlag + ": " + arg.split("=", 2)[0] + " is set by the operator "
                        + "for every run (from its own flags); it cannot be given again");
            }
            args.add(arg);
        }
        ProgramTuning tuning = new ProgramTuning(args, javaOpts);
        try {
            tuning.drainTimeout(); // refused now, not at the first run's pods
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(argsFlag + ": " + e.getMessage(), e);
        }
        return tuning;
    }

    /** A flag's name without its dashes and value, lower case: {@code --Max-Inflight=5} is {@code max-inflight}. */
    static String flagName(String arg) {
        return arg.replaceFirst("^-+", "").split("=", 2)[0].toLowerCase(Locale.ROOT);
    }

    /**
     * The worker's {@code --drain-timeout} among these flags (the last one given), or its default: how long the pod's
     * termination grace period must leave a draining worker.
     *
     * @throws IllegalArgumentException naming the flag when its value is not a duration
     */
    Duration drainTimeout() {
        Duration drain = WorkerSettings.DEFAULT_DRAIN_TIMEOUT;
        for (String arg : args) {
            if (flagName(arg).equals(DRAIN_TIMEOUT)) {
                String[] nameValue = arg.split("=", 2);
                try {
                    drain = GoDuration.parse(nameValue.length == 2 ? nameValue[1] : null);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(arg + ": " + e.getMessage(), e);
                }
            }
        }
        return drain;
    }

    /** {@code JAVA_OPTS} for the pod, when JVM options are set. */
    List<EnvVar> env() {
        return javaOpts.isEmpty() ? List.of() : List.of(new EnvVarBuilder().withName("JAVA_OPTS").withValue(javaOpts).build());
    }
}
