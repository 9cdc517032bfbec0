package dev.imager.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The original executor's flags that have no meaning for a worker, found on a command line so that each is
 * refused with what replaces it, rather than with "unknown option" (or, for {@code -host=...}, read as
 * {@code -h} and answered with the help and exit code 0, which a container restarts forever). Every one of the
 * original's manifests passes them: {@code -host=imager-orchestrator -port=8099 -workers=2 -metrics-port=9100}.
 * {@code -metrics-port} keeps its meaning and is not here.
 */
final class RetiredExecutorFlags {

    private static final String NATS = "workers take their jobs from NATS, not from the orchestrator's HTTP API: "
            + "set --nats-url (e.g. --nats-url=nats://nats:4222) instead";

    /** Flag name without dashes → why it is gone and what to do instead. */
    private static final Map<String, String> RETIRED = Map.of(
            "host", "the original executor's orchestrator host; " + NATS,
            "port", "the original executor's orchestrator port; " + NATS,
            "workers", "the original executor's number of sequential senders; a worker sends from its cores "
                    + "(--event-loops) with up to --max-inflight requests in flight: remove it, and scale with replicas");

    private RetiredExecutorFlags() {
    }

    /**
     * One problem per retired flag in {@code args} ({@code -host}, {@code --host}, {@code -host=x}, ...), in the
     * order given, each starting with the flag as typed.
     */
    static List<String> problems(String... args) {
        List<String> problems = new ArrayList<>();
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                continue;
            }
            int eq = arg.indexOf('=');
            String flag = eq < 0 ? arg : arg.substring(0, eq);
            String why = RETIRED.get(flag.replaceFirst("^--?", ""));
            if (why != null) {
                problems.add(flag + ": " + why);
            }
        }
        return problems;
    }
}
